/* The reference execution of one INS/OUTS (Intel SDM vol. 2): element by
 * element with exact register, fault and bound semantics, plus a fast path
 * that moves a whole page's worth of REP OUTS elements at once. */
#include <stdio.h>
#include <string.h>

#include "emu/emu_int.h"

struct sio_exec {
	struct vt_string_io sio;
	uint64_t amask;      /* address-size mask: also wraps the count */
	enum vt_reg ptr;     /* RSI for OUTS, RDI for INS */
	uint16_t port;
	bool down;           /* RFLAGS.DF */
};

static uint64_t count_of(const struct vt_emu *e, const struct sio_exec *x)
{
	return e->cpu.r[VT_REG_RCX] & x->amask;
}

/* Registers after n more elements: pointer +/- n*size, count - n. */
static void advance(struct vt_emu *e, const struct sio_exec *x, uint64_t n)
{
	uint64_t ptr = e->cpu.r[x->ptr], delta = n * x->sio.size;
	ptr = x->down ? ptr - delta : ptr + delta;
	vt_emu_set_reg(e, x->ptr, x->sio.addr_bits, ptr & x->amask);
	if (x->sio.rep)
		vt_emu_set_reg(e, VT_REG_RCX, x->sio.addr_bits, (count_of(e, x) - n) & x->amask);
}

static enum vt_access one_element(struct vt_emu *e, const struct sio_exec *x, struct vt_fault *f)
{
	unsigned size = x->sio.size;
	uint64_t off = e->cpu.r[x->ptr] & x->amask, la = vt_emu_linear(e, x->sio.segment, off);
	uint8_t buf[4];
	uint32_t v = 0;
	enum vt_access a;

