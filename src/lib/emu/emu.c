/* One emulator execution: CPU state, segmentation, linear accesses, ports,
 * and turning the outcome into a struct vt_result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/emu_int.h"

const char *vt_access_kind_name(enum vt_access_kind k)
{
	return k == VT_MEM_WRITE ? "write" : k == VT_MEM_WALK ? "page-walk" : "read";
}

struct vt_emu *vt_emu_new(const struct vt_emu_input *in, struct vt_error *err)
{
	struct vt_emu *e = calloc(1, sizeof *e);
	if (e && in->nports)
		e->port_next = calloc(in->nports, sizeof *e->port_next);
	if (!e || (in->nports && !e->port_next)) {
		free(e);
		vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		return NULL;
	}
	e->in = in;
	e->cpu = in->cpu;
	return e;
}

static void cow_release(struct vt_emu *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->cow_cap; i++)
		free(e->cow[i]);
	free(e->cow);
	e->cow = NULL;
	e->cow_cap = e->cow_n = 0;
}

void vt_emu_free(struct vt_emu *e)
{
	if (!e)
		return;
	cow_release(e);
	vt_io_trace_release(&e->io);
	free(e->port_next);
	free(e);
}

struct vt_cpu *vt_emu_cpu(struct vt_emu *e)
{
	return &e->cpu;
}

const struct vt_emu_input *vt_emu_input(const struct vt_emu *e)
{
	return e->in;
}

void vt_emu_set_reg(struct vt_emu *e, enum vt_reg reg, unsigned bits, uint64_t value)
{
	uint64_t *r = &e->cpu.r[reg];
	if (bits == 16)
		*r = (*r & ~0xFFFFull) | (value & 0xFFFF);
	else if (bits == 32)
		*r = value & 0xFFFFFFFFull; /* 32-bit writes zero-extend */
	else
		*r = value;
}

uint64_t vt_emu_linear(const struct vt_emu *e, enum vt_seg seg, uint64_t offset)
{
	uint64_t base = e->cpu.seg[seg].base;
	if (e->cpu.mode == VT_MODE_LONG64)
		return ((seg == VT_SEG_FS || seg == VT_SEG_GS) ? base : 0) + offset;
	return (base + offset) & 0xFFFFFFFFull; /* linear addresses are 32-bit outside long64 */
}

static enum vt_access seg_fault(enum vt_seg seg, const char *cause, struct vt_fault *f)
{
	*f = (struct vt_fault){ .raised = true, .vector = seg == VT_SEG_SS ? VT_VEC_SS : VT_VEC_GP,
				.has_error_code = true, .cause = cause };
	return VT_ACCESS_FAULT;
}

/* Why the descriptor forbids the access, or NULL (SDM vol. 3 5.4, 5.5):
 * data segments are always readable and writable only with W; code
 * segments are never writable and readable only with R. */
static const char *type_forbids(uint32_t ar, bool write)
{
	if (!(ar & VT_AR_S) || !(ar & VT_AR_P) || (ar & VT_AR_UNUSABLE))
		return "segment unusable (null, not present or a system descriptor)";
	if ((ar & VT_AR_TYPE_CODE) && write)
		return "write to a code segment";
	if ((ar & VT_AR_TYPE_CODE) && !(ar & VT_AR_TYPE_WRITABLE))
		return "read from an execute-only code segment";
	if (write && !(ar & VT_AR_TYPE_WRITABLE))
		return "write to a read-only data segment";
	return NULL;
}

enum vt_access vt_emu_seg_check(const struct vt_emu *e, enum vt_seg seg, uint64_t offset,
				size_t n, bool write, struct vt_fault *f)
{
	const struct vt_segment *s = &e->cpu.seg[seg];
	bool protected_mode = e->cpu.mode != VT_MODE_REAL16;
	uint64_t lo = 0, hi = s->limit, last = offset + (n ? n - 1 : 0);
	const char *why;

	if (e->cpu.mode == VT_MODE_LONG64 || n == 0)
		return VT_ACCESS_OK;
	if (protected_mode && s->has_access && (why = type_forbids(s->access, write)))
		return seg_fault(seg, why, f);
	if (!s->has_limit)
		return VT_ACCESS_OK;
	if (protected_mode && s->has_access && !(s->access & VT_AR_TYPE_CODE) &&
	    (s->access & VT_AR_TYPE_DOWN)) {
		/* Expand-down: the limit is the highest offset that is *not* valid. */
		lo = (uint64_t)s->limit + 1;
		hi = (s->access & VT_AR_DB) ? 0xFFFFFFFFull : 0xFFFFull;
	}
	if (offset < lo || last > hi)
		return seg_fault(seg, lo ? "outside the expand-down segment" : "past the segment limit", f);
	return VT_ACCESS_OK;
}

