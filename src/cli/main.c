/* vmtriage: dispatch to one subcommand from the table, git style. */
#include <stdbool.h>
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

static bool is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int cmd_version(int argc, char **argv)
{
	if (argc == 2 && is_help(argv[1])) {
		printf("usage: vmtriage version\n\n"
		       "Print vmtriage's version and the versions of the libraries it runs with\n"
		       "(Capstone, PCRE2, libarchive, libzip, cJSON, zlib) and what inflates gzip\n"
		       "(ISA-L or zlib). Also 'vmtriage --version'.\n");
		return cli_finish_output(VT_EXIT_OK);
	}
	if (argc > 1)
		return cli_usage_error("version", "takes no arguments");
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

/* `help corpus check`: each word but the last names a row with subcommands. */
static int check_words(int n, char **words)
{
	const struct cli_group *g = &vmtriage;
	for (int i = 0; i < n; i++) {
		const struct cli_command *c = cli_find(g, words[i]);
		if (!c)
			return VT_OK; /* the dispatcher names the closest row */
		if (i + 1 < n && !c->group)
			return cli_usage_error("help", "'%s' has no subcommands", words[i]);
		g = c->group;
	}
	return VT_OK;
}

int cmd_help(int argc, char **argv)
{
	char *sub[8] = { "vmtriage" };
	int rc;

	if (argc < 2) {
		cli_group_usage(stdout, &vmtriage);
		return cli_finish_output(VT_EXIT_OK);
	}
	if (is_help(argv[1])) {
		printf("usage: vmtriage help [COMMAND [SUBCOMMAND]]\n\n"
		       "Without COMMAND, list the commands. With one, show its manual page on a\n"
		       "terminal (when man finds it), or else its usage, as 'vmtriage COMMAND --help'\n"
		       "(and 'vmtriage help corpus check' as 'vmtriage corpus check --help').\n");
		return cli_finish_output(VT_EXIT_OK);
	}
	if (argc > 6)
		return cli_usage_error("help", "takes a command and its subcommand, not %d words", argc - 1);
	if ((rc = check_words(argc - 1, argv + 1)) != VT_OK)
		return rc;
	if (cli_find(&vmtriage, argv[1]))
		open_manual(argv[1]);
	/* `vmtriage WORDS... --help`, through the tables. */
	for (int i = 1; i < argc; i++)
		sub[i] = argv[i];
	sub[argc] = "--help";
	return cli_dispatch(&vmtriage, argc + 1, sub);
}

int main(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0))
		return cmd_version(1, argv + 1);
	return cli_dispatch(&vmtriage, argc, argv);
}