	if ((a = vt_emu_seg_check(e, x->sio.segment, off, size, x->sio.in, f)) != VT_ACCESS_OK)
		return a;
	if (!x->sio.in) {
		if ((a = vt_emu_linear_read(e, x->sio.segment, la, buf, size, f)) != VT_ACCESS_OK)
			return a;
		for (unsigned i = 0; i < size; i++)
			v |= (uint32_t)buf[i] << (8 * i);
		vt_emu_port_out(e, x->port, size, v);
	} else {
		/* The destination is checked before the port is read, so a
		 * faulting element consumes no device data. */
		if ((a = vt_emu_linear_check(e, x->sio.segment, la, size, true, f)) != VT_ACCESS_OK)
			return a;
		v = vt_emu_port_in(e, x->port, size);
		for (unsigned i = 0; i < size; i++)
			buf[i] = (uint8_t)(v >> (8 * i));
		if ((a = emu_linear_write_checked(e, x->sio.segment, la, buf, size, f)) != VT_ACCESS_OK)
			return a;
	}
	advance(e, x, 1);
	return VT_ACCESS_OK;
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* Elements of a REP INS/OUTS that lie in the current page, in one piece of
 * guest memory, without pointer wrap, all inside the segment: 0 when fewer
 * than two (the element path then handles faults, unknown memory and page
 * straddles). */
static uint64_t bulk_count(const struct vt_emu *e, const struct sio_exec *x, uint64_t la,
			   uint64_t todo)
{
	unsigned size = x->sio.size, off = (unsigned)(la & (VT_PAGE - 1));
	uint64_t ptr = e->cpu.r[x->ptr] & x->amask, n;

	if (off + size > VT_PAGE)
		return 0;
	if (!x->down)
		n = min_u64((VT_PAGE - off) / size, (x->amask - ptr) / size + 1);
	else
		n = min_u64(off / size + 1, ptr / size + 1);
	n = min_u64(n, todo);
	if (n >= 2) {
		uint64_t first = x->down ? ptr - (n - 1) * size : ptr;
		struct vt_fault f;
		if (vt_emu_seg_check(e, x->sio.segment, first, (size_t)(n * size), x->sio.in, &f) !=
		    VT_ACCESS_OK)
			return 0; /* elements reach past the limit: one at a time, to the fault */
	}
	if (e->cpu.mode == VT_MODE_LONG64) {
		uint64_t lo = x->down ? la - (n - 1) * size : la;
		unsigned bits = (e->cpu.r[VT_REG_CR4] & VT_CR4_LA57) ? 57 : 48;
		int64_t s = (int64_t)(lo << (64 - bits)) >> (64 - bits);
		if ((uint64_t)s != lo)
			return 0; /* a page is either all canonical or not at all */
	}
	return n >= 2 ? n : 0;
}

static uint64_t bulk_out(struct vt_emu *e, const struct sio_exec *x, uint64_t todo)
{
	unsigned size = x->sio.size;
	uint64_t la = vt_emu_linear(e, x->sio.segment, e->cpu.r[x->ptr] & x->amask), gpa;
	uint64_t n = bulk_count(e, x, la, todo);
	const uint8_t *src;
	uint8_t fill, *dst;
	struct vt_fault f;

	if (n == 0 || vt_emu_translate(e, la, false, &gpa, &f) != VT_ACCESS_OK)
		return 0;
	if (x->down)
		gpa -= (n - 1) * size;
	if (emu_phys_span(e, gpa, (size_t)n * size, &src, &fill) < n * size)
		return 0;
	if (src) { /* zero-copy: the values stay in snapshot memory (DF = 1: read backwards) */
		if (vt_io_trace_add_borrowed(&e->io, VT_IO_OUT, x->port, size, src, n, x->down)) {
			e->nomem = true;
			return 0;
		}
		advance(e, x, n);
		return n;
	}
	if (!(dst = vt_io_trace_reserve(&e->io, VT_IO_OUT, x->port, size, n))) {
		e->nomem = true;
		return 0;
	}
	memset(dst, fill, (size_t)n * size); /* a fill region: every value alike */
	advance(e, x, n);
	return n;
}

/* REP INS elements that land in one known page (not a page table the
 * cached walk used): read the port and store straight into the page's
 * copy-on-write image. 0 leaves the element path to handle the rest. */
static uint64_t bulk_in(struct vt_emu *e, const struct sio_exec *x, uint64_t todo)
{
	unsigned size = x->sio.size;
	uint64_t la = vt_emu_linear(e, x->sio.segment, e->cpu.r[x->ptr] & x->amask), gpa;
	uint64_t n = bulk_count(e, x, la, todo);
	struct emu_page *p;
	struct vt_fault f;

	if (n == 0 || vt_emu_translate(e, la, true, &gpa, &f) != VT_ACCESS_OK)
		return 0;
	if (x->down)
		gpa -= (n - 1) * size;
	if (!emu_known(e, gpa, n * size) || emu_tlb_uses(e, gpa / VT_PAGE))
		return 0;
	if (!(p = emu_cow_page(e, gpa / VT_PAGE))) {
		e->nomem = true;
		return 0;
	}
	const uint8_t *v = emu_port_in_run(e, x->port, size, n);
	unsigned base = (unsigned)(gpa & (VT_PAGE - 1)), len = (unsigned)(n * size);
	if (!v)
		return 0;
	if (!x->down)
		memcpy(p->data + base, v, len);
	else /* element k lands below element k - 1 */
		for (uint64_t k = 0; k < n; k++)
			memcpy(p->data + base + (n - 1 - k) * size, v + k * size, size);
	emu_mark(p->data_w, base, len);
	advance(e, x, n);
	return n;
}

static int finish_fault(struct vt_emu *e, const struct sio_exec *x, struct vt_result *out,
			uint64_t done, enum vt_access a, const struct vt_fault *f)
{
	char why[160];
	if (a == VT_ACCESS_UNKNOWN) {
		enum vt_access_kind k;
		uint64_t gpa = vt_emu_unknown(e, &k);
		snprintf(why, sizeof why, "element %llu needs guest-physical 0x%llx (%s), which the snapshot does not describe",
			 (unsigned long long)done, (unsigned long long)gpa, vt_access_kind_name(k));
		return vt_emu_finish(e, VT_VERDICT_UNKNOWN_MEMORY, done, NULL, why, out);
	}
	if (a == VT_ACCESS_NOMEM)
		return vt_emu_finish(e, VT_VERDICT_INVALID, done, NULL, "out of memory", out);
	if (f->cause)
		snprintf(why, sizeof why, "element %llu raises %s: %s, through %s", (unsigned long long)done,
			 f->vector == VT_VEC_SS ? "#SS" : "#GP", f->cause, vt_seg_name(x->sio.segment));
	else
		snprintf(why, sizeof why, "element %llu raises #PF", (unsigned long long)done);
	return vt_emu_finish(e, VT_VERDICT_GUEST_FAULT, done, f, why, out);
}

static int decode_failed(struct vt_emu *e, enum vt_sio_result r, struct vt_result *out)
{
	if (r == VT_SIO_NOT_STRING_IO)
		return vt_emu_finish(e, VT_VERDICT_NOT_STRING_IO, 0, NULL,
				     "not INS/OUTS: nothing to replay", out);
	return vt_emu_finish(e, VT_VERDICT_INVALID, 0, NULL,
			     r == VT_SIO_TOO_LONG ? "prefixes push the instruction past 15 bytes"
						  : "the bytes end before an opcode",
			     out);
}

static int run_elements(struct vt_emu *e, const struct sio_exec *x, struct vt_result *out)
{
	uint64_t max = e->in->max_elements ? e->in->max_elements : VT_MAX_ELEMENTS_DEFAULT;
	uint64_t done = 0;
	struct vt_fault f = { 0 };
	char why[160];

	/* One allocation for the whole trace of a bounded REP INS, at most 1 GiB
	 * up front, then doubling. REP OUTS borrows its values from snapshot
	 * memory instead. */
	if (x->sio.rep && x->sio.in) {
		uint64_t n = min_u64(count_of(e, x), max) * x->sio.size;
		vt_io_trace_grow(&e->io, (size_t)min_u64(n, 1ull << 30));
	}

	while (!x->sio.rep || count_of(e, x) != 0) {
		uint64_t todo = x->sio.rep ? min_u64(count_of(e, x), max - done) : 1, n;
		enum vt_access a;
		if (todo == 0) {
			snprintf(why, sizeof why, "stopped after max_elements = %llu; RIP unchanged, so re-entry resumes",
				 (unsigned long long)max);
			return vt_emu_finish(e, VT_VERDICT_LIMIT_REACHED, done, NULL, why, out);
		}
		if (x->sio.rep && todo >= 2 &&
		    (n = x->sio.in ? bulk_in(e, x, todo) : bulk_out(e, x, todo)) > 0) {
			done += n;
			continue;
		}
		if ((a = one_element(e, x, &f)) != VT_ACCESS_OK)
			return finish_fault(e, x, out, done, a, &f);
		done++;
		if (!x->sio.rep)
			break;
	}
	vt_emu_set_reg(e, VT_REG_RIP, x->sio.code_bits, e->cpu.r[VT_REG_RIP] + x->sio.length);
	return vt_emu_finish(e, VT_VERDICT_EMULATED, done, NULL, NULL, out);
}

int vt_emu_run(struct vt_emu *e, struct vt_result *out)
{
	struct sio_exec x = { 0 };
	size_t n = e->in->inst_len < VT_INSN_MAX ? e->in->inst_len : VT_INSN_MAX;
	enum vt_sio_result r = vt_string_io_decode(e->in->inst, n, vt_mode_code_bits(e->cpu.mode),
						   &x.sio);

	if (r != VT_SIO_OK)
		return decode_failed(e, r, out);
	if (x.sio.prefixes.lock) {
		struct vt_fault ud = { .raised = true, .vector = VT_VEC_UD };
		return vt_emu_finish(e, VT_VERDICT_GUEST_FAULT, 0, &ud,
				     "LOCK prefix on INS/OUTS is #UD", out);
	}
	x.amask = emu_mask_bits(x.sio.addr_bits);
	x.ptr = x.sio.in ? VT_REG_RDI : VT_REG_RSI;
	x.port = (uint16_t)e->cpu.r[VT_REG_RDX];
	x.down = e->cpu.r[VT_REG_RFLAGS] & VT_RFLAGS_DF;
	return run_elements(e, &x, out);
}
