/* The first difference, one engine and one record for every comparison:
 * results (reference against a trace or a model, in the order an operator
 * reads a replay: verdict, elements, io, registers, memory, fault,
 * page-table updates) and JSON documents (corpus expectations). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay/replay_int.h"
#include "util/json_int.h"
#include "vmtriage/replay.h"
#include "vmtriage/replay_report.h"

/* Record one side as JSON text; too long for the record: a string of its start. */
static void value(char *buf, const char *json)
{
	size_t n = strlen(json);
	if (n < VT_DIFF_VALUE_MAX) {
		memcpy(buf, json, n + 1);
		return;
	}
	size_t keep = VT_DIFF_VALUE_MAX - 8;
	while (keep && ((unsigned char)json[keep] & 0xC0) == 0x80)
		keep--; /* whole UTF-8 characters */
	if (json[0] == '"') {
		size_t k = keep;
		while (k > 1 && json[k - 1] == '\\')
			k--; /* never end inside an escape */
		keep = ((keep - k) % 2) ? k : keep;
		snprintf(buf, VT_DIFF_VALUE_MAX, "%.*s...\"", (int)keep, json);
	} else {
		snprintf(buf, VT_DIFF_VALUE_MAX, "\"(%zu bytes of JSON)\"", n);
	}
}

/* Record the difference: path, both sides as JSON, and the sentence people read. */
static bool differ(struct vt_diff *d, unsigned part, const char *path, const char *exp_json,
		   const char *act_json, const char *exp_text, const char *act_text)
{
	d->differs = true;
	d->part = part;
	snprintf(d->path, sizeof d->path, "%s", path);
	value(d->expected, exp_json);
	value(d->actual, act_json);
	snprintf(d->text, sizeof d->text, "%s: expected %s, got %s", path, exp_text, act_text);
	return true;
}

static bool differ_hex(struct vt_diff *d, unsigned part, const char *path, bool he, uint64_t e, bool ha,
		       uint64_t a, const char *none)
{
	char et[24], at[24], ej[28], aj[28];
	snprintf(et, sizeof et, "0x%llx", (unsigned long long)e);
	snprintf(at, sizeof at, "0x%llx", (unsigned long long)a);
	snprintf(ej, sizeof ej, "\"%s\"", et);
	snprintf(aj, sizeof aj, "\"%s\"", at);
	return differ(d, part, path, he ? ej : "null", ha ? aj : "null", he ? et : none, ha ? at : none);
}

static bool diff_u64(struct vt_diff *d, unsigned part, const char *path, uint64_t e, uint64_t a)
{
	char eb[24], ab[24];
	if (e == a)
		return false;
	snprintf(eb, sizeof eb, "%llu", (unsigned long long)e);
	snprintf(ab, sizeof ab, "%llu", (unsigned long long)a);
	return differ(d, part, path, eb, ab, eb, ab);
}

static void access_text(char *buf, size_t n, const struct vt_io_access *x)
{
	snprintf(buf, n, "%s 0x%x size %u value 0x%x", x->dir == VT_IO_IN ? "in" : "out", x->port,
		 x->size, x->value);
}

/* The io object of the result record, as JSON text. */
static void access_json(char *buf, size_t n, const struct vt_io_access *x)
{
	snprintf(buf, n, "{\"direction\":\"%s\",\"port\":%u,\"element_size\":%u,\"value\":%u}",
		 x->dir == VT_IO_IN ? "in" : "out", (unsigned)x->port, x->size, (unsigned)x->value);
}

static bool diff_io(const struct vt_result *e, const struct vt_result *a, struct vt_diff *d)
{
	struct vt_io_iter ie = { 0 }, ia = { 0 };
	struct vt_io_access xe, xa;
	char path[40], eb[64], ab[64], ej[96], aj[96];

	for (int64_t k = 0;; k++) {
		bool he = vt_io_trace_next(&e->io, &ie, &xe), ha = vt_io_trace_next(&a->io, &ia, &xa);
		if (!he && !ha)
			return false;
		if (he && ha && memcmp(&xe, &xa, sizeof xe) == 0)
			continue;
		snprintf(path, sizeof path, "io[%lld]", (long long)k);
		if (he)
			access_text(eb, sizeof eb, &xe), access_json(ej, sizeof ej, &xe);
		if (ha)
			access_text(ab, sizeof ab, &xa), access_json(aj, sizeof aj, &xa);
		d->element = k;
		return differ(d, VT_DIFF_IO, path, he ? ej : "null", ha ? aj : "null", he ? eb : "no access",
			      ha ? ab : "no access");
	}
}

/* A register's value in a result: full state when it has a verdict (the
 * reference or a model), only reported registers for a trace. */
