/* Command tables, git style: vmtriage's commands and the subcommands of
 * corpus and fleet are rows of a struct cli_group, and one dispatcher runs
 * them, prints their help and names the closest row on a typo. */
#include "cli.h"

#include <string.h>

#define ROWS_MAX 32

const struct cli_command *cli_find(const struct cli_group *g, const char *name)
{
	for (const struct cli_command *c = g->commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void cli_command_list(FILE *fp, const struct cli_group *g)
{
	int width = 0;
	for (const struct cli_command *c = g->commands; c->name; c++)
		if ((int)strlen(c->name) > width)
			width = (int)strlen(c->name);
	for (const struct cli_command *c = g->commands; c->name; c++)
		fprintf(fp, "  %-*s %s\n", width + 2, c->name, c->summary);
}

int cli_synopsis_lines(FILE *fp, const struct cli_spec *spec, int n)
{
	for (int i = 0; spec->synopsis[i]; i++)
		fprintf(fp, "%s vmtriage %s%s%s\n", n++ ? "      " : "usage:", spec->name,
			spec->synopsis[i][0] ? " " : "", spec->synopsis[i]);
	return n;
}

int cli_rows_synopses(FILE *fp, const struct cli_group *g, int n)
{
	for (const struct cli_command *c = g->commands; c->name; c++)
		if (c->spec)
			n = cli_synopsis_lines(fp, c->spec, n);
	return n;
}

/* Without usage lines of its own, a group's are its rows' synopses. */
static void usage_lines(FILE *fp, const struct cli_group *g)
{
	int n = 0;
	for (int i = 0; g->usage && g->usage[i]; i++)
		fprintf(fp, "%s vmtriage %s%s%s\n", n++ ? "      " : "usage:", g->name ? g->name : "",
			g->name ? " " : "", g->usage[i]);
	if (!g->usage)
		cli_rows_synopses(fp, g, n);
}

void cli_group_usage(FILE *fp, const struct cli_group *g)
{
	usage_lines(fp, g);
	fprintf(fp, "\n%s\n\n%s:\n", g->description, g->name ? "subcommands" : "commands");
	cli_command_list(fp, g);
	fprintf(fp, "\n%s\n", g->footer);
}

static bool is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int cli_unknown_command(const struct cli_group *g, const char *word)
{
	const char *names[ROWS_MAX], *best;
	char list[512] = "";
	size_t n = 0, at = 0;
	for (const struct cli_command *c = g->commands; c->name && n < ROWS_MAX; c++)
		names[n++] = c->name;
	for (size_t i = 0; i < n && at < sizeof list; i++)
		at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", i ? ", " : "", names[i]);
	best = cli_closest(word, names, n);
	if (best)
		cli_errorf("'%s' is not a vmtriage%s%s command; did you mean '%s'?", word, g->name ? " " : "",
			   g->name ? g->name : "", best);
	else
		cli_errorf("'%s' is not a vmtriage%s%s command (one of: %s)", word, g->name ? " " : "",
			   g->name ? g->name : "", list);
	return VT_EXIT_USAGE;
}

static int unknown_option(const struct cli_group *g, const char *arg)
{
	if (!g->name) {
		cli_errorf("unknown option '%s' (see 'vmtriage help')", arg);
		return VT_EXIT_USAGE;
	}
	return cli_usage_error(g->name, "unknown option '%s' (see 'vmtriage %s --help')", arg, g->name);
}

int cli_dispatch(const struct cli_group *g, int argc, char **argv)
{
	const char *word = argc > 1 ? argv[1] : NULL;
	const struct cli_command *c;

	/* fleet's query takes options and no subcommand name, --help included. */
	if (g->fallback && (!word || word[0] == '-'))
		return g->fallback->run(argc, argv);
	if (!word) {
		cli_group_usage(stderr, g);
		return VT_EXIT_USAGE;
	}
	if (is_help(word)) {
		cli_group_usage(stdout, g);
		return cli_finish_output(VT_EXIT_OK);
	}
	if (word[0] == '-')
		return unknown_option(g, word);
	if (!(c = cli_find(g, word)))
		return cli_unknown_command(g, word);
	return c->group ? cli_dispatch(c->group, argc - 1, argv + 1) : c->run(argc - 1, argv + 1);
}
