/* vmtriage replay: run snapshots through the reference emulator and show
 * what a correct VMM must do for each exit. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "vmtriage/models.h"
#include "vmtriage/replay.h"
#include "vmtriage/replay_report.h"
#include "vmtriage/snapshot.h"
#include "vmtriage/writefile.h"

enum { OPT_TRACE = 1 };

static const struct cli_option options[] = {
	CLI_ROW_JSON("one JSON object: {schema, results, warnings}"),
	CLI_ROW_NDJSON("one result record a line"),
	{ "trace", 't', CLI_ARG, OPT_TRACE, "FILE", "write the full trace (one JSON object a line); one snapshot only" },
	CLI_ROW_MAX_ELEMENTS,
	CLI_ROW_EXIT_CODE("exit 1 when a verdict is not \"emulated\" (with --model: not \"correct\")"),
	CLI_ROW_MODEL("run a model of a known patch instead, and compare it with the reference"),
	CLI_ROW_COLOR,
	CLI_ROW_HELP,
	CLI_ROW_END,
};

static const char *const synopsis[] = { "[options] SNAPSHOT.json...", NULL };

struct replay_state {
	struct cli_common co;   /* --json, --ndjson, --exit-code, --model, --max-elements, --color, --help */
	const char *trace;
	struct vt_model_report report; /* with --model: the last snapshot's outcome */
	struct vt_result reference;    /* with --model, text: the reference's result, shown beside */
	struct vt_jw jw;        /* --json / --ndjson: streamed */
	unsigned emitted;
	int rc;
};

static int on_option(void *vs, int id, const char *arg)
{
	struct replay_state *st = vs;
	switch (id) {
	case OPT_TRACE: st->trace = arg; return 0;
	}
	return VT_EXIT_USAGE;
}

static void emit(struct replay_state *st, const struct vt_result *r, const char *name)
{
	if (st->co.format == VT_FORMAT_TEXT) {
		if (st->emitted++)
			fputc('\n', stdout);
		if (st->co.model)
			vt_model_report_text(stdout, &st->co.style, st->co.model, &st->report, &st->reference, r, name);
		else
			vt_result_text(stdout, &st->co.style, r, name);
		return;
	}
	const char *schema = VT_RESULT_SCHEMA; /* records name their schema, in an array too */
	if (st->co.model)
		vt_model_report_write(&st->jw, NULL, st->co.model, &st->report, r, name, schema);
	else
		vt_result_write(&st->jw, NULL, r, name, schema);
	if (st->co.format == VT_FORMAT_NDJSON)
		vt_jw_end_document(&st->jw);
}

static int fill_trace(FILE *fp, void *r)
{
	return vt_trace_write(fp, r) ? -1 : 0;
}

/* The file named by --trace is replaced (atomically) on every run. */
static void write_trace(struct replay_state *st, const struct vt_result *r)
{
	struct vt_error err;
	if (strcmp(st->trace, "-") == 0) {
		if (vt_trace_write(stdout, r)) {
			cli_errorf("%s: write failed", st->trace);
			st->rc = VT_EXIT_RUNTIME;
		}
		return;
	}
	if (vt_write_file_with(st->trace, VT_WRITE_REPLACE, fill_trace, (void *)r, &err) != VT_OK) {
		cli_errorf("%s", err.msg);
		st->rc = VT_EXIT_RUNTIME;
	}
}

static void replay_one(struct replay_state *st, const char *path)
{
	struct vt_snapshot *snap;
	struct vt_result r;
	struct vt_error err;
	int rc;

	vt_result_init(&r);
	if ((rc = vt_snapshot_load(path, &snap, &err))) {
		cli_errorf("%s", err.msg);
		st->rc = vt_status_exit(rc);
		if (st->co.format != VT_FORMAT_TEXT) {
			vt_result_invalid(&r, err.msg);
			emit(st, &r, path);
		}
		return;
	}
	rc = st->co.model ? vt_model_replay(st->co.model, snap, st->co.max_elements, &r, &st->report, &err)
		       : vt_replay_run(snap, st->co.max_elements, &r, &err);
	vt_result_init(&st->reference);
	if (rc == VT_OK && st->co.model && st->co.format == VT_FORMAT_TEXT)
		rc = vt_replay_run(snap, st->co.max_elements, &st->reference, &err);
	if (rc) {
		cli_errorf("%s", err.msg);
		st->rc = VT_EXIT_RUNTIME;
	} else {
		if (st->co.format != VT_FORMAT_TEXT || !st->trace || strcmp(st->trace, "-"))
			emit(st, &r, snap->name);
		if (st->trace)
			write_trace(st, &r);
		bool bad = st->co.model ? st->report.outcome != VT_OUTCOME_CORRECT
				     : r.verdict != VT_VERDICT_EMULATED;
		if (st->co.exit_code && bad && st->rc == VT_EXIT_OK)
			st->rc = VT_EXIT_FOUND;
	}
	vt_result_release(&r);
	vt_result_release(&st->reference);
	vt_snapshot_free(snap);
}

static const struct cli_spec spec = {
	.name = "replay",
	.synopsis = synopsis,
	.description = "Replay the INS/OUTS of each snapshot on the reference emulator: the port\n"
		       "traffic, registers, memory writes and fault a correct VMM must produce.\n"
		       "Snapshot format: vmtriage-snapshot(5).",
	.options = options,
	.handler = on_option,
	.operands = "SNAPSHOT.json...",
	.min_operands = 1,
	.max_operands = CLI_MANY,
};

int cmd_replay(int argc, char **argv)
{
	static struct replay_state st; /* holds the 16 KiB JSON buffer: not on the stack */
	int nops, rc;

	if ((rc = cli_parse(&spec, argc, argv, &st, &st.co, &nops)) != 0 || st.co.help)
		return rc;
	if (st.trace && nops > 1)
		return cli_usage_error("replay", "--trace takes one snapshot, not %d", nops);
	vt_jw_init(&st.jw, stdout, st.co.format == VT_FORMAT_JSON);
	if (st.co.format == VT_FORMAT_JSON) {
		/* One shape for one snapshot or many. */
		vt_jw_object_begin(&st.jw, NULL);
		vt_jw_literal(&st.jw, "schema", VT_REPLAY_SCHEMA);
		vt_jw_array_begin(&st.jw, "results");
	}
	for (int i = 0; i < nops; i++)
		replay_one(&st, argv[i]);
	if (st.co.format == VT_FORMAT_JSON) {
		vt_jw_array_end(&st.jw);
		/* Problems are errors (stderr, exit code) or invalid results: none is a warning. */
		vt_jw_array_begin(&st.jw, "warnings");
		vt_jw_array_end(&st.jw);
		vt_jw_object_end(&st.jw);
		vt_jw_end_document(&st.jw);
	}
	return cli_finish_output(st.rc);
}
