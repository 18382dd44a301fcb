/* vmtriage corpus: check / bless expectations, add a case from a crash,
 * and gate a patched VMM's traces (or a model) against the reference. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_corpus.h"
#include "commands.h"
#include "vmtriage/corpus.h"
#include "vmtriage/replay_report.h"
#include "vmtriage/snapshot.h"

enum {
	OPT_DRY_RUN = 1, OPT_FROM, OPT_INDEX, OPT_NAME, OPT_FORCE, OPT_TRACES, OPT_ALLOW_MISSING, OPT_JUNIT
};

static const struct cli_option check_options[] = {
	CLI_ROW_JSON("one JSON report: every case's status and first difference"),
	CLI_ROW_MAX_ELEMENTS,
	CLI_ROW_COLOR, CLI_ROW_HELP, CLI_ROW_END,
};
static const struct cli_option bless_options[] = {
	{ "dry-run", 'n', CLI_NO_ARG, OPT_DRY_RUN, NULL, "show the diffs, write nothing" },
	CLI_ROW_MAX_ELEMENTS,
	CLI_ROW_HELP, CLI_ROW_END,
};
static const struct cli_option add_options[] = {
	{ "from", 'f', CLI_ARG, OPT_FROM, "CRASH.json", "a crash: an object, a scan/bundles --json document or NDJSON rows (- reads stdin)" },
	{ "index", 'i', CLI_ARG, OPT_INDEX, "N", "which crash of a document or of rows (default 0)" },
	{ "name", 0, CLI_ARG, OPT_NAME, "NAME", "the case's name (default from the crash's file and line)" },
	{ "force", 0, CLI_NO_ARG, OPT_FORCE, NULL, "overwrite an existing snapshot of that name" },
	CLI_ROW_HELP, CLI_ROW_END,
};
static const struct cli_option gate_options[] = {
	{ "traces", 't', CLI_ARG, OPT_TRACES, "TDIR", "the patched VMM's traces: TDIR/<name>.trace.ndjson" },
	CLI_ROW_MODEL("a built-in patch model stands in for the traces"),
	{ "allow-missing", 0, CLI_NO_ARG, OPT_ALLOW_MISSING, NULL, "a missing trace does not fail the gate" },
	{ "junit", 0, CLI_ARG, OPT_JUNIT, "FILE", "also write a JUnit XML report to FILE" },
	CLI_ROW_MAX_ELEMENTS,
	CLI_ROW_JSON("the report as JSON instead of text"),
	CLI_ROW_COLOR, CLI_ROW_HELP, CLI_ROW_END,
};


static int on_option(void *vs, int id, const char *arg)
{
	struct corpus_state *st = vs;
	switch (id) {
	case OPT_DRY_RUN: st->dry_run = true; return 0;
	case OPT_FORCE: st->force = true; return 0;
	case OPT_ALLOW_MISSING: st->allow_missing = true; return 0;
	case OPT_FROM: st->from = arg; return 0;
	case OPT_NAME: st->name = arg; return 0;
	case OPT_TRACES: st->traces = arg; return 0;
	case OPT_JUNIT: st->junit = arg; return 0;
	case OPT_INDEX:
		if (vt_snapshot_number(arg, &st->index) || st->index > 1000000)
			return cli_usage_error(st->cmd, "--index takes a crash number, not \"%s\"", arg);
		return 0;
	}
	return VT_EXIT_USAGE;
}

/* Open DIR (argv[0]) and keep the cases named by argv[1..n). */
int corpus_open_cases(char **argv, int n, struct vt_corpus **c)
{
	struct vt_error err;
	int rc;
	if ((rc = vt_corpus_load(argv[0], c, &err)) == VT_OK && n > 1 &&
	    (rc = vt_corpus_select(*c, argv + 1, (size_t)(n - 1), &err)) != VT_OK)
		vt_corpus_free(*c);
	if (rc)
		cli_errorf("%s", err.msg);
	return rc ? vt_status_exit(rc) : VT_EXIT_OK;
}

/* ---- check */

int worse_exit(int rc, int other)
{
	/* Runtime and input errors outrank findings. */
	return other > rc ? other : rc;
}

static int check_one(const struct vt_corpus_case *k, uint64_t max_elements, const struct vt_style *style,
		     struct vt_json *arr, size_t count[4])
{
	struct vt_check chk;
	char name[1024];
	int rc = VT_EXIT_OK;

