/* The first difference: one engine and one record for every comparison.
 * A walk goes over two things in the order a person reads them and hands
 * the engine (`position`) each place where they may differ: results (the
 * reference against a trace or a model: verdict, elements, io, registers,
 * memory, fault, page-table updates) and JSON documents (corpus
 * expectations, member by member). The engine compares the two sides as
 * JSON and stops at the first that differ, recording the path, the io
 * element, both sides as JSON and the sentence people read. */
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

/* One side of a place: its value as JSON (NULL: nothing there) and as the
 * sentence says it (NULL: as the JSON; for nothing there, what to say). */
struct side {
	const char *json;
	const char *words;
};

/* The engine. Two sides with the same JSON (or both with nothing there)
 * are the same; else this is the first difference: recorded, and true. */
static bool position(struct vt_diff *d, unsigned part, const char *path, int64_t element,
		     struct side e, struct side a)
{
	if (e.json && a.json ? strcmp(e.json, a.json) == 0 : e.json == a.json)
		return false;
	d->differs = true;
	d->part = part;
	d->element = element;
	snprintf(d->path, sizeof d->path, "%s", path);
	value(d->expected, e.json ? e.json : "null");
	value(d->actual, a.json ? a.json : "null");
	snprintf(d->text, sizeof d->text, "%s: expected %s, got %s", path, e.words ? e.words : e.json,
		 a.words ? a.words : a.json);
	return true;
}

/* ---- Results: each part a walk. */

/* A 64-bit quantity as JSON ("0x1f" in quotes) and words (0x1f); none
 * when the side has no value. */
struct hex {
	char json[24], words[20];
};

static struct side hex_side(struct hex *h, bool has, uint64_t v, const char *none)
{
	if (!has)
		return (struct side){ NULL, none };
	snprintf(h->words, sizeof h->words, "0x%llx", (unsigned long long)v);
	snprintf(h->json, sizeof h->json, "\"%s\"", h->words);
	return (struct side){ h->json, h->words };
}

static bool diff_hex(struct vt_diff *d, unsigned part, const char *path, bool he, uint64_t e, bool ha,
		     uint64_t a, const char *none)
{
	struct hex xe, xa;
	return position(d, part, path, -1, hex_side(&xe, he, e, none), hex_side(&xa, ha, a, none));
}

static bool diff_u64(struct vt_diff *d, unsigned part, const char *path, uint64_t e, uint64_t a)
{
	char eb[24], ab[24];
	snprintf(eb, sizeof eb, "%llu", (unsigned long long)e);
	snprintf(ab, sizeof ab, "%llu", (unsigned long long)a);
	return position(d, part, path, -1, (struct side){ eb, NULL }, (struct side){ ab, NULL });
}

static bool diff_verdict(const struct vt_result *e, const struct vt_result *a, struct vt_diff *d)
{
	char ej[40], aj[40];
	snprintf(ej, sizeof ej, "\"%s\"", vt_verdict_name(e->verdict));
	snprintf(aj, sizeof aj, "\"%s\"", vt_verdict_name(a->verdict));
	return position(d, VT_DIFF_VERDICT, "verdict", -1, (struct side){ ej, vt_verdict_name(e->verdict) },
			(struct side){ aj, vt_verdict_name(a->verdict) });
}

/* An io access as the result record's io object and in words. */
struct access {
	char json[96], words[64];
};

static struct side access_side(struct access *s, bool has, const struct vt_io_access *x)
{
	const char *dir = x->dir == VT_IO_IN ? "in" : "out";
	if (!has)
		return (struct side){ NULL, "no access" };
	snprintf(s->words, sizeof s->words, "%s 0x%x size %u value 0x%x", dir, x->port, x->size, x->value);
	snprintf(s->json, sizeof s->json, "{\"direction\":\"%s\",\"port\":%u,\"element_size\":%u,\"value\":%u}",
		 dir, (unsigned)x->port, x->size, (unsigned)x->value);
	return (struct side){ s->json, s->words };
}

