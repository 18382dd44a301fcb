/* CPU mode names and the registers-to-mode rule. */
#include "vmtriage/cpumode.h"

#include <string.h>

static const char *const mode_names[VT_MODE_COUNT] = { "real16", "prot16", "prot32", "compat32",
						       "long64", "v8086", "compat16" };

const char *vt_mode_name(enum vt_mode mode)
{
	return (unsigned)mode < VT_MODE_COUNT ? mode_names[mode] : "?";
}

int vt_mode_from_name(const char *name, enum vt_mode *out)
{
	for (unsigned i = 0; i < VT_MODE_COUNT; i++)
		if (strcmp(name, mode_names[i]) == 0) {
			*out = (enum vt_mode)i;
			return 0;
		}
	return -1;
}

unsigned vt_mode_code_bits(enum vt_mode mode)
{
	switch (mode) {
	case VT_MODE_REAL16: case VT_MODE_PROT16: case VT_MODE_V8086: case VT_MODE_COMPAT16: return 16;
	case VT_MODE_LONG64: return 64;
	default: return 32;
	}
}

#define CR0_PE 0x1u
#define CR0_PG 0x80000000u
#define CR4_PAE 0x20u
#define EFER_LMA 0x400u
#define RFLAGS_VM 0x20000u

bool vt_mode_derive(const struct vt_mode_inputs *in, enum vt_mode *out)
{
	bool lma;
	if (!in->has_cr0)
		return false;
	if (!(in->cr0 & CR0_PE)) {
		*out = VT_MODE_REAL16;
		return true;
	}
	if (in->has_efer)
		lma = in->efer & EFER_LMA;
	else /* no EFER printed: long mode needs paging with PAE, and CS.L says 64-bit code */
		lma = (in->cr0 & CR0_PG) && in->has_cr4 && (in->cr4 & CR4_PAE) && in->has_cs && in->cs_l;
	if (!lma && in->has_rflags && (in->rflags & RFLAGS_VM)) {
		*out = VT_MODE_V8086;
		return true;
	}
	if (!in->has_cs)
		return false;
	if (lma)
		*out = in->cs_l ? VT_MODE_LONG64 : in->cs_d ? VT_MODE_COMPAT32 : VT_MODE_COMPAT16;
	else
		*out = in->cs_d ? VT_MODE_PROT32 : VT_MODE_PROT16;
	return true;
}
