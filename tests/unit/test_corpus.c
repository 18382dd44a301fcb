/* Corpus: listing, expectations (first difference, line diff, check),
 * the gate's pass / fail / missing / error paths, its JUnit XML and JSON
 * reports, and snapshot skeletons from scan crashes. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "replay/replay_int.h"
#include "util/json_int.h"
#include "vmtriage/corpus.h"
#include "vmtriage/replay_report.h"
#include "vmtriage/snapshot.h"

#define CORPUS VT_SAMPLES_DIR "/corpus"

static char tmpdir[64];

static void make_tmp(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/vt-corpus-XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
}

static void rm_tmp(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	cr_assert_eq(system(cmd), 0);
}

static void write_text(const char *dir, const char *file, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	FILE *fp = fopen(path, "w");
	cr_assert_not_null(fp, "%s", path);
	fputs(text, fp);
	fclose(fp);
}

static void copy_case(const char *name, bool with_expect)
{
	char cmd[1024];
	if (with_expect)
		snprintf(cmd, sizeof cmd, "cp '%s/%s.json' '%s/%s.expect.json' '%s'", CORPUS, name, CORPUS,
			 name, tmpdir);
	else
		snprintf(cmd, sizeof cmd, "cp '%s/%s.json' '%s'", CORPUS, name, tmpdir);
	cr_assert_eq(system(cmd), 0);
}

static struct vt_corpus *open_ok(const char *dir)
{
	struct vt_corpus *c;
	struct vt_error err;
	cr_assert_eq(vt_corpus_load(dir, &c, &err), VT_OK, "%s", err.msg);
	return c;
}

/* ---- listing */

Test(corpus, lists_snapshots_sorted_without_expectations)
{
	struct vt_corpus *c = open_ok(CORPUS);
	cr_assert_geq(c->n, 16, "the sample corpus has at least 16 cases");
	for (size_t i = 0; i < c->n; i++) {
		cr_assert_null(strstr(c->cases[i].name, ".expect"));
		if (i)
			cr_assert_lt(strcmp(c->cases[i - 1].name, c->cases[i].name), 0);
	}
	vt_corpus_free(c);
}

Test(corpus, empty_or_absent_directory_is_an_error)
{
	struct vt_corpus *c;
	struct vt_error err;
	make_tmp();
	cr_assert_eq(vt_corpus_load(tmpdir, &c, &err), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "no snapshots"));
	cr_assert_eq(vt_corpus_load("/nonexistent/corpus", &c, &err), VT_ERR_IO);
	cr_assert_null(c);
	rm_tmp();
}

Test(corpus, select_keeps_named_cases_and_rejects_unknown_names)
{
	struct vt_corpus *c = open_ok(CORPUS);
	struct vt_error err;
	char *bad[] = { "no-such-case" };
	char *good[] = { "rcx0-rep-outsb", "f2-repne-outsb" };
	cr_assert_eq(vt_corpus_select(c, bad, 1, &err), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "no-such-case"));
	cr_assert_eq(vt_corpus_select(c, good, 2, &err), VT_OK);
	cr_assert_eq(c->n, 2);
	cr_assert_str_eq(c->cases[0].name, "f2-repne-outsb");
	vt_corpus_free(c);
}

/* ---- JSON differences */

static bool jdiff(const char *a, const char *b, struct vt_diff *d)
{
	cJSON *x = cJSON_Parse(a), *y = cJSON_Parse(b);
	bool r = replay_json_first_diff(x, y, d);
	cJSON_Delete(x);
	cJSON_Delete(y);
	return r;
}

Test(json_diff, names_the_first_differing_path)
{
	struct vt_diff d;
	cr_assert_not(jdiff("{\"a\":[1,{\"b\":2}]}", "{\"a\":[1,{\"b\":2}]}", &d));
	cr_assert(jdiff("{\"io\":[{\"v\":\"0x48\"},{\"v\":\"0x49\"}]}", "{\"io\":[{\"v\":\"0x48\"},{\"v\":\"0x4a\"}]}", &d));
	cr_assert_str_eq(d.path, "io[1].v");
	cr_assert_str_eq(d.expected, "\"0x49\"");
	cr_assert_str_eq(d.actual, "\"0x4a\"");
	cr_assert_eq(d.element, 1, "an io path names its element");
	cr_assert(jdiff("{\"a\":1}", "{\"a\":1,\"b\":2}", &d));
	cr_assert_str_eq(d.path, "b");
	cr_assert_str_eq(d.expected, "null");
	cr_assert(strstr(d.text, "expected absent"), "%s", d.text);
	cr_assert(jdiff("{\"a\":[1,2]}", "{\"a\":[1]}", &d));
	cr_assert_str_eq(d.path, "a[1]");
	cr_assert_str_eq(d.actual, "null");
	cr_assert_eq(d.element, -1, "not an io path");
	cr_assert(jdiff("{\"f\":null}", "{\"f\":{}}", &d));
	cr_assert_str_eq(d.path, "f");
}

