/* oxidecomputer/propolis 7bb3e125 "AMD nested virt: handle missing
 * DecodeAssist" (propolis-standalone only), modelled as vmtriage-corpus(1)
 * describes it: only F3 6C / F3 6E, assert RCX < 0x4000, one bulk copy at
 * the physical address in RDI/RSI, DF ignored, RCX = 0 and RIP left on the
 * instruction, whose re-execution with RCX = 0 completes as a no-op. */
#include <stdio.h>
#include <stdlib.h>

#include "replay/models_int.h"
#include "vmtriage/replay.h"

#define B7_RCX_LIMIT 0x4000u /* assert!(rcx < 0x4000) */

/* The patch's decoder: F3 6C or F3 6E only. On failure *at is the
 * first byte it rejects. */
static bool b7_decodes(const uint8_t *b, size_t n, size_t *at)
{
	*at = (n >= 1 && b[0] == 0xF3) ? 1 : 0;
	return n >= 2 && b[0] == 0xF3 && (b[1] == 0x6C || b[1] == 0x6E);
}

/* The bulk copy; VT_ACCESS_FAULT when the VMM's access fails. */
static enum vt_access b7_copy(struct vt_emu *e, bool in, uint16_t port, uint64_t addr,
			      uint8_t *buf, uint64_t count)
{
	enum vt_access a = VT_ACCESS_OK;
	if (!in && (a = model_phys(e, addr, buf, count, false)) != VT_ACCESS_OK)
		return a;
	for (uint64_t k = 0; k < count; k++) {
		if (in)
			buf[k] = (uint8_t)vt_emu_port_in(e, port, 1);
		else
			vt_emu_port_out(e, port, 1, buf[k]);
	}
	return in ? model_phys(e, addr, buf, count, true) : VT_ACCESS_OK;
}

static int b7_fail(struct vt_emu *e, enum vt_access a, uint64_t addr, struct vt_result *out)
{
	char why[160];
	if (a == VT_ACCESS_UNKNOWN) {
		snprintf(why, sizeof why, "the bulk copy at guest-physical 0x%llx needs memory the snapshot does not describe",
			 (unsigned long long)addr);
		return vt_emu_finish(e, VT_VERDICT_UNKNOWN_MEMORY, 0, NULL, why, out);
	}
	snprintf(why, sizeof why, "the bulk copy at guest-physical 0x%llx fails: the VMM panics",
		 (unsigned long long)addr);
	return model_panic(e, 0, why, out);
}

static int b7_run(struct vt_emu *e, uint64_t bound, struct vt_result *out)
{
	const struct vt_emu_input *in = vt_emu_input(e);
	struct vt_cpu *cpu = vt_emu_cpu(e);
	size_t n = in->inst_len < VT_INSN_MAX ? in->inst_len : VT_INSN_MAX, at;
	uint64_t rcx = cpu->r[VT_REG_RCX], addr;
	enum vt_reg ptr;
	enum vt_access a;
	uint8_t *buf;
	char why[160];

	if (!b7_decodes(in->inst, n, &at)) {
		struct vt_model_assessment as;
		model_assess_rejected(in->inst, n, at, vt_mode_code_bits(cpu->mode), &as);
		return model_panic(e, 0, as.reason, out);
	}
	if (rcx >= B7_RCX_LIMIT) {
		snprintf(why, sizeof why, "assert!(rcx < 0x4000) fails with RCX = 0x%llx: the VMM panics",
			 (unsigned long long)rcx);
		return model_panic(e, 0, why, out);
	}
	if (rcx > bound) {
		snprintf(why, sizeof why, "copies all %llu elements in one exit (bound %llu)",
			 (unsigned long long)rcx, (unsigned long long)bound);
		return vt_emu_finish(e, VT_VERDICT_LIMIT_REACHED, 0, NULL, why, out);
	}
	ptr = in->inst[1] == 0x6C ? VT_REG_RDI : VT_REG_RSI;
	addr = cpu->r[ptr];
	if (!(buf = malloc(rcx ? rcx : 1)))
		return VT_ERR_NOMEM;
	a = b7_copy(e, ptr == VT_REG_RDI, (uint16_t)cpu->r[VT_REG_RDX], addr, buf, rcx);
	free(buf);
	if (a != VT_ACCESS_OK)
		return b7_fail(e, a, addr, out);
	cpu->r[ptr] = addr + rcx; /* forward, whatever DF says */
	cpu->r[VT_REG_RCX] = 0;
	vt_emu_set_reg(e, VT_REG_RIP, vt_mode_code_bits(cpu->mode), cpu->r[VT_REG_RIP] + 2);
	return vt_emu_finish(e, VT_VERDICT_EMULATED, rcx, NULL,
			     "RIP is left on the instruction and its re-execution with RCX = 0, a no-op, moves RIP past it: "
			     "the registers shown are after both",
			     out);
}

static enum vt_assess b7_assess(const uint8_t *b, size_t n, unsigned code_bits,
				struct vt_model_assessment *out)
{
	size_t at;
	if (!b7_decodes(b, n, &at))
		return model_assess_rejected(b, n, at, code_bits, out);
	if (code_bits == 16)
		return model_assess_set(out, VT_ASSESS_DEPENDS,
				     "real-mode %s: ignores the segment base; right only with base 0 and RCX < 0x4000",
				     b[1] == 0x6C ? "REP INSB" : "REP OUTSB");
	return model_assess_set(out, VT_ASSESS_HANDLED,
			     "handled while RCX < 0x4000 (else assert) and DF = 0 (DF ignored); identity-mapped memory only");
}

const struct vt_model model_7bb3e125 = {
	.name = "7bb3e125",
	.commit = "7bb3e125dd1b39869faf5a1f8603cc556e76f613",
	.run = b7_run,
	.assess = b7_assess,
};