static bool reg_value(const struct vt_result *r, unsigned i, uint64_t *v)
{
	if (!r->has_verdict && !(r->regs_reported & (1u << i)))
		return false;
	*v = r->regs_after[i];
	return true;
}

static bool diff_regs(const struct vt_result *e, const struct vt_result *a, struct vt_diff *d)
{
	uint32_t mask = e->regs_reported | a->regs_reported;
	char what[48];

	for (unsigned i = 0; i < VT_REG_COUNT; i++) {
		uint64_t ve = 0, va = 0;
		bool ke, ka;
		if (!(mask & (1u << i)))
			continue;
		ke = reg_value(e, i, &ve);
		ka = reg_value(a, i, &va);
		if (ke == ka && ve == va)
			continue;
		if (!ke && ka && !(e->regs_reported & (1u << i)))
			continue; /* the expected side does not say */
		snprintf(what, sizeof what, "registers_after.%s", vt_reg_name((enum vt_reg)i));
		return differ_hex(d, VT_DIFF_REGS, what, ke, ve, ka, va, "not reported");
	}
	return false;
}

struct byte_iter {
	const struct vt_mem_ranges *m;
	size_t i, off;
};

static bool next_byte(struct byte_iter *it, uint64_t *gpa, uint8_t *v)
{
	while (it->i < it->m->n && it->off >= it->m->v[it->i].len) {
		it->i++;
		it->off = 0;
	}
	if (it->i >= it->m->n)
		return false;
	*gpa = it->m->v[it->i].gpa + it->off;
	*v = it->m->data[it->m->v[it->i].offset + it->off];
	it->off++;
	return true;
}

static bool diff_mem(const struct vt_mem_ranges *me, const struct vt_mem_ranges *ma,
		     unsigned part, const char *name, struct vt_diff *d)
{
	struct byte_iter ie = { me, 0, 0 }, ia = { ma, 0, 0 };
	uint64_t ge = 0, ga = 0;
	uint8_t ve = 0, va = 0;
	bool he = next_byte(&ie, &ge, &ve), ha = next_byte(&ia, &ga, &va);
	char what[64], eb[24], ab[24], ej[8], aj[8];

	while (he || ha) {
		if (he && ha && ge == ga && ve == va) {
			he = next_byte(&ie, &ge, &ve);
			ha = next_byte(&ia, &ga, &va);
			continue;
		}
		uint64_t at = !ha || (he && ge < ga) ? ge : ga;
		snprintf(what, sizeof what, "%s[0x%llx]", name, (unsigned long long)at);
		snprintf(eb, sizeof eb, he && ge == at ? "0x%02x" : "not written", ve);
		snprintf(ab, sizeof ab, ha && ga == at ? "0x%02x" : "not written", va);
		snprintf(ej, sizeof ej, he && ge == at ? "%u" : "null", ve);
		snprintf(aj, sizeof aj, ha && ga == at ? "%u" : "null", va);
		return differ(d, part, what, ej, aj, eb, ab);
	}
	return false;
}

static bool diff_fault(const struct vt_fault *e, const struct vt_fault *a, struct vt_diff *d)
{
	if (e->raised != a->raised) {
		char ej[96] = "null", aj[96] = "null";
		if (e->raised)
			snprintf(ej, sizeof ej, "{\"vector\":%u}", e->vector);
		if (a->raised)
			snprintf(aj, sizeof aj, "{\"vector\":%u}", a->vector);
		return differ(d, VT_DIFF_FAULT, "fault", ej, aj, e->raised ? "a fault" : "none",
			      a->raised ? "a fault" : "none");
	}
	if (!e->raised)
		return false;
	return diff_u64(d, VT_DIFF_FAULT, "fault.vector", e->vector, a->vector) ||
	       diff_u64(d, VT_DIFF_FAULT, "fault.error_code", e->error_code, a->error_code) ||
	       (e->cr2 != a->cr2 && differ_hex(d, VT_DIFF_FAULT, "fault.cr2", true, e->cr2, true, a->cr2, ""));
}

bool vt_result_diff(const struct vt_result *e, const struct vt_result *a, unsigned parts,
		    struct vt_diff *d)
{
	bool both = e->has_verdict && a->has_verdict;
	/* A trace states its fault only when its final line has "fault". */
	bool faults = (e->has_verdict || e->fault_reported) && (a->has_verdict || a->fault_reported);

