/* vmtriage scan: find every unhandled-VM-exit crash in logs. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "vmtriage/crash_report.h"
#include "vmtriage/scan.h"
#include "vmtriage/source.h"

enum { OPT_ALL_PANICS = 1, OPT_MAX_LINE };

static const struct cli_option options[] = {
	CLI_ROW_JSON("a JSON array of crash records"),
	CLI_ROW_NDJSON("one JSON crash record a line, as found"),
	{ "all-panics", 'a', CLI_NO_ARG, OPT_ALL_PANICS, NULL, "also report other Rust panics (class other-panic)" },
	CLI_ROW_EXIT_CODE("exit 1 when crashes were found"),
	CLI_ROW_EMIT_SNAPSHOT,
	CLI_ROW_FORCE_SNAPSHOT,
	{ "max-line", 0, CLI_ARG, OPT_MAX_LINE, "BYTES", "cut longer lines, with a warning (default 1048576)" },
	CLI_ROW_MAX_MEMBER_BYTES("a file"),
	CLI_ROW_COLOR,
	CLI_ROW_HELP,
	CLI_ROW_END,
};

static const char *const synopsis[] = {
	"[options] [FILE...]",
	"[options] < log",
	NULL,
};

struct scan_state {
	struct vt_scan_opts opts;
	struct cli_common co;  /* --json, --ndjson, --color, --exit-code, --emit-snapshot, --force, --max-member-bytes, --help */
	struct vt_json *array;    /* --json: crashes */
	struct vt_json *warnings; /* --json: warnings */
	unsigned unplaced;     /* crashes whose time could not be placed */
	unsigned found;
	unsigned damaged;      /* files that could not be read to their end */
	int rc;
};

static int on_option(void *vs, int id, const char *arg)
{
	struct scan_state *st = vs;
	uint64_t n;
	int rc;
	switch (id) {
	case OPT_ALL_PANICS: st->opts.all_panics = true; return 0;
	case OPT_MAX_LINE:
		if ((rc = cli_bytes_option("scan", "--max-line", arg, 64, SIZE_MAX, &n)) == 0)
			st->opts.max_line = (size_t)n;
		return rc;
	}
	return VT_EXIT_USAGE;
}

static void on_warn(void *ctx, const char *source, uint64_t line, const char *msg)
{
	struct scan_state *st = ctx;
	cli_warnf("%s:%llu: %s", source, (unsigned long long)line, msg);
	if (st->warnings)
		vt_json_append(st->warnings, vt_warning_json(source, line, msg));
}

/* A warning about a whole source (no line). */
static void source_warning(struct scan_state *st, const char *source, const char *msg)
{
	cli_warnf("%s: %s", source, msg);
	if (st->warnings)
		vt_json_append(st->warnings, vt_warning_json(source, 0, msg));
}

static void write_snapshot(struct scan_state *st, const struct vt_crash *c)
{
	char from[VT_CRASH_SOURCE_MAX + 32];
	snprintf(from, sizeof from, "%s:%llu", c->source, (unsigned long long)c->line);
	if (cli_snapshot_emit(st->co.snapshot_dir, c, NULL, from, st->co.snapshot_force))
		st->rc = VT_EXIT_RUNTIME;
}

static int on_crash(void *ctx, const struct vt_crash *c)
{
	struct scan_state *st = ctx;
	st->found++;
	st->unplaced += c->time[0] && !c->when.known;
	if (st->co.snapshot_dir)
		write_snapshot(st, c);
	if (st->co.format == VT_FORMAT_TEXT) {
		if (st->found > 1)
			fputc('\n', stdout);
		vt_crash_report_text(stdout, &st->co.style, c, st->found);
		return 0;
	}
	struct vt_json *o = vt_crash_json(c, NULL);
	if (st->array) {
		vt_json_append(st->array, o);
		return 0;
	}
	vt_json_print(stdout, o, st->co.format);
	vt_json_free(o);
	return 0;
}

