/* swherdman/propolis c2bc58f9 "Add string I/O instruction emulation for
 * InstEmul VM exits", modelled as vmtriage-corpus(1) describes the commit:
 * F3/66 prefixes only, size from the opcode and 66 alone, rSI/rDI as full
 * 64-bit guest-physical addresses, count = full RCX, one unbounded loop. */
#include <stdio.h>

#include "replay/models_int.h"
#include "vmtriage/replay.h"

struct c2_insn {
	bool rep, opsize, in;
	unsigned size;
	uint8_t opcode;
	size_t length;
};

/* The patch's decoder: any run of F3/66, then 6C..6F. On failure *at is
 * the first byte it rejects. */
static bool c2_decode(const uint8_t *b, size_t n, struct c2_insn *f, size_t *at)
{
	size_t i = 0;
	*f = (struct c2_insn){ 0 };
	for (; i < n && (b[i] == 0xF3 || b[i] == 0x66); i++) {
		f->rep |= b[i] == 0xF3;
		f->opsize |= b[i] == 0x66;
	}
	*at = i;
	if (i >= n || b[i] < 0x6C || b[i] > 0x6F)
		return false;
	f->opcode = b[i];
	f->length = i + 1;
	f->in = b[i] < 0x6E;
	/* 2 with 66 else 4, whatever the code size: wrong in 16-bit code. */
	f->size = (b[i] & 1) ? (f->opsize ? 2 : 4) : 1;
	return true;
}

struct c2_exec {
	struct c2_insn f;
	uint16_t port;
	bool down;
	uint64_t addr; /* the patch's running pointer, written back at the end */
};

/* One element; VT_ACCESS_FAULT only for an OUTS read the VMM cannot do. */
static enum vt_access c2_element(struct vt_emu *e, struct c2_exec *x)
{
	uint8_t buf[4];
	uint32_t v = 0;
	enum vt_access a;

	if (!x->f.in) {
		if ((a = model_phys(e, x->addr, buf, x->f.size, false)) != VT_ACCESS_OK)
			return a;
		for (unsigned i = 0; i < x->f.size; i++)
			v |= (uint32_t)buf[i] << (8 * i);
		vt_emu_port_out(e, x->port, x->f.size, v); /* port errors are ignored */
	} else {
		v = vt_emu_port_in(e, x->port, x->f.size);
		for (unsigned i = 0; i < x->f.size; i++)
			buf[i] = (uint8_t)(v >> (8 * i));
		/* A failed memory write is silently dropped. */
		if ((a = model_phys(e, x->addr, buf, x->f.size, true)) == VT_ACCESS_UNKNOWN)
			return a;
	}
	x->addr = x->down ? x->addr - x->f.size : x->addr + x->f.size;
	return VT_ACCESS_OK;
}

static int c2_stop(struct vt_emu *e, const struct c2_exec *x, uint64_t done, enum vt_access a,
		   struct vt_result *out)
{
	char why[200];
	if (a == VT_ACCESS_UNKNOWN) {
		snprintf(why, sizeof why, "element %llu reads guest-physical 0x%llx, which the snapshot does not describe",
			 (unsigned long long)done, (unsigned long long)x->addr);
		return vt_emu_finish(e, VT_VERDICT_UNKNOWN_MEMORY, done, NULL, why, out);
	}
	snprintf(why, sizeof why, "reading guest-physical 0x%llx fails after %llu elements went to the port: the VMM panics with no register written",
		 (unsigned long long)x->addr, (unsigned long long)done);
	return model_panic(e, done, why, out);
}

static int c2_run(struct vt_emu *e, uint64_t bound, struct vt_result *out)
{
	const struct vt_emu_input *in = vt_emu_input(e);
	struct vt_cpu *cpu = vt_emu_cpu(e);
	size_t n = in->inst_len < VT_INSN_MAX ? in->inst_len : VT_INSN_MAX, at;
	struct c2_exec x;
	enum vt_reg ptr;
	uint64_t count, todo;
	char why[200];

	if (!c2_decode(in->inst, n, &x.f, &at)) {
		struct vt_model_assessment a;
		model_assess_rejected(in->inst, n, at, vt_mode_code_bits(cpu->mode), &a);
		return model_panic(e, 0, a.reason, out);
	}
	ptr = x.f.in ? VT_REG_RDI : VT_REG_RSI;
	x.port = (uint16_t)cpu->r[VT_REG_RDX];
	x.down = cpu->r[VT_REG_RFLAGS] & VT_RFLAGS_DF;
	x.addr = cpu->r[ptr];
	count = x.f.rep ? cpu->r[VT_REG_RCX] : 1;
	todo = count < bound ? count : bound;
	for (uint64_t k = 0; k < todo; k++) {
		enum vt_access a = c2_element(e, &x);
		if (a != VT_ACCESS_OK)
			return c2_stop(e, &x, k, a, out);
	}
	if (count > bound) {
		snprintf(why, sizeof why, "loops over all %llu elements inside the vCPU exit (bound %llu): the vCPU hangs",
			 (unsigned long long)count, (unsigned long long)bound);
		return vt_emu_finish(e, VT_VERDICT_LIMIT_REACHED, todo, NULL, why, out);
	}
	cpu->r[ptr] = x.addr;
	if (x.f.rep)
		cpu->r[VT_REG_RCX] = 0;
	cpu->r[VT_REG_RIP] += x.f.length;
	return vt_emu_finish(e, VT_VERDICT_EMULATED, count, NULL, NULL, out);
}

static enum vt_assess c2_assess(const uint8_t *b, size_t n, unsigned code_bits,
				struct vt_model_assessment *out)
{
	struct c2_insn f;
	size_t at;
	bool in;

	if (!c2_decode(b, n, &f, &at))
		return model_assess_rejected(b, n, at, code_bits, out);
	in = f.in;
	if ((f.opcode & 1) && code_bits == 16)
		return model_assess_set(out, VT_ASSESS_WRONG_SIZE,
				     "real-mode %s: wrong size (%u-byte elements, not %u; also 16-bit protected mode)",
				     f.opsize ? (in ? "INSD" : "OUTSD") : (in ? "INSW" : "OUTSW"), f.size,
				     f.opsize ? 4u : 2u);
	if ((f.opcode & 1) && code_bits == 0)
		return model_assess_set(out, VT_ASSESS_DEPENDS,
				     "%s: right size in 32/64-bit code, wrong size in real-mode/16-bit code",
				     in ? "INSW/INSD" : "OUTSW/OUTSD");
	if (code_bits == 16)
		return model_assess_set(out, VT_ASSESS_DEPENDS,
				     "real-mode %s: ignores the segment base and 16-bit pointer wrap; right only with base 0",
				     in ? "INSB" : "OUTSB");
	if (code_bits == 0)
		return model_assess_set(out, VT_ASSESS_DEPENDS,
				     "handled in 32/64-bit code; in real mode the segment base is ignored");
	return model_assess_set(out, VT_ASSESS_HANDLED,
			     "handled: physical addressing, right while memory is identity-mapped (early OVMF)");
}

const struct vt_model model_c2bc58f9 = {
	.name = "c2bc58f9",
	.commit = "c2bc58f9cbf8596dc82d6d9d8ce7b06bf9581260",
	.run = c2_run,
	.assess = c2_assess,
};