static char *diff_text(const char *a, const char *b)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	cJSON *x = a ? cJSON_Parse(a) : NULL, *y = cJSON_Parse(b);
	cr_assert_eq(vt_json_line_diff(fp, "old", util_json(x), "new", util_json(y)), 0);
	fclose(fp);
	cJSON_Delete(x);
	cJSON_Delete(y);
	return buf;
}

Test(json_diff, line_diff_shows_changed_lines_only_when_different)
{
	char *same = diff_text("{\"a\":1}", "{\"a\":1}");
	cr_assert_str_eq(same, "");
	free(same);
	char *d = diff_text("{\"a\":1,\"b\":2,\"c\":3}", "{\"a\":1,\"b\":5,\"c\":3}");
	cr_assert(strstr(d, "--- old\n+++ new\n@@ "), "%s", d);
	cr_assert(strstr(d, "-\t\"b\":\t2"), "%s", d);
	cr_assert(strstr(d, "+\t\"b\":\t5"), "%s", d);
	cr_assert(strstr(d, " \t\"a\":\t1"), "context: %s", d);
	free(d);
	char *fresh = diff_text(NULL, "{\"a\":1}");
	cr_assert(strstr(fresh, "--- /dev/null"), "%s", fresh);
	cr_assert(strstr(fresh, "+\t\"a\":\t1"), "%s", fresh);
	free(fresh);
}

/* The diff reaches a terminal: a stored value with ESC, a bidi override
 * (U+202E) and a C1 control (U+009B, CSI), and labels (case names) with
 * them, are shown escaped, never raw. */
Test(json_diff, line_diff_escapes_values_and_labels)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	cJSON *x = cJSON_Parse("{\"reason\":\"ok \\u001b[31m\\u202eevil\\u009b2J\"}");
	cJSON *y = cJSON_Parse("{\"reason\":\"fine\"}");
	cr_assert_not_null(x);
	cr_assert_eq(vt_json_line_diff(fp, "c/\x1b]0;owned\x07" "a.expect.json", util_json(x), "c/\xe2\x80\xae" "b.expect.json",
				       util_json(y)), 0);
	fclose(fp);
	cr_assert_null(memchr(buf, 0x1b, len), "raw ESC: %s", buf);
	cr_assert_null(memchr(buf, 0x07, len), "raw BEL: %s", buf);
	cr_assert_null(strstr(buf, "\xe2\x80\xae"), "raw U+202E: %s", buf);
	cr_assert_null(strstr(buf, "\xc2\x9b"), "raw U+009B: %s", buf);
	cr_assert(strstr(buf, "--- c/\\x1b]0;owned\\x07a.expect.json\n"), "%s", buf);
	cr_assert(strstr(buf, "+++ c/\\u{202e}b.expect.json\n"), "%s", buf);
	cr_assert(strstr(buf, "-\t\"reason\":\t\"ok \\u001b[31m\\u{202e}evil\\u{9b}2J\""), "%s", buf);
	cJSON_Delete(x);
	cJSON_Delete(y);
	free(buf);
}

/* A new expectation is a new file: its hunk starts "-0,0", as GNU diff and
 * patch(1) have it, not "-1,0". */
Test(json_diff, a_new_file_hunk_is_minus_zero_zero)
{
	char *fresh = diff_text(NULL, "{\"a\":1,\"b\":2}");
	cr_assert(strstr(fresh, "@@ -0,0 +1,4 @@\n"), "%s", fresh);
	free(fresh);
	char *grown = diff_text("{\"a\":1}", "{\"a\":1,\"b\":2}");
	cr_assert(strstr(grown, "@@ -1,3 +1,4 @@\n"), "%s", grown);
	free(grown);
}