static void scan_one(struct scan_state *st, struct vt_scanner *sc, const char *path)
{
	const char *label = strcmp(path, "-") == 0 ? "<stdin>" : path;
	struct vt_source_limits lim;
	struct vt_member m;
	struct vt_error err;

	vt_source_limits_default(&lim);
	lim.max_member = st->co.max_member_bytes;
	struct vt_container *c = vt_container_open_log(path, &lim, &err);
	if (!c) {
		cli_errorf("%s", err.msg);
		st->rc = VT_EXIT_RUNTIME;
		return;
	}
	if (vt_container_next(c, &m, &err) == 1) {
		int rc = vt_scan_stream(sc, label, m.stream, &err);
		if (rc < 0 && err.status == VT_ERR_LIMIT) {
			/* --max-member-bytes or a growing file: a bound, not a
			 * failure; crashes before it were reported. */
			source_warning(st, label, err.msg);
		} else if (rc < 0 && err.status == VT_ERR_INPUT) {
			/* The one rule for damaged input (vmtriage(1)): warn, keep
			 * what was read, exit 2. */
			char msg[400];
			snprintf(msg, sizeof msg, "%s; crashes before it are kept", err.msg);
			source_warning(st, label, msg);
			st->damaged++;
			if (st->rc < VT_EXIT_USAGE)
				st->rc = VT_EXIT_USAGE;
		} else if (rc < 0) {
			cli_errorf("%s: %s", label, err.msg);
			if (vt_status_exit(rc) > st->rc)
				st->rc = vt_status_exit(rc);
		}
	}
	vt_container_close(c);
}

static int run(struct scan_state *st, int nops, char **ops)
{
	struct vt_error err;
	st->opts.on_crash = on_crash;
	st->opts.on_warn = on_warn;
	st->opts.ctx = st;
	struct vt_scanner *sc = vt_scan_new(NULL, &st->opts, &err);
	if (!sc) {
		cli_errorf("scan: %s", err.msg);
		return VT_EXIT_RUNTIME;
	}
	struct vt_json *doc = NULL;
	if (st->co.format == VT_FORMAT_JSON) {
		doc = vt_json_object_new();
		vt_json_add_string(doc, "schema", VT_SCHEMA_SCAN);
		st->array = vt_json_add_array(doc, "crashes");
		st->warnings = vt_json_add_array(doc, "warnings");
	}
	if (nops == 0) {
		cli_note_stdin("scan", "a log");
		scan_one(st, sc, "-");
	}
	for (int i = 0; i < nops; i++)
		scan_one(st, sc, ops[i]);
	if (st->unplaced) {
		char msg[200];
		snprintf(msg, sizeof msg, "%u crash%s a time printed without its %s: \"time\" is null",
			 st->unplaced, st->unplaced == 1 ? " has" : "es have",
			 "date or year and no earlier full date in the log to place it");
		source_warning(st, "scan", msg);
	}
	if (doc) {
		vt_json_print(stdout, doc, VT_FORMAT_JSON);
		vt_json_free(doc);
	} else if (st->co.format == VT_FORMAT_TEXT) {
		struct vt_scan_stats stats;
		vt_scan_stats(sc, &stats);
		printf("%s%u crash%s in %llu source%s", st->found ? "\n" : "", st->found,
		       st->found == 1 ? "" : "es", (unsigned long long)stats.sources, stats.sources == 1 ? "" : "s");
		printf(st->damaged ? ", %u damaged (read up to the damage)\n" : "\n", st->damaged);
	}
	vt_scan_free(sc);
	if (st->rc == VT_EXIT_OK && st->co.exit_code && st->found)
		return VT_EXIT_FOUND;
	return st->rc;
}

static const struct cli_spec spec = {
	.name = "scan",
	.synopsis = synopsis,
	.description = "Find every unhandled-VM-exit crash in propolis, propolis-standalone and\n"
		       "QEMU/KVM logs (plain, gzip, zstd or xz; stdin when no FILE or '-'): one record\n"
		       "per crash with its vCPU, exit kind, bytes, registers, decode and class.",
	.options = options,
	.handler = on_option,
};

int cmd_scan(int argc, char **argv)
{
	struct scan_state st = { 0 };
	int nops, rc;

	if ((rc = cli_parse(&spec, argc, argv, &st, &st.co, &nops)) != 0 || st.co.help)
		return rc;
	return cli_finish_output(run(&st, nops, argv));
}