	memset(d, 0, sizeof *d);
	d->element = -1;
	if ((parts & VT_DIFF_VERDICT) && both && e->verdict != a->verdict) {
		char ej[40], aj[40];
		snprintf(ej, sizeof ej, "\"%s\"", vt_verdict_name(e->verdict));
		snprintf(aj, sizeof aj, "\"%s\"", vt_verdict_name(a->verdict));
		return differ(d, VT_DIFF_VERDICT, "verdict", ej, aj, vt_verdict_name(e->verdict),
			      vt_verdict_name(a->verdict));
	}
	if ((parts & VT_DIFF_ELEMENTS) && both && diff_u64(d, VT_DIFF_ELEMENTS, "elements", e->elements, a->elements))
		return true;
	return ((parts & VT_DIFF_IO) && diff_io(e, a, d)) ||
	       ((parts & VT_DIFF_REGS) && diff_regs(e, a, d)) ||
	       ((parts & VT_DIFF_MEMORY) &&
		diff_mem(&e->memory_writes, &a->memory_writes, VT_DIFF_MEMORY, "memory_writes", d)) ||
	       ((parts & VT_DIFF_FAULT) && faults && diff_fault(&e->fault, &a->fault, d)) ||
	       ((parts & VT_DIFF_PAGE_TABLES) &&
		diff_mem(&e->page_table_writes, &a->page_table_writes, VT_DIFF_PAGE_TABLES,
			 "page_table_writes", d));
}

/* ---- JSON documents: the first differing path. */

static bool report(const cJSON *e, const cJSON *a, const char *path, struct vt_diff *d)
{
	char *es = e ? cJSON_PrintUnformatted(e) : NULL, *as = a ? cJSON_PrintUnformatted(a) : NULL;
	unsigned long long k;
	differ(d, 0, *path ? path : "(top)", es ? es : "null", as ? as : "null", es ? es : "absent",
	       as ? as : "absent");
	if (sscanf(d->path, "io[%llu]", &k) == 1)
		d->element = (int64_t)k;
	free(es);
	free(as);
	return true;
}

static bool walk(const cJSON *e, const cJSON *a, char *path, size_t cap, struct vt_diff *d);

static bool walk_object(const cJSON *e, const cJSON *a, char *path, size_t cap, struct vt_diff *d)
{
	size_t len = strlen(path);
	const cJSON *x;

	cJSON_ArrayForEach(x, e) {
		snprintf(path + len, cap - len, "%s%s", len ? "." : "", x->string);
		if (walk(x, cJSON_GetObjectItemCaseSensitive(a, x->string), path, cap, d))
			return true;
	}
	cJSON_ArrayForEach(x, a) {
		snprintf(path + len, cap - len, "%s%s", len ? "." : "", x->string);
		if (!cJSON_GetObjectItemCaseSensitive(e, x->string))
			return report(NULL, x, path, d);
	}
	path[len] = '\0';
	return false;
}

static bool walk_array(const cJSON *e, const cJSON *a, char *path, size_t cap, struct vt_diff *d)
{
	size_t len = strlen(path);
	const cJSON *x = e->child, *y = a->child;

	for (int i = 0; x || y; i++) {
		snprintf(path + len, cap - len, "[%d]", i);
		if (walk(x, y, path, cap, d))
			return true;
		x = x ? x->next : NULL;
		y = y ? y->next : NULL;
	}
	path[len] = '\0';
	return false;
}

static bool walk(const cJSON *e, const cJSON *a, char *path, size_t cap, struct vt_diff *d)
{
	if (!e || !a || (e->type & 0xFF) != (a->type & 0xFF))
		return report(e, a, path, d);
	if (cJSON_IsObject(e))
		return walk_object(e, a, path, cap, d);
	if (cJSON_IsArray(e))
		return walk_array(e, a, path, cap, d);
	return cJSON_Compare(e, a, true) ? false : report(e, a, path, d);
}

bool replay_json_first_diff(const cJSON *expected, const cJSON *actual, struct vt_diff *d)
{
	char path[sizeof d->path] = "";
	memset(d, 0, sizeof *d);
	d->element = -1;
	return walk(expected, actual, path, sizeof path, d);
}

void vt_diff_write(struct vt_jw *w, const char *key, const struct vt_diff *d)
{
	if (!d || !d->differs) {
		vt_jw_null(w, key);
		return;
	}
	vt_jw_object_begin(w, key);
	vt_jw_string(w, "path", d->path);
	if (d->element >= 0)
		vt_jw_int(w, "element", d->element);
	else
		vt_jw_null(w, "element");
	vt_jw_raw(w, "expected", d->expected);
	vt_jw_raw(w, "actual", d->actual);
	vt_jw_object_end(w);
}

struct vt_json *vt_diff_json(const struct vt_diff *d)
{
	cJSON *o;
	if (!d || !d->differs)
		return util_json(cJSON_CreateNull());
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "path", d->path);
	if (d->element >= 0)
		cJSON_AddNumberToObject(o, "element", (double)d->element);
	else
		cJSON_AddNullToObject(o, "element");
	cJSON *e = cJSON_Parse(d->expected), *a = cJSON_Parse(d->actual);
	cJSON_AddItemToObject(o, "expected", e ? e : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "actual", a ? a : cJSON_CreateNull());
	return util_json(o);
}
