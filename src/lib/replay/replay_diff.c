/* The first difference between an expected and an actual result, in the
 * order an operator reads a replay: verdict, elements, io, registers,
 * memory, fault, page-table updates. */
#include <stdio.h>
#include <string.h>

#include "vmtriage/replay.h"

static bool differ(struct vt_diff *d, unsigned part, const char *what, const char *exp,
		   const char *act)
{
	d->differs = true;
	d->part = part;
	snprintf(d->what, sizeof d->what, "%s", what);
	snprintf(d->expected, sizeof d->expected, "%s", exp);
	snprintf(d->actual, sizeof d->actual, "%s", act);
	snprintf(d->text, sizeof d->text, "%s: expected %s, got %s", what, exp, act);
	return true;
}

static void hex(char *buf, size_t n, uint64_t v)
{
	snprintf(buf, n, "0x%llx", (unsigned long long)v);
}

static bool diff_u64(struct vt_diff *d, unsigned part, const char *what, uint64_t e, uint64_t a)
{
	char eb[24], ab[24];
	if (e == a)
		return false;
	hex(eb, sizeof eb, e);
	hex(ab, sizeof ab, a);
	return differ(d, part, what, eb, ab);
}

static void access_text(char *buf, size_t n, const struct vt_io_access *x)
{
	snprintf(buf, n, "%s 0x%x size %u value 0x%x", x->dir == VT_IO_IN ? "in" : "out", x->port,
		 x->size, x->value);
}

static bool diff_io(const struct vt_result *e, const struct vt_result *a, struct vt_diff *d)
{
	struct vt_io_iter ie = { 0 }, ia = { 0 };
	struct vt_io_access xe, xa;
	char what[40], eb[64], ab[64];

	for (int64_t k = 0;; k++) {
		bool he = vt_io_trace_next(&e->io, &ie, &xe), ha = vt_io_trace_next(&a->io, &ia, &xa);
		if (!he && !ha)
			return false;
		if (he && ha && memcmp(&xe, &xa, sizeof xe) == 0)
			continue;
		snprintf(what, sizeof what, "io[%lld]", (long long)k);
		if (he)
			access_text(eb, sizeof eb, &xe);
		if (ha)
			access_text(ab, sizeof ab, &xa);
		d->element = k;
		return differ(d, VT_DIFF_IO, what, he ? eb : "no access", ha ? ab : "no access");
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
	char what[40], eb[24], ab[24];

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
		snprintf(what, sizeof what, "regs_after.%s", vt_reg_name((enum vt_reg)i));
		hex(eb, sizeof eb, ve);
		hex(ab, sizeof ab, va);
		return differ(d, VT_DIFF_REGS, what, ke ? eb : "not reported", ka ? ab : "not reported");
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
	char what[64], eb[24], ab[24];

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
		return differ(d, part, what, eb, ab);
	}
	return false;
}

static bool diff_fault(const struct vt_fault *e, const struct vt_fault *a, struct vt_diff *d)
{
	if (e->raised != a->raised)
		return differ(d, VT_DIFF_FAULT, "fault", e->raised ? "a fault" : "none",
			      a->raised ? "a fault" : "none");
	if (!e->raised)
		return false;
	return diff_u64(d, VT_DIFF_FAULT, "fault.vector", e->vector, a->vector) ||
	       diff_u64(d, VT_DIFF_FAULT, "fault.error_code", e->error_code, a->error_code) ||
	       diff_u64(d, VT_DIFF_FAULT, "fault.cr2", e->cr2, a->cr2);
}

bool vt_result_diff(const struct vt_result *e, const struct vt_result *a, unsigned parts,
		    struct vt_diff *d)
{
	bool both = e->has_verdict && a->has_verdict;
	/* A trace states its fault only when its final line has "fault". */
	bool faults = (e->has_verdict || e->fault_reported) && (a->has_verdict || a->fault_reported);

	memset(d, 0, sizeof *d);
	d->element = -1;
	if ((parts & VT_DIFF_VERDICT) && both && e->verdict != a->verdict)
		return differ(d, VT_DIFF_VERDICT, "verdict", vt_verdict_name(e->verdict),
			      vt_verdict_name(a->verdict));
	if ((parts & VT_DIFF_ELEMENTS) && both && e->elements != a->elements) {
		char eb[24], ab[24];
		snprintf(eb, sizeof eb, "%llu", (unsigned long long)e->elements);
		snprintf(ab, sizeof ab, "%llu", (unsigned long long)a->elements);
		return differ(d, VT_DIFF_ELEMENTS, "elements", eb, ab);
	}
	return ((parts & VT_DIFF_IO) && diff_io(e, a, d)) ||
	       ((parts & VT_DIFF_REGS) && diff_regs(e, a, d)) ||
	       ((parts & VT_DIFF_MEMORY) &&
		diff_mem(&e->memory_writes, &a->memory_writes, VT_DIFF_MEMORY, "memory_writes", d)) ||
	       ((parts & VT_DIFF_FAULT) && faults && diff_fault(&e->fault, &a->fault, d)) ||
	       ((parts & VT_DIFF_PAGE_TABLES) &&
		diff_mem(&e->page_table_writes, &a->page_table_writes, VT_DIFF_PAGE_TABLES,
			 "page_table_writes", d));
}