	vt_corpus_check_case(k, max_elements, &chk);
	count[chk.status]++;
	if (chk.status == VT_CHECK_ERROR) {
		cli_errorf("%s", chk.err.msg);
		rc = vt_status_exit(chk.error_status);
	} else if (chk.status != VT_CHECK_OK) {
		rc = VT_EXIT_FOUND;
	}
	if (arr) {
		struct vt_json *o = vt_json_object_new();
		vt_json_add_string(o, "name", k->name);
		vt_json_add_string(o, "status", vt_check_status_name(chk.status));
		vt_json_add(o, "difference", vt_diff_json(chk.status == VT_CHECK_DRIFT ? &chk.diff : NULL));
		vt_json_add_string(o, "error", chk.status == VT_CHECK_ERROR ? chk.err.msg : NULL);
		vt_json_append(arr, o);
	} else if (chk.status == VT_CHECK_OK) {
		printf("%sok%s      %s\n", vt_sgr(style, VT_SGR_GREEN), vt_sgr(style, VT_SGR_RESET),
		       vt_text_safe(k->name, name, sizeof name));
	} else if (chk.status == VT_CHECK_DRIFT) {
		/* Names and values come from the corpus: escaped. */
		printf("%sDRIFT%s   %s: ", vt_sgr(style, VT_SGR_RED), vt_sgr(style, VT_SGR_RESET),
		       vt_text_safe(k->name, name, sizeof name));
		vt_text_puts(stdout, chk.diff.text);
		printf("%s\n", vt_json_get(chk.stored, "schema") ? ""
		       : " (a version 1 expectation: review 'vmtriage corpus bless --dry-run', then bless)");
	} else if (chk.status == VT_CHECK_MISSING) {
		vt_text_safe(k->name, name, sizeof name);
		printf("%sMISSING%s %s: no %s.expect.json (review, then 'vmtriage corpus bless')\n",
		       vt_sgr(style, VT_SGR_YELLOW), vt_sgr(style, VT_SGR_RESET), name, name);
	}
	vt_check_release(&chk);
	return rc;
}

static int corpus_check(struct corpus_state *st, char **argv, int n)
{
	struct vt_corpus *c;
	const struct vt_style *style = &st->co.style;
	size_t count[4] = { 0 };
	struct vt_json *arr = st->co.format == VT_FORMAT_JSON ? vt_json_array_new() : NULL;
	int rc;

	if ((rc = corpus_open_cases(argv, n, &c))) {
		vt_json_free(arr);
		return rc;
	}
	for (size_t i = 0; i < c->n; i++)
		rc = worse_exit(rc, check_one(&c->cases[i], st->co.max_elements, style, arr, count));
	if (arr) {
		struct vt_json *o = vt_json_object_new(), *sum;
		vt_json_add_string(o, "schema", VT_CHECK_SCHEMA);
		vt_json_add_string(o, "corpus", c->dir);
		vt_json_add_bool(o, "passed", rc == VT_EXIT_OK);
		sum = vt_json_add_object(o, "summary");
		vt_json_add_number(sum, "cases", (double)c->n);
		for (int s = VT_CHECK_OK; s <= VT_CHECK_ERROR; s++)
			vt_json_add_number(sum, vt_check_status_name((enum vt_check_status)s), (double)count[s]);
		vt_json_add(o, "cases", arr);
		vt_json_add_array(o, "warnings");
		vt_json_print(stdout, o, VT_FORMAT_JSON);
		vt_json_free(o);
	} else {
		printf("check %s: %zu cases: %zu ok, %zu drifted, %zu missing, %zu errors\n",
		       c->dir, c->n, count[VT_CHECK_OK], count[VT_CHECK_DRIFT], count[VT_CHECK_MISSING],
		       count[VT_CHECK_ERROR]);
	}
	vt_corpus_free(c);
	return cli_finish_output(rc);
}

/* ---- bless */

static int bless_one(const struct corpus_state *st, const struct vt_corpus_case *k, size_t *written)
{
	struct vt_check chk;
	struct vt_error err;
	int rc = VT_EXIT_OK;

	vt_corpus_check_case(k, st->co.max_elements, &chk);
	if (chk.status == VT_CHECK_ERROR && !chk.fresh) {
		cli_errorf("%s", chk.err.msg);
		rc = vt_status_exit(chk.error_status);
	} else if (chk.status != VT_CHECK_OK) {
		/* An unreadable old expectation is replaced: the diff shows all of it as new. */
		if (vt_json_line_diff(stdout, k->expect, chk.stored, k->expect, chk.fresh))
			rc = VT_EXIT_RUNTIME;
		else if (!st->dry_run && vt_corpus_write_expectation(k, chk.fresh, &err)) {
			cli_errorf("%s", err.msg);
			rc = VT_EXIT_RUNTIME;
		} else {
			(*written)++;
		}
	}
	vt_check_release(&chk);
	return rc;
}

