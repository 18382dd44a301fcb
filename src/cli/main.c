/* vmtriage: dispatch to one subcommand from the table, git style. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "vmtriage/version.h"

/* Alphabetical. Each command parses its own options and calls the library. */
const struct cli_command cli_commands[] = {
	{ "bundles", cmd_bundles, "walk zone bundles on a sled, read-only: crashes, clusters, advice" },
	{ "corpus", cmd_corpus, "check a replay corpus, or gate a patched VMM's traces against it" },
	{ "decode", cmd_decode, "decode pasted exit bytes: faulting instruction, class, advice" },
	{ "firmware", cmd_firmware, "list the INS/OUTS sites in UEFI firmware images, by module" },
	{ "fleet", cmd_fleet, "query the fleet's crashes in ClickHouse, or load bundles NDJSON into it" },
	{ "help", cmd_help, "show help for vmtriage or one command" },
	{ "merge", cmd_merge, "merge bundles --json reports from many sleds into one clustered report" },
	{ "replay", cmd_replay, "replay a snapshot on the reference INS/OUTS emulator" },
	{ "scan", cmd_scan, "find unhandled-VM-exit crashes in logs (plain or compressed)" },
	{ "version", cmd_version, "print vmtriage's version and its libraries' versions" },
	{ NULL, NULL, NULL },
};

const struct cli_command *cli_find_command(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static void main_usage(FILE *fp)
{
	fprintf(fp, "usage: vmtriage [--version] [--help] <command> [<args>]\n\n"
		    "Triage hypervisor crashes caused by instructions the VMM could not emulate.\n\n"
		    "commands:\n");
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(fp, "  %-10s %s\n", c->name, c->summary);
	fprintf(fp, "\n'vmtriage <command> --help' describes one command; man vmtriage for the rest.\n");
}

static int unknown_command(const char *name)
{
	const char *names[32];
	size_t n = 0;
	for (const struct cli_command *c = cli_commands; c->name && n < 32; c++)
		names[n++] = c->name;
	const char *best = cli_closest(name, names, n);
	if (best)
		cli_errorf("'%s' is not a vmtriage command; did you mean '%s'?", name, best);
	else
		cli_errorf("'%s' is not a vmtriage command (see 'vmtriage help')", name);
	return VT_EXIT_USAGE;
}

static bool is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int cmd_version(int argc, char **argv)
{
	if (argc == 2 && is_help(argv[1])) {
		printf("usage: vmtriage version\n\n"
		       "Print vmtriage's version and the versions of the libraries it runs with\n"
		       "(Capstone, PCRE2, libarchive, libzip, cJSON). Also 'vmtriage --version'.\n");
		return cli_finish_output(VT_EXIT_OK);
	}
	if (argc > 1)
		return cli_usage_error("version", "takes no arguments");
	vt_version_print(stdout);
	return cli_finish_output(VT_EXIT_OK);
}

/* On a terminal, `help CMD` shows the manual page when man can find it
 * (git does the same); otherwise, or when that fails, the usage. */
static void open_manual(const char *cmd)
{
	char page[64], check[128];
	if (!isatty(STDOUT_FILENO) || getenv("VMTRIAGE_NO_MAN"))
		return;
	snprintf(page, sizeof page, "vmtriage-%s", cmd);
	snprintf(check, sizeof check, "man -w %s >/dev/null 2>&1", page);
	if (system(check) != 0)
		return;
	fflush(stdout);
	execlp("man", "man", page, (char *)NULL);
}

int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		main_usage(stdout);
		return cli_finish_output(VT_EXIT_OK);
	}
	if (argc > 2)
		return cli_usage_error("help", "takes at most one command");
	if (is_help(argv[1])) {
		printf("usage: vmtriage help [COMMAND]\n\n"
		       "Without COMMAND, list the commands. With one, show its manual page on a\n"
		       "terminal (when man finds it), or else its usage, as 'vmtriage COMMAND --help'.\n");
		return cli_finish_output(VT_EXIT_OK);
	}
	const struct cli_command *c = cli_find_command(argv[1]);
	if (!c)
		return unknown_command(argv[1]);
	open_manual(c->name);
	char *sub[] = { argv[1], "--help", NULL };
	return c->run(2, sub);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		main_usage(stderr);
		return VT_EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0)
		return cmd_version(1, argv + 1);
	if (is_help(name))
		return cmd_help(1, argv + 1);
	if (name[0] == '-') {
		cli_errorf("unknown option '%s' (see 'vmtriage help')", name);
		return VT_EXIT_USAGE;
	}
	const struct cli_command *c = cli_find_command(name);
	if (!c)
		return unknown_command(name);
	return c->run(argc - 1, argv + 1);
}
