/* Gate reports: text for people, JSON for tools, JUnit XML for CI systems
 * (the Ant/Jenkins schema's required elements and attributes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "replay/models_int.h"
#include "util/json_int.h"
#include "vmtriage/corpus.h"
#include "vmtriage/replay_report.h"

static const char *status_colour(enum vt_gate_status s)
{
	return s == VT_GATE_PASS ? VT_SGR_GREEN : s == VT_GATE_MISSING ? VT_SGR_YELLOW : VT_SGR_RED;
}

void vt_gate_text(FILE *fp, const struct vt_style *st, const struct vt_gate_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct vt_gate_case *g = &r->cases[i];
		char tag[16];
		snprintf(tag, sizeof tag, "%s", vt_gate_status_name(g->status));
		for (char *p = tag; *p; p++)
			*p = (char)(*p - 'a' + 'A');
		fprintf(fp, "%s%-7s%s ", vt_sgr(st, status_colour(g->status)), tag, vt_sgr(st, VT_SGR_RESET));
		vt_text_puts(fp, g->name); /* case names are file names from outside */
		if (g->status != VT_GATE_PASS || r->model) {
			fputs(": ", fp);
			vt_text_puts(fp, g->message);
		}
		fputc('\n', fp);
	}
	fprintf(fp, "%sgate %s%s: %zu cases against %s: %zu passed, %zu failed, %zu missing%s, %zu errors\n",
		vt_sgr(st, VT_SGR_BOLD), vt_gate_passed(r) ? "passed" : "FAILED", vt_sgr(st, VT_SGR_RESET),
		r->n, r->source, r->count[VT_GATE_PASS], r->count[VT_GATE_FAIL],
		r->count[VT_GATE_MISSING], r->allow_missing ? " (allowed)" : "", r->count[VT_GATE_ERROR]);
}

static cJSON *case_json(const struct vt_gate_report *r, const struct vt_gate_case *g)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", g->name);
	cJSON_AddStringToObject(o, "status", vt_gate_status_name(g->status));
	util_json_add_string_or_null(o, "reference_verdict", g->has_reference ? vt_verdict_name(g->reference) : NULL);
	if (r->model && g->outcome >= 0)
		cJSON_AddItemToObject(o, "model", model_assessment_json(vt_model_name(r->model),
			vt_model_outcome_name((enum vt_model_outcome)g->outcome), g->message));
	else
		cJSON_AddNullToObject(o, "model");
	cJSON_AddItemToObject(o, "difference", util_cjson(vt_diff_json(g->has_diff ? &g->diff : NULL)));
	cJSON_AddStringToObject(o, "message", g->message);
	return o;
}

struct vt_json *vt_gate_json(const struct vt_gate_report *r)
{
	cJSON *o = cJSON_CreateObject(), *cases, *sum;
	cJSON_AddStringToObject(o, "schema", VT_GATE_SCHEMA);
	cJSON_AddStringToObject(o, "corpus", r->dir);
	cJSON_AddStringToObject(o, "source", r->model ? "model" : "traces");
	util_json_add_string_or_null(o, "model_name", r->model ? vt_model_name(r->model) : NULL);
	util_json_add_string_or_null(o, "traces", r->model ? NULL : r->source);
	cJSON_AddBoolToObject(o, "passed", vt_gate_passed(r));
	sum = cJSON_AddObjectToObject(o, "summary");
	cJSON_AddNumberToObject(sum, "cases", (double)r->n);
	for (unsigned s = 0; s < VT_GATE_STATUS_COUNT; s++)
		cJSON_AddNumberToObject(sum, vt_gate_status_name((enum vt_gate_status)s), (double)r->count[s]);
	cJSON_AddBoolToObject(sum, "allow_missing", r->allow_missing);
	cases = cJSON_AddArrayToObject(o, "cases");
	for (size_t i = 0; i < r->n; i++)
		cJSON_AddItemToArray(cases, case_json(r, &r->cases[i]));
	cJSON_AddArrayToObject(o, "warnings");
	return util_json(o);
}

/* XML text: first the terminal escape (invalid UTF-8 and control
 * characters, which XML 1.0 forbids, become "\xff" / "\u{85}": a case
 * named in Latin-1 still makes a valid document), then the five entities. */
static void xml(FILE *fp, const char *raw)
{
	size_t n = vt_text_escape(raw, strlen(raw), NULL, 0);
	char *safe = malloc(n + 1);
	if (!safe) {
		fputs("(out of memory)", fp);
		return;
	}
	vt_text_escape(raw, strlen(raw), safe, n + 1);
	for (const char *s = safe; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&apos;", fp); break;
		default: fputc(*s, fp);
		}
	}
	free(safe);
}

static void junit_case(FILE *fp, const struct vt_gate_report *r, const struct vt_gate_case *g)
{
	const char *elem = g->status == VT_GATE_ERROR ? "error"
			   : g->status == VT_GATE_MISSING && r->allow_missing ? "skipped"
			   : g->status != VT_GATE_PASS ? "failure" : NULL;

	fputs("    <testcase classname=\"vmtriage.corpus.", fp);
	xml(fp, r->model ? vt_model_name(r->model) : "trace");
	fputs("\" name=\"", fp);
	xml(fp, g->name);
	fputs("\" time=\"0\"", fp);
	if (!elem) {
		fputs("/>\n", fp);
		return;
	}
	fprintf(fp, ">\n      <%s message=\"", elem);
	xml(fp, g->message);
	fprintf(fp, "\" type=\"%s\">", vt_gate_status_name(g->status));
	xml(fp, g->message);
	fprintf(fp, "</%s>\n    </testcase>\n", elem);
}

int vt_gate_junit(FILE *fp, const struct vt_gate_report *r)
{
	size_t failures = r->count[VT_GATE_FAIL] + (r->allow_missing ? 0 : r->count[VT_GATE_MISSING]);
	size_t skipped = r->allow_missing ? r->count[VT_GATE_MISSING] : 0;
	time_t t = (time_t)r->timestamp;
	struct tm tm;
	char when[32] = "1970-01-01T00:00:00Z";

	/* RFC 3339 in UTC, as every vmtriage time (an xs:dateTime with its zone) */
	if (gmtime_r(&t, &tm))
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"vmtriage corpus gate\"", fp);
	fprintf(fp, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"0\">\n", r->n,
		failures, r->count[VT_GATE_ERROR], skipped);
	fputs("  <testsuite id=\"0\" package=\"vmtriage.corpus\" name=\"", fp);
	xml(fp, r->dir);
	fprintf(fp, "\" hostname=\"localhost\" timestamp=\"%s\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"0\">\n",
		when, r->n, failures, r->count[VT_GATE_ERROR], skipped);
	fputs("    <properties>\n      <property name=\"source\" value=\"", fp);
	xml(fp, r->source);
	fputs("\"/>\n    </properties>\n", fp);
	for (size_t i = 0; i < r->n; i++)
		junit_case(fp, r, &r->cases[i]);
	fputs("    <system-out/>\n    <system-err/>\n  </testsuite>\n</testsuites>\n", fp);
	return ferror(fp) ? -1 : 0;
}
