/* One entry point per subcommand, each in src/cli/cmd_<name>.c. */
#ifndef VMTRIAGE_COMMANDS_H
#define VMTRIAGE_COMMANDS_H

int cmd_bundles(int argc, char **argv);
int cmd_corpus(int argc, char **argv);
int cmd_decode(int argc, char **argv);
int cmd_firmware(int argc, char **argv);
int cmd_fleet(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_replay(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_version(int argc, char **argv);

#endif