static int corpus_bless(struct corpus_state *st, char **argv, int n)
{
	struct vt_corpus *c;
	size_t written = 0;
	int rc;

	if ((rc = corpus_open_cases(argv, n, &c)))
		return rc;
	for (size_t i = 0; i < c->n; i++)
		rc = worse_exit(rc, bless_one(st, &c->cases[i], &written));
	printf("bless %s: %zu of %zu expectations %s\n", c->dir, written, c->n,
	       st->dry_run ? "would change (dry run: nothing written)" : "written");
	vt_corpus_free(c);
	return cli_finish_output(rc);
}

/* ---- the table */

static const char *const add_synopsis[] = { "DIR --from CRASH.json [--index N] [--name NAME]", NULL };
static const char *const bless_synopsis[] = { "[--dry-run] DIR [NAME...]", NULL };
static const char *const check_synopsis[] = { "[--json] DIR [NAME...]", NULL };
static const char *const gate_synopsis[] = {
	"DIR (--traces TDIR | --model NAME) [--junit FILE] [--json] [NAME...]", NULL
};

static const struct cli_spec add_spec = {
	.name = "corpus add",
	.synopsis = add_synopsis,
	.description = "Turn a crash (from scan or bundles, --json or --ndjson; bytes and registers)\n"
		       "into a snapshot skeleton DIR/NAME.json, and say which memory and port inputs\n"
		       "it still needs.",
	.options = add_options,
	.handler = on_option,
	.group = &cli_corpus,
	.operands = "DIR",
	.min_operands = 1,
	.max_operands = 1,
};
static const struct cli_spec bless_spec = {
	.name = "corpus bless",
	.synopsis = bless_synopsis,
	.description = "(Re)write DIR/<name>.expect.json from the reference emulator, showing a diff of\n"
		       "each expectation that changes first. Review the diff: it is what CI will enforce.",
	.options = bless_options,
	.handler = on_option,
	.group = &cli_corpus,
	.operands = "DIR [NAME...]",
	.min_operands = 1,
	.max_operands = CLI_MANY,
};
static const struct cli_spec check_spec = {
	.name = "corpus check",
	.synopsis = check_synopsis,
	.description = "Re-run the reference on every snapshot of DIR and compare with its reviewed\n"
		       "expectation: exit 1 on any drift or missing expectation.",
	.options = check_options,
	.handler = on_option,
	.exit1 = "a case drifted or has no expectation",
	.group = &cli_corpus,
	.operands = "DIR [NAME...]",
	.min_operands = 1,
	.max_operands = CLI_MANY,
};
static const struct cli_spec gate_spec = {
	.name = "corpus gate",
	.synopsis = gate_synopsis,
	.description = "Compare a patched VMM's traces (TDIR/<name>.trace.ndjson, one a case) with the\n"
		       "reference: pass, fail (first difference) or missing per case; exit 1 unless all\n"
		       "pass. --model runs a built-in model of a known patch instead of reading traces.",
	.options = gate_options,
	.handler = on_option,
	.exit1 = "a case failed or is missing",
	.group = &cli_corpus,
	.operands = "DIR [NAME...]",
	.min_operands = 1,
	.max_operands = CLI_MANY,
};

/* Parse by spec, then run fn on the operands. */
static int corpus_run(const struct cli_spec *spec, int (*fn)(struct corpus_state *, char **, int), int argc,
		      char **argv)
{
	struct corpus_state st = { .cmd = spec->name };
	int nops, rc;
	if ((rc = cli_parse(spec, argc, argv, &st, &st.co, &nops)) != 0 || st.co.help)
		return rc;
	return fn(&st, argv, nops);
}

static int run_add(int argc, char **argv) { return corpus_run(&add_spec, corpus_add, argc, argv); }
static int run_bless(int argc, char **argv) { return corpus_run(&bless_spec, corpus_bless, argc, argv); }
static int run_check(int argc, char **argv) { return corpus_run(&check_spec, corpus_check, argc, argv); }
static int run_gate(int argc, char **argv) { return corpus_run(&gate_spec, corpus_gate, argc, argv); }

static const struct cli_command subcommands[] = {
	{ "add", run_add, "turn a crash from scan or bundles into a snapshot skeleton", NULL, &add_spec },
	{ "bless", run_bless, "(re)write the expectations from the reference, showing each diff", NULL, &bless_spec },
	{ "check", run_check, "re-run the reference and fail on drift from the expectations", NULL, &check_spec },
	{ "gate", run_gate, "compare a patched VMM's traces (or a model) with the reference", NULL, &gate_spec },
	{ NULL, NULL, NULL, NULL, NULL },
};

const struct cli_group cli_corpus = {
	"corpus", NULL, /* the usage: each subcommand's synopsis */
	"A replay corpus: snapshots with reviewed expectations, used as a CI gate for\n"
	"patched VMMs (docs/ci-gate.md).",
	"'vmtriage corpus <subcommand> --help' (or 'vmtriage help corpus <subcommand>')\n"
	"describes one.",
	subcommands, NULL,
};