/* ---- check */

Test(check, sample_corpus_reproduces_every_expectation)
{
	struct vt_corpus *c = open_ok(CORPUS);
	for (size_t i = 0; i < c->n; i++) {
		struct vt_check chk;
		vt_corpus_check_case(&c->cases[i], 0, &chk);
		cr_expect_eq(chk.status, VT_CHECK_OK, "%s: %s %s", c->cases[i].name, chk.diff.path, chk.err.msg);
		vt_check_release(&chk);
	}
	vt_corpus_free(c);
}

Test(check, drift_missing_and_error_are_told_apart, .init = make_tmp, .fini = rm_tmp)
{
	struct vt_check chk;
	struct vt_corpus *c;

	copy_case("rcx0-rep-outsb", true);
	copy_case("f2-repne-outsb", false);
	write_text(tmpdir, "broken.json", "{\"vmtriage_snapshot\": 1, \"inst\": ");
	/* Change one register of the reviewed expectation. */
	char cmd[512];
	snprintf(cmd, sizeof cmd, "sed -i.bak '/registers_after/,$s/\"rcx\":\t\"0x0\"/\"rcx\":\t\"0x1\"/' '%s/rcx0-rep-outsb.expect.json'", tmpdir);
	cr_assert_eq(system(cmd), 0);
	c = open_ok(tmpdir);
	cr_assert_eq(c->n, 3);
	vt_corpus_check_case(&c->cases[0], 0, &chk); /* broken */
	cr_assert_eq(chk.status, VT_CHECK_ERROR);
	cr_assert_eq(chk.error_status, VT_ERR_INPUT);
	cr_assert(strstr(chk.err.msg, "broken.json"), "%s", chk.err.msg);
	vt_check_release(&chk);
	vt_corpus_check_case(&c->cases[1], 0, &chk); /* f2: no expectation */
	cr_assert_eq(chk.status, VT_CHECK_MISSING);
	cr_assert_not_null(chk.fresh);
	vt_check_release(&chk);
	vt_corpus_check_case(&c->cases[2], 0, &chk); /* rcx0: drifted */
	cr_assert_eq(chk.status, VT_CHECK_DRIFT);
	cr_assert_str_eq(chk.diff.path, "registers_after.rcx");
	cr_assert_str_eq(chk.diff.expected, "\"0x1\"");
	cr_assert_str_eq(chk.diff.actual, "\"0x0\"");
	/* Blessing writes the fresh expectation: the case then checks ok. */
	struct vt_error err;
	cr_assert_eq(vt_corpus_write_expectation(&c->cases[2], chk.fresh, &err), VT_OK, "%s", err.msg);
	vt_check_release(&chk);
	vt_corpus_check_case(&c->cases[2], 0, &chk);
	cr_assert_eq(chk.status, VT_CHECK_OK);
	vt_check_release(&chk);
	vt_corpus_free(c);
}

/* The caller's ceiling bounds the re-run: a 12-element case stopped after 5
 * drifts from its reviewed (complete) expectation. */
Test(check, max_elements_bounds_the_rerun)
{
	struct vt_corpus *c = open_ok(CORPUS);
	char *name[] = { "ovmf-debugcon-rep-outsb" };
	struct vt_error err;
	struct vt_check chk;
	cr_assert_eq(vt_corpus_select(c, name, 1, &err), VT_OK);
	vt_corpus_check_case(&c->cases[0], 5, &chk);
	cr_assert_eq(chk.status, VT_CHECK_DRIFT);
	cr_assert_str_eq(chk.diff.path, "verdict");
	cr_assert_str_eq(chk.diff.actual, "\"limit-reached\"");
	cr_assert_eq(cJSON_GetObjectItemCaseSensitive(util_cjson_const(chk.fresh), "elements")->valuedouble, 5);
	vt_check_release(&chk);
	vt_corpus_check_case(&c->cases[0], 12, &chk);
	cr_assert_eq(chk.status, VT_CHECK_OK, "a ceiling the case does not reach changes nothing");
	vt_check_release(&chk);
	vt_corpus_free(c);
}

/* ---- gate */