static bool diff_io(const struct vt_result *e, const struct vt_result *a, struct vt_diff *d)
{
	struct vt_io_iter ie = { 0 }, ia = { 0 };
	struct vt_io_access xe, xa;
	struct access se, sa;
	char path[40];

	for (int64_t k = 0;; k++) {
		bool he = vt_io_trace_next(&e->io, &ie, &xe), ha = vt_io_trace_next(&a->io, &ia, &xa);
		if (!he && !ha)
			return false;
		if (he && ha && memcmp(&xe, &xa, sizeof xe) == 0)
			continue; /* equal as they are: no text for the 10^8 accesses of a long trace */
		snprintf(path, sizeof path, "io[%lld]", (long long)k);
		if (position(d, VT_DIFF_IO, path, k, access_side(&se, he, &xe), access_side(&sa, ha, &xa)))
			return true;
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
		if (!ke && ka && !(e->regs_reported & (1u << i)))
			continue; /* the expected side does not say */
		snprintf(what, sizeof what, "registers_after.%s", vt_reg_name((enum vt_reg)i));
		if (diff_hex(d, VT_DIFF_REGS, what, ke, ve, ka, va, "not reported"))
			return true;
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

/* A byte written, as JSON (a number) and in words (0x41). */
struct byte {
	char json[8], words[8];
};

static struct side byte_side(struct byte *s, bool has, uint8_t v)
{
	if (!has)
		return (struct side){ NULL, "not written" };
	snprintf(s->json, sizeof s->json, "%u", v);
	snprintf(s->words, sizeof s->words, "0x%02x", v);
	return (struct side){ s->json, s->words };
}

/* Bytes in address order: the lowest address where one side wrote another
 * byte, or the other side wrote nothing. */
static bool diff_mem(const struct vt_mem_ranges *me, const struct vt_mem_ranges *ma,
		     unsigned part, const char *name, struct vt_diff *d)
{
	struct byte_iter ie = { me, 0, 0 }, ia = { ma, 0, 0 };
	uint64_t ge = 0, ga = 0;
	uint8_t ve = 0, va = 0;
	bool he = next_byte(&ie, &ge, &ve), ha = next_byte(&ia, &ga, &va);
	struct byte se, sa;
	char what[64];

	while (he || ha) {
		uint64_t at = !ha || (he && ge < ga) ? ge : ga;
		bool be = he && ge == at, ba = ha && ga == at;
		if (!(be && ba && ve == va)) { /* equal bytes need no text */
			snprintf(what, sizeof what, "%s[0x%llx]", name, (unsigned long long)at);
			if (position(d, part, what, -1, byte_side(&se, be, ve), byte_side(&sa, ba, va)))
				return true;
		}
		if (be)
			he = next_byte(&ie, &ge, &ve);
		if (ba)
			ha = next_byte(&ia, &ga, &va);
	}
	return false;
}

static bool diff_fault(const struct vt_fault *e, const struct vt_fault *a, struct vt_diff *d)
{
	char ej[96], aj[96];
	if (e->raised != a->raised) {
		snprintf(ej, sizeof ej, "{\"vector\":%u}", e->vector);
		snprintf(aj, sizeof aj, "{\"vector\":%u}", a->vector);
		return position(d, VT_DIFF_FAULT, "fault", -1,
				(struct side){ e->raised ? ej : NULL, e->raised ? "a fault" : "none" },
				(struct side){ a->raised ? aj : NULL, a->raised ? "a fault" : "none" });
	}
	if (!e->raised)
		return false;
	return diff_u64(d, VT_DIFF_FAULT, "fault.vector", e->vector, a->vector) ||
	       diff_u64(d, VT_DIFF_FAULT, "fault.error_code", e->error_code, a->error_code) ||
	       diff_hex(d, VT_DIFF_FAULT, "fault.cr2", true, e->cr2, true, a->cr2, "");
}

bool vt_result_diff(const struct vt_result *e, const struct vt_result *a, unsigned parts,
		    struct vt_diff *d)
{
	bool both = e->has_verdict && a->has_verdict;
	/* A trace states its fault only when its final line has "fault". */
	bool faults = (e->has_verdict || e->fault_reported) && (a->has_verdict || a->fault_reported);

	memset(d, 0, sizeof *d);
	d->element = -1;
	return ((parts & VT_DIFF_VERDICT) && both && diff_verdict(e, a, d)) ||
	       ((parts & VT_DIFF_ELEMENTS) && both &&
		diff_u64(d, VT_DIFF_ELEMENTS, "elements", e->elements, a->elements)) ||
	       ((parts & VT_DIFF_IO) && diff_io(e, a, d)) ||
	       ((parts & VT_DIFF_REGS) && diff_regs(e, a, d)) ||
	       ((parts & VT_DIFF_MEMORY) &&
		diff_mem(&e->memory_writes, &a->memory_writes, VT_DIFF_MEMORY, "memory_writes", d)) ||
	       ((parts & VT_DIFF_FAULT) && faults && diff_fault(&e->fault, &a->fault, d)) ||
	       ((parts & VT_DIFF_PAGE_TABLES) &&
		diff_mem(&e->page_table_writes, &a->page_table_writes, VT_DIFF_PAGE_TABLES,
			 "page_table_writes", d));
}

/* ---- JSON documents: a walk over members and elements. */

/* A value (or nothing) as the engine's side; printing into *text (free()
 * it). A value too big to print in the memory left still differs from
 * the other side's. */
static struct side json_side(const cJSON *v, char **text, const char *no_memory)
{
	*text = v ? cJSON_PrintUnformatted(v) : NULL;
	if (!v)
		return (struct side){ NULL, "absent" };
	return (struct side){ *text ? *text : no_memory, NULL };
}

/* Members and array elements are walked into; other values, and values of
 * two kinds, are compared whole. Equal values are skipped without being
 * printed. element: the io element the path is in, or -1. */
static bool walk(const cJSON *e, const cJSON *a, char *path, size_t cap, int64_t element,
		 struct vt_diff *d)
{
	size_t len = strlen(path);
	bool same_kind = e && a && (e->type & 0xFF) == (a->type & 0xFF);
	const cJSON *x, *y;

	if (same_kind && cJSON_IsObject(e)) {
		cJSON_ArrayForEach(x, e) {
			snprintf(path + len, cap - len, "%s%s", len ? "." : "", x->string);
			if (walk(x, cJSON_GetObjectItemCaseSensitive(a, x->string), path, cap, element, d))
				return true;
		}
		cJSON_ArrayForEach(y, a) {
			snprintf(path + len, cap - len, "%s%s", len ? "." : "", y->string);
			if (!cJSON_GetObjectItemCaseSensitive(e, y->string) && walk(NULL, y, path, cap, element, d))
				return true;
		}
	} else if (same_kind && cJSON_IsArray(e)) {
		/* The elements of the top-level io array are the record's elements. */
		bool io = strcmp(path, "io") == 0;
		x = e->child;
		y = a->child;
		for (int i = 0; x || y; i++) {
			snprintf(path + len, cap - len, "[%d]", i);
			if (walk(x, y, path, cap, io ? i : element, d))
				return true;
			x = x ? x->next : NULL;
			y = y ? y->next : NULL;
		}
	} else if (!(same_kind && cJSON_Compare(e, a, true))) {
		char *et, *at;
		bool r = position(d, 0, *path ? path : "(top)", element,
				  json_side(e, &et, "\"(expected: out of memory printing it)\""),
				  json_side(a, &at, "\"(actual: out of memory printing it)\""));
		free(et);
		free(at);
		return r;
	}
	path[len] = '\0';
	return false;
}

bool replay_json_first_diff(const cJSON *expected, const cJSON *actual, struct vt_diff *d)
{
	char path[sizeof d->path] = "";
	memset(d, 0, sizeof *d);
	d->element = -1;
	return walk(expected, actual, path, sizeof path, -1, d);
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
