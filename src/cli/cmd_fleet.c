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
	OPT_MAX_LINE, OPT_PORT, OPT_STOP
};

static const struct cli_option options[] = {
	{ "clickhouse", 0, CLI_ARG, OPT_CLICKHOUSE, "URL", "ClickHouse HTTP interface (default $VMTRIAGE_CLICKHOUSE)" },
	{ "query", 'Q', CLI_ARG, OPT_QUERY, "NAME", "shipped query to run (default top-signatures)" },
	{ "param", 'p', CLI_ARG, OPT_PARAM, "NAME=VALUE", "a query parameter, e.g. since=2026-01-01 (repeatable)" },
	{ "queries", 0, CLI_ARG, OPT_QUERIES, "DIR", "run DIR/NAME.sql instead of the built-in queries" },
	CLI_ROW_JSON("the answer as one JSON document (schema vmtriage.fleet.v2, its rows)"),
	CLI_ROW_NDJSON("the answer as one JSON object a line (schema vmtriage.fleet-row.v2)"),
	{ "timeout", 0, CLI_ARG, OPT_TIMEOUT, "SECONDS", "give up on a request after this long (default 120)" },
	{ "sled", 0, CLI_ARG, OPT_SLED, "ID", "load: sled label for rows that have none" },
	{ "rack", 0, CLI_ARG, OPT_RACK, "ID", "load: rack label for rows that have none" },
	{ "database", 0, CLI_ARG, OPT_DATABASE, "NAME", "load: database of the schema (default vmtriage)" },
	{ "max-line", 0, CLI_ARG, OPT_MAX_LINE, "BYTES", "load: skip longer lines, with a warning (default 1048576)" },
	{ "port", 0, CLI_ARG, OPT_PORT, "N", "server: HTTP port on 127.0.0.1 (default: the first free from 8123)" },
	{ "stop", 0, CLI_NO_ARG, OPT_STOP, NULL, "server: stop the server running in DIR" },
	CLI_ROW_COLOR,
	CLI_ROW_HELP,
	CLI_ROW_END,
};

static const char *const synopsis[] = {
	"--clickhouse URL [--query NAME] [--param NAME=VALUE]... [--json|--ndjson]",
	"load --clickhouse URL [--sled ID] [--rack ID] [--max-line BYTES] FILE...",
	"schema --clickhouse URL",
	"server [--port N] DIR | server --stop DIR",
	NULL,
};

#define FLEET_PARAMS_MAX 16

struct fleet_state {
	struct vt_clickhouse ch;
	struct vt_fleet_load_opts load;
	const char *query, *queries;
	struct vt_fleet_param params[FLEET_PARAMS_MAX];
	size_t nparams;
	struct cli_common co;  /* --json, --ndjson, --color, --help */
	bool load_only_opt, server_only_opt, stop;
	unsigned port;
};

static int on_timeout(struct fleet_state *st, const char *arg)
{
	char *end;
	errno = 0;
	long s = strtol(arg, &end, 10);
	if (errno || end == arg || *end || s < 1 || s > 86400)
		return cli_usage_error("fleet", "--timeout takes 1 to 86400 seconds, not \"%s\"", arg);
	st->ch.timeout_ms = s * 1000;
	return 0;
}

static int on_param(struct fleet_state *st, char *arg)
{
	if (st->nparams == FLEET_PARAMS_MAX)
		return cli_usage_error("fleet", "at most %d --param", FLEET_PARAMS_MAX);
	if (!vt_fleet_param_parse(arg, &st->params[st->nparams]))
		return cli_usage_error("fleet", "--param takes NAME=VALUE, not \"%s\"", arg);
	st->nparams++;
	return 0;
}