static void reference_traces(const struct vt_corpus *c, const char *dir)
{
	for (size_t i = 0; i < c->n; i++) {
		struct vt_snapshot *s;
		struct vt_result r;
		struct vt_error err;
		char path[512];
		cr_assert_eq(vt_snapshot_load(c->cases[i].snapshot, &s, &err), VT_OK);
		vt_result_init(&r);
		cr_assert_eq(vt_replay_run(s, 0, &r, &err), VT_OK);
		snprintf(path, sizeof path, "%s/%s.trace.ndjson", dir, c->cases[i].name);
		FILE *fp = fopen(path, "w");
		cr_assert_not_null(fp);
		cr_assert_eq(vt_trace_write(fp, &r), 0);
		fclose(fp);
		vt_result_release(&r);
		vt_snapshot_free(s);
	}
}

/* Fixture: tmpdir holds a reference trace for every sample case. */
static void make_traces(void)
{
	struct vt_corpus *c = open_ok(CORPUS);
	make_tmp();
	reference_traces(c, tmpdir);
	vt_corpus_free(c);
}

static const struct vt_gate_case *find_case(const struct vt_gate_report *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->cases[i].name, name) == 0)
			return &r->cases[i];
	cr_assert_fail("no case %s", name);
	return NULL;
}

static void gate(const struct vt_gate_options *o, struct vt_gate_report *rep)
{
	struct vt_corpus *c = open_ok(CORPUS);
	struct vt_error err;
	cr_assert_eq(vt_corpus_gate(c, o, rep, &err), VT_OK, "%s", err.msg);
	cr_assert_eq(rep->n, c->n);
	vt_corpus_free(c);
}

Test(gate, reference_traces_pass, .init = make_traces, .fini = rm_tmp)
{
	struct vt_gate_report rep;
	struct vt_gate_options o = { .traces = tmpdir };
	gate(&o, &rep);
	cr_assert(vt_gate_passed(&rep));
	cr_assert_eq(rep.count[VT_GATE_PASS], rep.n);
	vt_gate_report_release(&rep);
}

Test(gate, a_differing_trace_fails_with_the_first_difference, .init = make_traces, .fini = rm_tmp)
{
	struct vt_gate_report rep;
	struct vt_gate_options o = { .traces = tmpdir };
	/* The debug console got 'J' instead of 'H' as its first byte. */
	char cmd[512];
	snprintf(cmd, sizeof cmd, "sed -i.bak '1s/\"value\":72/\"value\":74/' '%s/ovmf-debugcon-rep-outsb.trace.ndjson'", tmpdir);
	cr_assert_eq(system(cmd), 0);
	gate(&o, &rep);
	cr_assert_not(vt_gate_passed(&rep));
	const struct vt_gate_case *g = find_case(&rep, "ovmf-debugcon-rep-outsb");
	cr_assert_eq(g->status, VT_GATE_FAIL);
	cr_assert(g->has_diff);
	cr_assert_eq(g->diff.element, 0);
	cr_assert_str_eq(g->diff.expected, "{\"direction\":\"out\",\"port\":1026,\"element_size\":1,\"value\":72}");
	cr_assert_str_eq(g->diff.actual, "{\"direction\":\"out\",\"port\":1026,\"element_size\":1,\"value\":74}");
	cr_assert(strstr(g->diff.text, "expected out 0x402 size 1 value 0x48, got out 0x402 size 1 value 0x4a"),
		  "%s", g->diff.text);
	cr_assert_eq(rep.count[VT_GATE_FAIL], 1);
	vt_gate_report_release(&rep);
}

/* Edit the final line of a case's trace with a sed expression. */
static void edit_final_line(const char *name, const char *expr)
{
	char cmd[768];
	snprintf(cmd, sizeof cmd, "sed -i.bak '$s/%s/' '%s/%s.trace.ndjson'", expr, tmpdir, name);
	cr_assert_eq(system(cmd), 0);
}

Test(gate, a_trace_that_states_the_wrong_fault_fails, .init = make_traces, .fini = rm_tmp)
{
	struct vt_gate_report rep;
	struct vt_gate_options o = { .traces = tmpdir };
	/* The VMM injected #GP where hardware raises #PF. */
	edit_final_line("pf-rep-outsb-notpresent", "\"vector\":14/\"vector\":13");
	gate(&o, &rep);
	const struct vt_gate_case *g = find_case(&rep, "pf-rep-outsb-notpresent");
	cr_assert_eq(g->status, VT_GATE_FAIL);
	cr_assert_str_eq(g->diff.path, "fault.vector");
	vt_gate_report_release(&rep);
}

