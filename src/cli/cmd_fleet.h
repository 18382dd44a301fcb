/* Pieces of `vmtriage fleet` shared by its files. */
#ifndef VMTRIAGE_CMD_FLEET_H
#define VMTRIAGE_CMD_FLEET_H

#include <stdbool.h>

/* `fleet server DIR` (port 0: the first free from 8123) or `--stop DIR`: an exit code. */
int fleet_server(char **argv, int n, unsigned port, bool stop);

#endif