static int on_max_line(struct fleet_state *st, const char *arg)
{
	char *end;
	errno = 0;
	unsigned long long n = strtoull(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-' || n < 64 || n > (1ull << 30))
		return cli_usage_error("fleet", "--max-line takes a byte count from 64 to 1073741824, not \"%s\"", arg);
	st->load.max_line = (size_t)n;
	st->load_only_opt = true;
	return 0;
}

static int on_option(void *vs, int id, const char *arg)
{
	struct fleet_state *st = vs;
	switch (id) {
	case OPT_CLICKHOUSE: st->ch.url = arg; return 0;
	case OPT_QUERY: st->query = arg; return 0;
	case OPT_PARAM: return on_param(st, (char *)arg);
	case OPT_QUERIES: st->queries = arg; return 0;
	case OPT_TIMEOUT: return on_timeout(st, arg);
	case OPT_SLED: st->load.sled = arg; st->load_only_opt = true; return 0;
	case OPT_RACK: st->load.rack = arg; st->load_only_opt = true; return 0;
	case OPT_DATABASE: st->load.database = arg; st->load_only_opt = true; return 0;
	case OPT_MAX_LINE: return on_max_line(st, arg);
	case OPT_STOP: st->stop = st->server_only_opt = true; return 0;
	case OPT_PORT: {
		char *end;
		long port = strtol(arg, &end, 10);
		if (end == arg || *end || port < 1 || port > 65535)
			return cli_usage_error("fleet", "--port takes 1 to 65535, not \"%s\"", arg);
		st->port = (unsigned)port;
		st->server_only_opt = true;
		return 0;
	}
	}
	return VT_EXIT_USAGE;
}

static int run_load(struct fleet_state *st, char **files, int n)
{
	struct vt_fleet_load_stats stats = { 0 };
	struct vt_error err;
	if (st->query || st->nparams || st->co.format != VT_FORMAT_TEXT)
		return cli_usage_error("fleet", "load takes no --query, --param, --json or --ndjson");
	if (n == 0)
		return cli_usage_error("fleet", "load needs FILE... (bundles --ndjson output, or - for stdin)");
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

static int run_schema(struct fleet_state *st, int n)
{
	struct vt_error err;
	size_t statements;
	if (n)
		return cli_usage_error("fleet", "schema takes no operands");
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

static int run_query(struct fleet_state *st)
{
	struct vt_fleet_rows rows;
	struct vt_error err;
	if (st->load_only_opt)
		return cli_usage_error("fleet", "--sled, --rack, --database and --max-line are for 'fleet load'");
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

int cmd_fleet(int argc, char **argv)
{
	struct fleet_state st;
	int nops, rc;

	memset(&st, 0, sizeof st);
	vt_clickhouse_default(&st.ch, getenv("VMTRIAGE_CLICKHOUSE"));
	vt_fleet_load_opts_default(&st.load);
	if ((rc = cli_parse("fleet", argc, argv, options, on_option, &st, &st.co, &nops)) != 0)
		return rc;
	if (st.co.help) {
		cli_usage(stdout, "fleet", synopsis,
			  "Query the fleet's crashes in ClickHouse (share/clickhouse/schema.sql) with a\n"
			  "shipped query, printed as the summary table 'bundles' prints; or load\n"
			  "'bundles --ndjson' rows (or --json reports) into it. Queries: top-signatures,\n"
			  "new-signatures (since=DATE), crashes-per-sled, class-over-time,\n"
			  "zones-for-signature (signature=SIG|ID). 'fleet server DIR' starts a private\n"
			  "ClickHouse on 127.0.0.1 with the schema loaded and prints its URL;\n"
			  "'fleet schema' creates the schema on an existing server.",
			  options);
		return cli_finish_output(VT_EXIT_OK);
	}
	static const char *const subcommands[] = { "load", "schema", "server" };
	const char *sub = nops ? argv[0] : "";
	bool server = strcmp(sub, "server") == 0;
	if (nops > 0 && !server && strcmp(sub, "load") && strcmp(sub, "schema"))
		return cli_unknown_word("fleet", "subcommand", sub, subcommands, 3);
	if (st.server_only_opt && !server)
		return cli_usage_error("fleet", "--port and --stop are for 'fleet server'");
	if (server)
		return fleet_server(argv + 1, nops - 1, st.port, st.stop);
	if (!st.ch.url || !st.ch.url[0])
		return cli_usage_error("fleet", "needs --clickhouse URL (or VMTRIAGE_CLICKHOUSE), e.g. http://127.0.0.1:8123/");
	if (strcmp(sub, "schema") == 0)
		return run_schema(&st, nops - 1);
	return nops ? run_load(&st, argv + 1, nops - 1) : run_query(&st);
}