Test(gate, a_trace_that_claims_no_fault_where_one_is_due_fails, .init = make_traces, .fini = rm_tmp)
{
	struct vt_gate_report rep;
	struct vt_gate_options o = { .traces = tmpdir };
	edit_final_line("pf-rep-outsb-notpresent", "\"fault\":{.*}}$/\"fault\":null}");
	gate(&o, &rep);
	const struct vt_gate_case *g = find_case(&rep, "pf-rep-outsb-notpresent");
	cr_assert_eq(g->status, VT_GATE_FAIL);
	cr_assert_str_eq(g->diff.path, "fault");
	vt_gate_report_release(&rep);
}

Test(gate, a_trace_without_a_fault_key_is_not_judged_on_faults, .init = make_traces, .fini = rm_tmp)
{
	struct vt_gate_report rep;
	struct vt_gate_options o = { .traces = tmpdir };
	/* "fault" is optional in the trace format: older harnesses omit it. */
	edit_final_line("pf-rep-outsb-notpresent", ",\"fault\":{.*}}$/}");
	gate(&o, &rep);
	cr_assert_eq(find_case(&rep, "pf-rep-outsb-notpresent")->status, VT_GATE_PASS);
	vt_gate_report_release(&rep);
}

Test(gate, missing_trace_fails_unless_allowed, .init = make_traces, .fini = rm_tmp)
{
	struct vt_gate_report rep;
	struct vt_gate_options o = { .traces = tmpdir };
	char path[512];
	snprintf(path, sizeof path, "%s/rcx0-rep-outsb.trace.ndjson", tmpdir);
	cr_assert_eq(unlink(path), 0);
	gate(&o, &rep);
	cr_assert_eq(find_case(&rep, "rcx0-rep-outsb")->status, VT_GATE_MISSING);
	cr_assert_eq(rep.count[VT_GATE_MISSING], 1);
	cr_assert_not(vt_gate_passed(&rep));
	vt_gate_report_release(&rep);
	o.allow_missing = true;
	gate(&o, &rep);
	cr_assert(vt_gate_passed(&rep));
	vt_gate_report_release(&rep);
}

Test(gate, unreadable_trace_is_an_error_naming_the_line, .init = make_traces, .fini = rm_tmp)
{
	struct vt_gate_report rep;
	struct vt_gate_options o = { .traces = tmpdir };
	write_text(tmpdir, "f2-repne-outsb.trace.ndjson", "{\"dir\":\"out\",\"port\":\"0x402\",\"size\":3,\"value\":\"0x1\"}\n");
	gate(&o, &rep);
	const struct vt_gate_case *g = find_case(&rep, "f2-repne-outsb");
	cr_assert_eq(g->status, VT_GATE_ERROR);
	cr_assert(strstr(g->message, "f2-repne-outsb.trace.ndjson:1"), "%s", g->message);
	cr_assert_not(vt_gate_passed(&rep));
	vt_gate_report_release(&rep);
}

Test(gate, needs_exactly_one_of_traces_and_model_and_an_existing_trace_dir)
{
	struct vt_corpus *c = open_ok(CORPUS);
	struct vt_gate_report rep;
	struct vt_error err;
	struct vt_gate_options none = { 0 }, both = { .traces = "/tmp", .model = vt_model_find("c2bc58f9") };
	cr_assert_eq(vt_corpus_gate(c, &none, &rep, &err), VT_ERR_INPUT);
	cr_assert_eq(vt_corpus_gate(c, &both, &rep, &err), VT_ERR_INPUT);
	struct vt_gate_options absent = { .traces = "/nonexistent/traces" };
	cr_assert_eq(vt_corpus_gate(c, &absent, &rep, &err), VT_ERR_IO);
	cr_assert(strstr(err.msg, "/nonexistent/traces"), "%s", err.msg);
	vt_corpus_free(c);
}

