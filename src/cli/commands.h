/* One entry point per subcommand, each in src/cli/cmd_<name>.c; corpus and
 * fleet are tables of subcommands (struct cli_group, cli.h). */
#ifndef VMTRIAGE_COMMANDS_H
#define VMTRIAGE_COMMANDS_H

#include "cli.h"

int cmd_bundles(int argc, char **argv);
int cmd_decode(int argc, char **argv);
int cmd_firmware(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_replay(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_version(int argc, char **argv);

extern const struct cli_group cli_corpus; /* cmd_corpus.c */
extern const struct cli_group cli_fleet;  /* cmd_fleet.c */

#endif
