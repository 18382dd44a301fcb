/* vmtriage: dispatch to one subcommand from the table, git style. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "vmtriage/decompress.h"
#include "vmtriage/version.h"

/* Alphabetical. Each command parses its own options and calls the library;
 * corpus and fleet have tables of their own. */
static const struct cli_command commands[] = {
	{ "bundles", cmd_bundles, "walk zone bundles on a sled, read-only: crashes, clusters, advice", NULL, NULL },
	{ "corpus", NULL, "check a replay corpus, or gate a patched VMM's traces against it", &cli_corpus, NULL },
	{ "decode", cmd_decode, "decode pasted exit bytes: faulting instruction, class, advice", NULL, NULL },
	{ "firmware", cmd_firmware, "list the INS/OUTS sites in UEFI firmware images, by module", NULL, NULL },
	{ "fleet", NULL, "query the fleet's crashes in ClickHouse, or load bundles NDJSON into it", &cli_fleet, NULL },
	{ "help", cmd_help, "show help for vmtriage or one command", NULL, NULL },
	{ "merge", cmd_merge, "merge bundles --json reports from many sleds into one clustered report", NULL, NULL },
	{ "replay", cmd_replay, "replay a snapshot on the reference INS/OUTS emulator", NULL, NULL },
	{ "scan", cmd_scan, "find unhandled-VM-exit crashes in logs (plain or compressed)", NULL, NULL },
	{ "version", cmd_version, "print vmtriage's version and its libraries' versions", NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static const char *const usage[] = { "[--version] [--help] <command> [<args>]", NULL };

static const struct cli_group vmtriage = {
	NULL, usage, "Triage hypervisor crashes caused by instructions the VMM could not emulate.",
	"'vmtriage <command> --help' describes one command; man vmtriage for the rest.", commands, NULL,
};

static const struct cli_option help_only[] = { CLI_ROW_HELP, CLI_ROW_END };
static const char *const version_synopsis[] = { "", NULL };

static const struct cli_spec version_spec = {
	.name = "version",
	.synopsis = version_synopsis,
	.description = "Print vmtriage's version and the versions of the libraries it runs with\n"
		       "(Capstone, PCRE2, libarchive, libzip, cJSON, zlib) and what inflates gzip\n"
		       "(ISA-L or zlib). Also 'vmtriage --version'.",
	.options = help_only,
	.operands = "",
	.min_operands = 0,
	.max_operands = 0,
};

int cmd_version(int argc, char **argv)
{
	struct cli_common co = { 0 };
	int nops, rc;
	if ((rc = cli_parse(&version_spec, argc, argv, NULL, &co, &nops)) != 0 || co.help)
		return rc;
	vt_version_print(stdout);
	/* Here, not in util/version.c: the inflater is source/'s, a layer up. */
	printf("inflate %s (gzip)\n", vt_decompress_gzip_backend());
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

static const char *const help_synopsis[] = { "[COMMAND [SUBCOMMAND]]", NULL };

static const struct cli_spec help_spec = {
	.name = "help",
	.synopsis = help_synopsis,
	.description = "Without COMMAND, list the commands. With one, show its manual page on a\n"
		       "terminal (when man finds it), or else its usage, as 'vmtriage COMMAND --help'\n"
		       "(and 'vmtriage help corpus check' as 'vmtriage corpus check --help').",
	.options = help_only,
	.operands = "COMMAND [SUBCOMMAND]",
	.min_operands = 0,
	.max_operands = 2,
};

int cmd_help(int argc, char **argv)
{
	struct cli_common co = { 0 };
	const struct cli_command *c;
	int nops, rc;

	if ((rc = cli_parse(&help_spec, argc, argv, NULL, &co, &nops)) != 0 || co.help)
		return rc;
	if (nops == 0) {
		cli_group_usage(stdout, &vmtriage);
		return cli_finish_output(VT_EXIT_OK);
	}
	/* An unknown word is left to the dispatcher, which names the closest row. */
	if ((c = cli_find(&vmtriage, argv[0])) && nops == 2 && !c->group)
		return cli_usage_error("help", "'%s' has no subcommands", argv[0]);
	if (c)
		open_manual(c->name);
	/* `vmtriage WORDS... --help`, through the tables. */
	char *words[] = { "vmtriage", argv[0], nops == 2 ? argv[1] : "--help", "--help", NULL };
	return cli_dispatch(&vmtriage, nops + 2, words);
}

int main(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0))
		return cmd_version(1, argv + 1);
	return cli_dispatch(&vmtriage, argc, argv);
}