Test(gate, model_stands_in_for_traces_and_fails_where_it_is_not_correct)
{
	struct vt_gate_report rep;
	struct vt_gate_options o = { .model = vt_model_find("c2bc58f9") };
	gate(&o, &rep);
	cr_assert_not(vt_gate_passed(&rep));
	cr_assert_eq(find_case(&rep, "ovmf-debugcon-rep-outsb")->status, VT_GATE_PASS);
	const struct vt_gate_case *g = find_case(&rep, "prefix-67-rep-outsb");
	cr_assert_eq(g->status, VT_GATE_FAIL);
	cr_assert_eq(g->outcome, VT_OUTCOME_NOT_HANDLED);
	cr_assert_str_eq(g->message, "not-handled: 67 prefix: not handled");
	g = find_case(&rep, "real16-rep-outsw");
	cr_assert_eq(g->outcome, VT_OUTCOME_WRONG);
	cr_assert(g->has_diff);
	cr_assert_str_eq(g->diff.path, "io[0]");
	vt_gate_report_release(&rep);
}

/* The gate's ceiling bounds the reference and the model alike. */
Test(gate, max_elements_bounds_reference_and_model, .init = make_traces, .fini = rm_tmp)
{
	struct vt_gate_report rep;
	struct vt_gate_options o = { .traces = tmpdir, .max_elements = 5 };
	gate(&o, &rep);
	const struct vt_gate_case *g = find_case(&rep, "ovmf-debugcon-rep-outsb");
	cr_assert_eq(g->reference, VT_VERDICT_LIMIT_REACHED);
	cr_assert_eq(g->status, VT_GATE_FAIL, "the complete trace differs from the bounded reference");
	vt_gate_report_release(&rep);
	struct vt_gate_options m = { .model = vt_model_find("c2bc58f9"), .max_elements = 5 };
	gate(&m, &rep);
	g = find_case(&rep, "ovmf-debugcon-rep-outsb");
	cr_assert_eq(g->reference, VT_VERDICT_LIMIT_REACHED);
	cr_assert(strstr(g->message, "(bound 5)"), "%s", g->message);
	vt_gate_report_release(&rep);
}

/* ---- reports */

static char *junit_of(const struct vt_gate_report *rep)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	cr_assert_eq(vt_gate_junit(fp, rep), 0);
	fclose(fp);
	return buf;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/* The elements and attributes the JUnit schemas (Ant's JUnit.xsd, Jenkins)
 * require: testsuite name/tests/failures/errors/time/timestamp/hostname/
 * id/package with properties, system-out and system-err; testcase
 * name/classname/time; failure/error message and type. */