static bool canonical(const struct vt_emu *e, uint64_t la)
{
	unsigned bits = (e->cpu.r[VT_REG_CR4] & VT_CR4_LA57) ? 57 : 48;
	int64_t s = (int64_t)(la << (64 - bits)) >> (64 - bits);
	return (uint64_t)s == la;
}

/* Address of byte i of an access at la: 32-bit wrap outside long64. */
static uint64_t byte_la(const struct vt_emu *e, uint64_t la, size_t i)
{
	uint64_t a = la + i;
	return e->cpu.mode == VT_MODE_LONG64 ? a : a & 0xFFFFFFFFull;
}

static enum vt_access check_canonical(const struct vt_emu *e, enum vt_seg seg, uint64_t la,
				      size_t n, struct vt_fault *f)
{
	if (e->cpu.mode != VT_MODE_LONG64 || n == 0)
		return VT_ACCESS_OK;
	if (canonical(e, la) && canonical(e, la + n - 1))
		return VT_ACCESS_OK;
	return seg_fault(seg, "non-canonical address", f);
}

/* Calls fn on each page-contiguous piece of [la, la+n) after translating it. */
typedef enum vt_access (*piece_fn)(struct vt_emu *e, uint64_t gpa, size_t off, size_t len,
				   void *ctx);

static enum vt_access each_piece(struct vt_emu *e, enum vt_seg seg, uint64_t la, size_t n,
				 bool write, struct vt_fault *f, piece_fn fn, void *ctx)
{
	enum vt_access a = check_canonical(e, seg, la, n, f);
	size_t i = 0;

	while (a == VT_ACCESS_OK && i < n) {
		uint64_t bla = byte_la(e, la, i), gpa;
		size_t len = VT_PAGE - (size_t)(bla & (VT_PAGE - 1));
		if (len > n - i)
			len = n - i;
		a = vt_emu_translate(e, bla, write, &gpa, f);
		if (a == VT_ACCESS_OK)
			a = fn(e, gpa, i, len, ctx);
		i += len;
	}
	return a;
}

static enum vt_access piece_known(struct vt_emu *e, uint64_t gpa, size_t off, size_t len,
				  void *ctx)
{
	const bool *write = ctx;
	(void)off;
	for (size_t i = 0; i < len; i++)
		if (!emu_region(e, gpa + i)) {
			emu_note_unknown(e, gpa + i, *write ? VT_MEM_WRITE : VT_MEM_READ);
			return VT_ACCESS_UNKNOWN;
		}
	return VT_ACCESS_OK;
}

static enum vt_access piece_read(struct vt_emu *e, uint64_t gpa, size_t off, size_t len, void *ctx)
{
	return vt_emu_phys_read(e, gpa, (uint8_t *)ctx + off, len);
}

static enum vt_access piece_write(struct vt_emu *e, uint64_t gpa, size_t off, size_t len,
				  void *ctx)
{
	return vt_emu_phys_write(e, gpa, (const uint8_t *)ctx + off, len);
}

enum vt_access vt_emu_linear_check(struct vt_emu *e, enum vt_seg seg, uint64_t la, size_t n,
				   bool write, struct vt_fault *f)
{
	return each_piece(e, seg, la, n, write, f, piece_known, &write);
}

enum vt_access vt_emu_linear_read(struct vt_emu *e, enum vt_seg seg, uint64_t la, void *buf,
				  size_t n, struct vt_fault *f)
{
	return each_piece(e, seg, la, n, false, f, piece_read, buf);
}

enum vt_access emu_linear_write_checked(struct vt_emu *e, enum vt_seg seg, uint64_t la,
					   const void *buf, size_t n, struct vt_fault *f)
{
	return each_piece(e, seg, la, n, true, f, piece_write, (void *)(uintptr_t)buf);
}

/* The snapshot's input for port, or -1 (an absent device). */
static long port_index(const struct vt_emu *e, uint16_t port)
{
	for (size_t i = 0; i < e->in->nports; i++)
		if (e->in->ports[i].port == port)
			return (long)i;
	return -1;
}

/* The next value IN reads from input i (or an absent device when i < 0). */
static uint32_t next_in(struct vt_emu *e, long i, unsigned size)
{
	uint32_t v = 0xFFFFFFFFu; /* an absent device reads as all ones */
	if (i >= 0) {
		const struct vt_port_input *p = &e->in->ports[i];
		v = e->port_next[i] < p->count ? (uint32_t)p->values[e->port_next[i]++] : (uint32_t)p->then;
	}
	return v & (uint32_t)emu_mask_bits(8 * size);
}

