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
	OPT_DRY_RUN = 1, OPT_FROM, OPT_INDEX, OPT_NAME, OPT_FORCE, OPT_TRACES, OPT_ALLOW_MISSING, OPT_JUNIT,
	OPT_MAX_ELEMENTS
};

static const struct cli_option check_options[] = {
	CLI_ROW_JSON("one JSON report: every case's status and first difference"),
	{ "max-elements", 0, CLI_ARG, OPT_MAX_ELEMENTS, "N", CLI_MAX_ELEMENTS_HELP },
	CLI_ROW_COLOR, CLI_ROW_HELP, CLI_ROW_END,
};
static const struct cli_option bless_options[] = {
	{ "dry-run", 'n', CLI_NO_ARG, OPT_DRY_RUN, NULL, "show the diffs, write nothing" },
	{ "max-elements", 0, CLI_ARG, OPT_MAX_ELEMENTS, "N", CLI_MAX_ELEMENTS_HELP },
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
	{ "max-elements", 0, CLI_ARG, OPT_MAX_ELEMENTS, "N", CLI_MAX_ELEMENTS_HELP },
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
	case OPT_MAX_ELEMENTS: return cli_max_elements_option(st->cmd, arg, &st->max_elements);
	case OPT_INDEX:
		if (vt_snapshot_number(arg, &st->index) || st->index > 1000000)
			return cli_usage_error(st->cmd, "--index takes a crash number, not \"%s\"", arg);
		return 0;
	}
	return VT_EXIT_USAGE;
}

/* Open DIR (argv[0]) and keep the cases named by argv[1..n). */
int corpus_open_cases(const char *cmd, char **argv, int n, struct vt_corpus **c)
{
	struct vt_error err;
	int rc;
	if (n < 1)
		return cli_usage_error(cmd, "no corpus directory given (see 'vmtriage %s --help')", cmd);
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

	if ((rc = corpus_open_cases(st->cmd, argv, n, &c))) {
		vt_json_free(arr);
		return rc;
	}
	for (size_t i = 0; i < c->n; i++)
		rc = worse_exit(rc, check_one(&c->cases[i], st->max_elements, style, arr, count));
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

	vt_corpus_check_case(k, st->max_elements, &chk);
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

	if ((rc = corpus_open_cases(st->cmd, argv, n, &c)))
		return rc;
	for (size_t i = 0; i < c->n; i++)
		rc = worse_exit(rc, bless_one(st, &c->cases[i], &written));
	printf("bless %s: %zu of %zu expectations %s\n", c->dir, written, c->n,
	       st->dry_run ? "would change (dry run: nothing written)" : "written");
	vt_corpus_free(c);
	return cli_finish_output(rc);
}

/* ---- dispatch */

struct subcommand {
	const char *name;
	int (*run)(struct corpus_state *st, char **argv, int n);
	const struct cli_option *options;
	const char *synopsis;
	const char *description;
	const char *exit1; /* what exit status 1 means, or NULL */
};

static const struct subcommand subcommands[] = {
	{ "add", corpus_add, add_options, "DIR --from CRASH.json [--index N] [--name NAME]",
	  "Turn a crash (from scan or bundles, --json or --ndjson; bytes and registers)\n"
	  "into a snapshot skeleton DIR/NAME.json, and say which memory and port inputs\n"
	  "it still needs.", NULL },
	{ "bless", corpus_bless, bless_options, "[--dry-run] DIR [NAME...]",
	  "(Re)write DIR/<name>.expect.json from the reference emulator, showing a diff of\n"
	  "each expectation that changes first. Review the diff: it is what CI will enforce.", NULL },
	{ "check", corpus_check, check_options, "[--json] DIR [NAME...]",
	  "Re-run the reference on every snapshot of DIR and compare with its reviewed\n"
	  "expectation: exit 1 on any drift or missing expectation.", "a case drifted or has no expectation" },
	{ "gate", corpus_gate, gate_options, "DIR (--traces TDIR | --model NAME) [--junit FILE] [--json] [NAME...]",
	  "Compare a patched VMM's traces (TDIR/<name>.trace.ndjson, one a case) with the\n"
	  "reference: pass, fail (first difference) or missing per case; exit 1 unless all\n"
	  "pass. --model runs a built-in model of a known patch instead of reading traces.",
	  "a case failed or is missing" },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

static void corpus_usage(FILE *fp)
{
	fprintf(fp, "usage: vmtriage corpus <subcommand> [options] DIR ...\n\n"
		    "A replay corpus: snapshots with reviewed expectations, used as a CI gate for\n"
		    "patched VMMs (docs/ci-gate.md).\n\nsubcommands:\n");
	for (const struct subcommand *s = subcommands; s->name; s++)
		fprintf(fp, "  %-6s %s\n", s->name, s->synopsis);
	fprintf(fp, "\n'vmtriage corpus <subcommand> --help' describes one.\n");
}

int cmd_corpus(int argc, char **argv)
{
	const struct subcommand *sub = NULL;
	struct corpus_state st = { 0 };
	char cmd[32];
	int nops, rc;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		corpus_usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? VT_EXIT_USAGE : cli_finish_output(VT_EXIT_OK);
	}
	const char *names[8];
	size_t nnames = 0;
	for (const struct subcommand *s = subcommands; s->name; s++) {
		names[nnames++] = s->name;
		if (strcmp(argv[1], s->name) == 0)
			sub = s;
	}
	if (!sub)
		return cli_unknown_word("corpus", "subcommand", argv[1], names, nnames);
	snprintf(cmd, sizeof cmd, "corpus %s", sub->name);
	st.cmd = cmd;
	if ((rc = cli_parse(cmd, argc - 1, argv + 1, sub->options, on_option, &st, &st.co, &nops)) != 0)
		return rc;
	if (st.co.help) {
		const char *syn[] = { sub->synopsis, NULL };
		cli_usage_exit1(stdout, cmd, syn, sub->description, sub->options, sub->exit1);
		return cli_finish_output(VT_EXIT_OK);
	}
	return sub->run(&st, argv + 1, nops);
}