Test(junit, has_the_schemas_required_elements_and_counts)
{
	struct vt_gate_report rep;
	struct vt_gate_options o = { .model = vt_model_find("c2bc58f9") };
	gate(&o, &rep);
	rep.timestamp = 0;
	char *x = junit_of(&rep);
	cr_assert(strncmp(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ", 50) == 0, "%s", x);
	const char *attrs[] = { "name=\"", "hostname=\"localhost\"", "timestamp=\"1970-01-01T00:00:00Z\"",
				"id=\"0\"", "package=\"", "time=\"0\"" };
	const char *suite = strstr(x, "<testsuite ");
	cr_assert_not_null(suite);
	for (size_t i = 0; i < 6; i++)
		cr_assert(strstr(suite, attrs[i]), "testsuite lacks %s", attrs[i]);
	char want[128];
	snprintf(want, sizeof want, "tests=\"%zu\" failures=\"%zu\" errors=\"0\"", rep.n, rep.count[VT_GATE_FAIL]);
	cr_assert(strstr(suite, want), "%s", want);
	cr_assert(strstr(x, "<properties>") && strstr(x, "<system-out/>") && strstr(x, "<system-err/>"));
	cr_assert_eq(count(x, "<testcase classname=\"vmtriage.corpus.c2bc58f9\" name=\""), rep.n);
	cr_assert_eq(count(x, "<failure message=\""), rep.count[VT_GATE_FAIL]);
	cr_assert_eq(count(x, "\" type=\"fail\">"), rep.count[VT_GATE_FAIL]);
	cr_assert(strstr(x, "</testsuite>\n</testsuites>\n"));
	free(x);
	vt_gate_report_release(&rep);
}

Test(junit, escapes_markup_and_reports_missing_as_skipped_when_allowed)
{
	struct vt_gate_case cases[2] = {
		{ .name = "a<b>&\"c\"", .status = VT_GATE_MISSING, .outcome = -1, .message = "no trace: x&y" },
		{ .name = "ctl", .status = VT_GATE_ERROR, .outcome = -1, .message = "bad\001byte" },
	};
	struct vt_gate_report rep = { .dir = "d", .source = "t", .allow_missing = true, .cases = cases, .n = 2 };
	rep.count[VT_GATE_MISSING] = rep.count[VT_GATE_ERROR] = 1;
	char *x = junit_of(&rep);
	cr_assert(strstr(x, "name=\"a&lt;b&gt;&amp;&quot;c&quot;\""), "%s", x);
	cr_assert(strstr(x, "<skipped message=\"no trace: x&amp;y\" type=\"missing\">"), "%s", x);
	cr_assert(strstr(x, "<error message=\"bad\\x01byte\""), "%s", x);
	cr_assert(strstr(x, "skipped=\"1\""));
	free(x);
}

/* A case file named in Latin-1 ("caf\xe9") or with a bidi override: the
 * document stays valid UTF-8 XML, the bytes shown as escapes. */
Test(junit, a_case_name_that_is_not_utf8_keeps_the_xml_valid)
{
	struct vt_gate_case cases[2] = {
		{ .name = "caf\xe9", .status = VT_GATE_FAIL, .outcome = -1, .message = "m\xff\xfe" },
		{ .name = "rtl\xe2\x80\xaetxt.exe", .status = VT_GATE_PASS, .outcome = -1, .message = "" },
	};
	struct vt_gate_report rep = { .dir = "d\x80", .source = "t", .cases = cases, .n = 2 };
	rep.count[VT_GATE_FAIL] = rep.count[VT_GATE_PASS] = 1;
	char *x = junit_of(&rep);
	cr_assert(strstr(x, "name=\"caf\\xe9\""), "%s", x);
	cr_assert(strstr(x, "message=\"m\\xff\\xfe\""), "%s", x);
	cr_assert(strstr(x, "name=\"rtl\\u{202e}txt.exe\""), "%s", x);
	for (const unsigned char *p = (const unsigned char *)x; *p; p++)
		cr_assert(*p < 0x80, "a raw non-ASCII byte in %s", x);
	free(x);
}

Test(report, json_has_summary_and_per_case_difference)
{
	struct vt_gate_report rep;
	struct vt_gate_options o = { .model = vt_model_find("7bb3e125") };
	gate(&o, &rep);
	cJSON *j = util_cjson(vt_gate_json(&rep));
	cr_assert_str_eq(cJSON_GetObjectItem(j, "schema")->valuestring, "vmtriage.corpus-gate.v2");
	cr_assert_str_eq(cJSON_GetObjectItem(j, "model_name")->valuestring, "7bb3e125");
	cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(j, "passed")));
	cJSON *sum = cJSON_GetObjectItem(j, "summary");
	cr_assert_eq(cJSON_GetObjectItem(sum, "cases")->valueint, (int)rep.n);
	cr_assert_eq(cJSON_GetObjectItem(sum, "fail")->valueint, (int)rep.count[VT_GATE_FAIL]);
	cJSON *k, *df1 = NULL;
	cJSON_ArrayForEach(k, cJSON_GetObjectItem(j, "cases"))
		if (strcmp(cJSON_GetObjectItem(k, "name")->valuestring, "df1-rep-outsb-down") == 0)
			df1 = k;
	cr_assert_not_null(df1);
	cJSON *m = cJSON_GetObjectItem(df1, "model");
	cr_assert_str_eq(cJSON_GetObjectItem(m, "name")->valuestring, "7bb3e125");
	cr_assert_str_eq(cJSON_GetObjectItem(m, "verdict")->valuestring, "wrong");
	cr_assert(cJSON_IsString(cJSON_GetObjectItem(m, "reason")));
	cJSON *d = cJSON_GetObjectItem(df1, "difference");
	cr_assert_str_eq(cJSON_GetObjectItem(d, "path")->valuestring, "io[1]");
	cr_assert_eq(cJSON_GetObjectItem(d, "element")->valueint, 1);
	/* values are JSON values, never JSON text in a string */
	cJSON *e = cJSON_GetObjectItem(d, "expected");
	cr_assert(cJSON_IsObject(e));
	cr_assert(cJSON_IsNumber(cJSON_GetObjectItem(e, "port")));
	cr_assert(cJSON_IsNumber(cJSON_GetObjectItem(e, "value")));
	cJSON_Delete(j);
	vt_gate_report_release(&rep);
}

/* ---- corpus add */

