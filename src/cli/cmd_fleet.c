/* vmtriage fleet: the shipped ClickHouse queries as the bundles summary
 * table, and `fleet load` to insert bundles NDJSON. Logic in the library. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd_fleet.h"
#include "commands.h"
#include "vmtriage/fleet.h"
#include "vmtriage/json.h"

enum {
	OPT_CLICKHOUSE = 1, OPT_QUERY, OPT_PARAM, OPT_QUERIES, OPT_TIMEOUT, OPT_SLED, OPT_RACK, OPT_DATABASE,
	OPT_MAX_LINE
};

/* The options of every subcommand that talks to ClickHouse. */
#define ROW_CLICKHOUSE { "clickhouse", 0, CLI_ARG, OPT_CLICKHOUSE, "URL", "ClickHouse HTTP interface (default $VMTRIAGE_CLICKHOUSE)" }
#define ROW_TIMEOUT { "timeout", 0, CLI_ARG, OPT_TIMEOUT, "SECONDS", "give up on a request after this long (default 120)" }

static const struct cli_option query_options[] = {
	ROW_CLICKHOUSE,
	{ "query", 'Q', CLI_ARG, OPT_QUERY, "NAME", "shipped query to run (default top-signatures)" },
	{ "param", 'p', CLI_ARG, OPT_PARAM, "NAME=VALUE", "a query parameter, e.g. since=2026-01-01 (repeatable)" },
	{ "queries", 0, CLI_ARG, OPT_QUERIES, "DIR", "run DIR/NAME.sql instead of the built-in queries" },
	CLI_ROW_JSON("the answer as one JSON document (schema vmtriage.fleet.v2, its rows)"),
	CLI_ROW_NDJSON("the answer as one JSON object a line (schema vmtriage.fleet-row.v2)"),
	ROW_TIMEOUT,
	CLI_ROW_COLOR,
	CLI_ROW_HELP,
	CLI_ROW_END,
};

static const struct cli_option load_options[] = {
	ROW_CLICKHOUSE,
	{ "sled", 0, CLI_ARG, OPT_SLED, "ID", "sled label for rows that have none" },
	{ "rack", 0, CLI_ARG, OPT_RACK, "ID", "rack label for rows that have none" },
	{ "database", 0, CLI_ARG, OPT_DATABASE, "NAME", "database of the schema (default vmtriage)" },
	{ "max-line", 0, CLI_ARG, OPT_MAX_LINE, "BYTES", "skip longer lines, with a warning (default 1048576)" },
	ROW_TIMEOUT,
	CLI_ROW_HELP,
	CLI_ROW_END,
};

static const struct cli_option schema_options[] = { ROW_CLICKHOUSE, ROW_TIMEOUT, CLI_ROW_HELP, CLI_ROW_END };

#define FLEET_PARAMS_MAX 16

struct fleet_state {
	const char *cmd;       /* "fleet", "fleet load", ...: for messages */
	struct vt_clickhouse ch;
	struct vt_fleet_load_opts load;
	const char *query, *queries;
	struct vt_fleet_param params[FLEET_PARAMS_MAX];
	size_t nparams;
	struct cli_common co;  /* --json, --ndjson, --color, --help */
};

static int on_param(struct fleet_state *st, char *arg)
{
	if (st->nparams == FLEET_PARAMS_MAX)
		return cli_usage_error(st->cmd, "at most %d --param", FLEET_PARAMS_MAX);
	if (!vt_fleet_param_parse(arg, &st->params[st->nparams]))
		return cli_usage_error(st->cmd, "--param takes NAME=VALUE, not \"%s\"", arg);
	st->nparams++;
	return 0;
}

static int on_option(void *vs, int id, const char *arg)
{
	struct fleet_state *st = vs;
	uint64_t n;
	int rc;
	switch (id) {
	case OPT_CLICKHOUSE: st->ch.url = arg; return 0;
	case OPT_QUERY: st->query = arg; return 0;
	case OPT_PARAM: return on_param(st, (char *)arg);
	case OPT_QUERIES: st->queries = arg; return 0;
	case OPT_SLED: st->load.sled = arg; return 0;
	case OPT_RACK: st->load.rack = arg; return 0;
	case OPT_DATABASE: st->load.database = arg; return 0;
	case OPT_TIMEOUT:
		if ((rc = cli_count_option(st->cmd, "--timeout", arg, 1, 86400, "seconds", &n)) == 0)
			st->ch.timeout_ms = (long)n * 1000;
		return rc;
	case OPT_MAX_LINE:
		if ((rc = cli_bytes_option(st->cmd, "--max-line", arg, 64, 1u << 30, &n)) == 0)
			st->load.max_line = (size_t)n;
		return rc;
	}
	return VT_EXIT_USAGE;
}

