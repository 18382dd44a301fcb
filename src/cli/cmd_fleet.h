/* Pieces of `vmtriage fleet` shared by its files. */
#ifndef VMTRIAGE_CMD_FLEET_H
#define VMTRIAGE_CMD_FLEET_H

#include "cli.h"

/* `fleet server [--port N] DIR` (no --port: the first free from 8123) or
 * `fleet server --stop DIR` (cmd_fleet_server.c): an exit code. */
int fleet_server(int argc, char **argv);
extern const struct cli_spec fleet_server_spec;

#endif