static void crash_at(const char *path, size_t index, struct vt_crash *c)
{
	struct vt_crash_rec w;
	struct vt_error err;
	cr_assert_eq(vt_corpus_read_crash(path, 1 << 20, index, c, &w, &err), VT_OK, "%s", err.msg);
}

static void skeleton_loads_and_says_what_memory_it_needs(const char *path)
{
	struct vt_crash c;
	struct vt_skeleton sk;
	struct vt_error err;
	crash_at(path, 0, &c);
	cr_assert_eq(vt_corpus_skeleton(&c, "c795", &sk, &err), VT_OK, "%s", err.msg);
	const cJSON *snap = util_cjson(sk.snapshot);
	cr_assert_str_eq(cJSON_GetObjectItem(snap, "mode")->valuestring, "long64");
	cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(snap, "regs"), "rsi")->valuestring, "0x7ff00010");
	cr_assert_null(cJSON_GetObjectItem(cJSON_GetObjectItem(snap, "segments"), "gdtr"));
	const cJSON *ds = cJSON_GetObjectItem(cJSON_GetObjectItem(snap, "segments"), "ds");
	cr_assert_str_eq(cJSON_GetObjectItem(ds, "limit")->valuestring, "0xffffffff");
	cr_assert_str_eq(cJSON_GetObjectItem(ds, "access")->valuestring, "0xc093",
			 "access rights are kept: the replay checks them outside 64-bit code");
	cr_assert_eq(sk.nneeds, 3);
	cr_assert(strstr(sk.needs[0], "12 bytes the OUTS reads at linear 0x7ff00010..0x7ff0001b (ds:rsi)"), "%s", sk.needs[0]);
	cr_assert(strstr(sk.needs[1], "CR3 = 0x7fc01000"), "%s", sk.needs[1]);
	cr_assert(strstr(sk.needs[2], "0x7fc01000 (page-walk)"), "%s", sk.needs[2]);
	/* It is a snapshot: the loader takes it as written. */
	char *text = cJSON_Print(snap);
	struct vt_snapshot *s;
	cr_assert_eq(vt_snapshot_parse(text, strlen(text), "sk", NULL, &s, &err), VT_OK, "%s", err.msg);
	vt_snapshot_free(s);
	free(text);
	vt_skeleton_release(&sk);
}

Test(add, skeleton_from_a_version_1_scan_crash)
{
	skeleton_loads_and_says_what_memory_it_needs(VT_SAMPLES_DIR "/crashes/scan-795-and-340.json");
}

Test(add, skeleton_from_a_schema_2_crash)
{
	skeleton_loads_and_says_what_memory_it_needs(VT_SOURCE_DIR "/tests/data/crashes/crash-v2.json");
}

static int skeleton_of(const char *json, struct vt_error *err)
{
	struct vt_crash c;
	struct vt_crash_rec w;
	struct vt_skeleton sk;
	int rc = vt_crash_read("t", json, strlen(json), 0, &c, &w, NULL, err);
	cr_assert_eq(rc, VT_OK, "%s", err->msg);
	return vt_corpus_skeleton(&c, "x", &sk, err);
}

Test(add, refuses_crashes_without_bytes_or_registers_and_bad_indexes)
{
	struct vt_crash c;
	struct vt_crash_rec w;
	struct vt_skeleton sk;
	struct vt_error err;
	crash_at(VT_SAMPLES_DIR "/crashes/scan-795-and-340.json", 1, &c);
	cr_assert_eq(vt_corpus_skeleton(&c, "p", &sk, &err), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "Paging exit"), "%s", err.msg);
	cr_assert_eq(vt_corpus_read_crash(VT_SAMPLES_DIR "/crashes/scan-795-and-340.json", 1 << 20, 2, &c, &w, &err),
		     VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "holds 2 crashes"), "%s", err.msg);
	cr_assert_eq(skeleton_of("{\"line\":1,\"kind\":\"InstEmul\",\"inst_data\":null,\"registers\":null}", &err),
		     VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "no instruction bytes"), "%s", err.msg);
	cr_assert_eq(skeleton_of("{\"line\":1,\"kind\":\"InstEmul\",\"inst_data\":\"f36e\",\"registers\":null}", &err),
		     VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "no registers"), "%s", err.msg);
	cr_assert_eq(vt_crash_read("t", "3", 1, 0, &c, &w, NULL, &err), VT_ERR_INPUT);
}