static int run_load(struct fleet_state *st, char **files, int n)
{
	struct vt_fleet_load_stats stats = { 0 };
	struct vt_error err;
	int rc = VT_OK;
	for (int i = 0; i < n && rc == VT_OK; i++)
		rc = vt_fleet_load_file(&st->ch, files[i], &st->load, &stats, &err);
	for (size_t i = 0; i < stats.warnings.n; i++)
		cli_warnf("fleet: %s: %s", stats.warnings.v[i].where, stats.warnings.v[i].what);
	vt_warnings_release(&stats.warnings);
	if (rc != VT_OK) {
		cli_errorf("fleet: %s", err.msg);
		return vt_status_exit(rc);
	}
	printf("loaded %zu crash%s and %zu bundle%s from %zu file%s", stats.crashes, stats.crashes == 1 ? "" : "es",
	       stats.bundles, stats.bundles == 1 ? "" : "s", stats.files, stats.files == 1 ? "" : "s");
	if (stats.skipped)
		printf(" (%zu line%s skipped)", stats.skipped, stats.skipped == 1 ? "" : "s");
	putchar('\n');
	return cli_finish_output(VT_EXIT_OK);
}

static int run_schema(struct fleet_state *st, char **argv, int n)
{
	struct vt_error err;
	size_t statements;
	(void)argv, (void)n; /* none: cli_parse checked */
	if (vt_fleet_schema_load(&st->ch, &statements, &err) != VT_OK) {
		cli_errorf("fleet: %s", err.msg);
		return VT_EXIT_RUNTIME;
	}
	printf("schema loaded: %zu statements (each IF NOT EXISTS)\n", statements);
	return cli_finish_output(VT_EXIT_OK);
}

/* Cells as the answer typed them: numbers stay numbers (a count is an integer).
 * A row names its record first, as every NDJSON line does (docs/json.md). */
static struct vt_json *row_json(const struct vt_fleet_rows *r, size_t i)
{
	struct vt_json *o = vt_json_object_new();
	vt_json_add_string(o, "schema", "vmtriage.fleet-row.v2");
	for (size_t c = 0; c < r->ncols; c++) {
		const char *cell = r->cells[i * r->ncols + c];
		if (cell && r->numeric[i * r->ncols + c])
			vt_json_add_number(o, r->cols[c], strtod(cell, NULL));
		else
			vt_json_add_string(o, r->cols[c], cell);
	}
	return o;
}

static int print_rows(const struct fleet_state *st, const struct vt_fleet_rows *r, struct vt_error *err)
{
	if (st->co.format == VT_FORMAT_TEXT)
		return vt_fleet_rows_text(stdout, &st->co.style, r, err);
	/* --json: one document, {"schema", "query", "rows"} (docs/json.md); --ndjson: the rows. */
	struct vt_json *doc = st->co.format == VT_FORMAT_JSON ? vt_json_object_new() : NULL, *all = NULL;
	if (doc) {
		vt_json_add_string(doc, "schema", "vmtriage.fleet.v2");
		vt_json_add_string(doc, "query", st->query ? st->query : "top-signatures");
		all = vt_json_add_array(doc, "rows");
	}
	for (size_t i = 0; i < r->nrows; i++) {
		struct vt_json *o = row_json(r, i);
		if (all) {
			vt_json_append(all, o);
			continue;
		}
		vt_json_print(stdout, o, VT_FORMAT_NDJSON);
		vt_json_free(o);
	}
	if (doc)
		vt_json_print(stdout, doc, VT_FORMAT_JSON);
	vt_json_free(doc);
	return VT_OK;
}

static int run_query(struct fleet_state *st, char **argv, int n)
{
	struct vt_fleet_rows rows;
	struct vt_error err;
	if (n && cli_find(&cli_fleet, argv[0]))
		return cli_usage_error(st->cmd, "the subcommand comes first: 'vmtriage fleet %s [options] ...'", argv[0]);
	if (n)
		return cli_unknown_command(&cli_fleet, argv[0]);
	int rc = vt_fleet_query(&st->ch, st->queries,
				st->query ? st->query : "top-signatures", st->params, st->nparams, &rows, &err);
	if (rc == VT_OK) {
		rc = print_rows(st, &rows, &err);
		vt_fleet_rows_release(&rows);
	}
	if (rc != VT_OK) {
		cli_errorf("fleet: %s", err.msg);
		return vt_status_exit(rc);
	}
	return cli_finish_output(VT_EXIT_OK);
}