uint32_t vt_emu_port_in(struct vt_emu *e, uint16_t port, unsigned size)
{
	uint32_t v = next_in(e, port_index(e, port), size);
	if (vt_io_trace_add(&e->io, VT_IO_IN, port, size, v))
		e->nomem = true;
	return v;
}

const uint8_t *emu_port_in_run(struct vt_emu *e, uint16_t port, unsigned size, uint64_t n)
{
	long i = port_index(e, port);
	uint8_t *out = vt_io_trace_reserve(&e->io, VT_IO_IN, port, size, n);
	if (!out) {
		e->nomem = true;
		return NULL;
	}
	for (uint64_t k = 0; k < n; k++) {
		uint32_t v = next_in(e, i, size);
		for (unsigned b = 0; b < size; b++)
			out[k * size + b] = (uint8_t)(v >> (8 * b));
	}
	return out;
}

void vt_emu_port_out(struct vt_emu *e, uint16_t port, unsigned size, uint32_t value)
{
	if (vt_io_trace_add(&e->io, VT_IO_OUT, port, size, value & (uint32_t)emu_mask_bits(8 * size)))
		e->nomem = true;
}

static int cmp_page(const void *a, const void *b)
{
	uint64_t x = (*(struct emu_page *const *)a)->pfn, y = (*(struct emu_page *const *)b)->pfn;
	return x < y ? -1 : x > y;
}

/* Bytes marked in `map` (data_w or pt_w) of every modified page, ascending. */
static int collect_writes(struct vt_emu *e, bool pt, struct vt_mem_ranges *out)
{
	struct emu_page **pages = malloc((e->cow_n ? e->cow_n : 1) * sizeof *pages);
	size_t n = 0;
	int rc = VT_OK;

	if (!pages)
		return VT_ERR_NOMEM;
	for (size_t i = 0; i < e->cow_cap; i++)
		if (e->cow[i])
			pages[n++] = e->cow[i];
	qsort(pages, n, sizeof *pages, cmp_page);
	for (size_t i = 0; i < n && rc == VT_OK; i++) {
		const uint8_t *map = pt ? pages[i]->pt_w : pages[i]->data_w;
		unsigned off = 0;
		while (off < VT_PAGE && rc == VT_OK) { /* one add per run of marked bytes */
			unsigned end = off;
			if (!(off & 7) && map[off >> 3] == 0) {
				off += 8; /* eight unwritten bytes */
				continue;
			}
			while (end < VT_PAGE && (map[end >> 3] & (1u << (end & 7)))) {
				if (!(end & 7) && map[end >> 3] == 0xFF)
					end += 7; /* a whole bitmap byte at once */
				end++;
			}
			if (end > off)
				rc = vt_mem_ranges_add(out, pages[i]->pfn * VT_PAGE + off,
						       &pages[i]->data[off], end - off);
			off = end + 1;
		}
	}
	free(pages);
	return rc;
}

static void describe_instruction(const struct vt_emu *e, struct vt_result *out)
{
	size_t n = e->in->inst_len < VT_INSN_MAX ? e->in->inst_len : VT_INSN_MAX;
	memcpy(out->inst, e->in->inst, n);
	out->inst_len = n;
	out->code_bits = vt_mode_code_bits(e->in->cpu.mode);
	out->decoded = vt_string_io_decode(e->in->inst, n, out->code_bits, &out->sio) == VT_SIO_OK;
}

int vt_emu_finish(struct vt_emu *e, enum vt_verdict verdict, uint64_t elements, const struct vt_fault *fault,
		  const char *detail, struct vt_result *out)
{
	int rc;

	out->verdict = verdict;
	out->has_verdict = true;
	out->elements = elements;
	describe_instruction(e, out);
	memcpy(out->regs_before, e->in->cpu.r, sizeof out->regs_before);
	memcpy(out->regs_after, e->cpu.r, sizeof out->regs_after);
	out->regs_reported = VT_RESULT_ALWAYS_REGS;
	for (unsigned i = 0; i < VT_REG_COUNT; i++)
		if (out->regs_before[i] != out->regs_after[i])
			out->regs_reported |= 1u << i;
	vt_io_trace_release(&out->io);
	out->io = e->io;
	memset(&e->io, 0, sizeof e->io);
	if (fault)
		out->fault = *fault;
	out->unknown_gpa = e->unknown_gpa;
	out->unknown_kind = e->unknown_kind;
	if (detail)
		snprintf(out->detail, sizeof out->detail, "%s", detail);
	rc = collect_writes(e, false, &out->memory_writes);
	if (rc == VT_OK)
		rc = collect_writes(e, true, &out->page_table_writes);
	e->finished = true;
	return e->nomem ? VT_ERR_NOMEM : rc;
}