/* ---- the table */

static const char *const query_synopsis[] = {
	"--clickhouse URL [--query NAME] [--param NAME=VALUE]... [--json|--ndjson]", NULL
};
static const char *const load_synopsis[] = {
	"--clickhouse URL [--sled ID] [--rack ID] [--max-line BYTES] FILE...", NULL
};
static const char *const schema_synopsis[] = { "--clickhouse URL", NULL };

static const struct cli_spec query_spec = {
	.name = "fleet",
	.synopsis = query_synopsis,
	.description = "Query the fleet's crashes in ClickHouse (share/clickhouse/schema.sql) with a\n"
		       "shipped query, printed as the summary table 'bundles' prints. Queries:\n"
		       "top-signatures, new-signatures (since=DATE), crashes-per-sled, class-over-time,\n"
		       "zones-for-signature (signature=SIG|ID). The subcommands load crashes into it,\n"
		       "create its schema, or start a private server.",
	.options = query_options,
	.handler = on_option,
	.group = &cli_fleet,
};
static const struct cli_spec load_spec = {
	.name = "fleet load",
	.synopsis = load_synopsis,
	.description = "Insert the crashes and bundles of 'bundles --ndjson' rows or 'bundles --json'\n"
		       "reports (- reads stdin) into ClickHouse, in batches.",
	.options = load_options,
	.handler = on_option,
	.group = &cli_fleet,
	.operands = "FILE...",
	.min_operands = 1,
	.max_operands = CLI_MANY,
};
static const struct cli_spec schema_spec = {
	.name = "fleet schema",
	.synopsis = schema_synopsis,
	.description = "Create vmtriage's tables on an existing ClickHouse server (each statement\n"
		       "IF NOT EXISTS: running it again changes nothing).",
	.options = schema_options,
	.handler = on_option,
	.group = &cli_fleet,
	.operands = "",
	.min_operands = 0,
	.max_operands = 0,
};

/* Parse by spec with ClickHouse's defaults, then run fn on the operands. */
static int fleet_run(const struct cli_spec *spec, int (*fn)(struct fleet_state *, char **, int), int argc,
		     char **argv)
{
	struct fleet_state st;
	int nops, rc;

	memset(&st, 0, sizeof st);
	st.cmd = spec->name;
	vt_clickhouse_default(&st.ch, getenv("VMTRIAGE_CLICKHOUSE"));
	vt_fleet_load_opts_default(&st.load);
	if ((rc = cli_parse(spec, argc, argv, &st, &st.co, &nops)) != 0 || st.co.help)
		return rc;
	if (!st.ch.url || !st.ch.url[0])
		return cli_usage_error(st.cmd, "needs --clickhouse URL (or VMTRIAGE_CLICKHOUSE), e.g. http://127.0.0.1:8123/");
	return fn(&st, argv, nops);
}

static int run_fleet_query(int argc, char **argv) { return fleet_run(&query_spec, run_query, argc, argv); }
static int run_fleet_load(int argc, char **argv) { return fleet_run(&load_spec, run_load, argc, argv); }
static int run_fleet_schema(int argc, char **argv) { return fleet_run(&schema_spec, run_schema, argc, argv); }

static const struct cli_command query = {
	"", run_fleet_query, "run a shipped query (no subcommand)", NULL, &query_spec,
};

static const struct cli_command subcommands[] = {
	{ "load", run_fleet_load, "insert bundles NDJSON rows (or --json reports) into ClickHouse", NULL, &load_spec },
	{ "schema", run_fleet_schema, "create the schema on an existing ClickHouse server", NULL, &schema_spec },
	{ "server", fleet_server, "start a private ClickHouse in DIR and print its URL (or --stop it)", NULL,
	  &fleet_server_spec },
	{ NULL, NULL, NULL, NULL, NULL },
};

/* No description of its own: 'fleet --help' is the query's, with the subcommands. */
const struct cli_group cli_fleet = {
	"fleet", NULL, NULL, "'vmtriage fleet <subcommand> --help' describes one.", subcommands, &query,
};
