/* CPU modes and the one rule that derives a mode from registers: every
 * command (scan, bundles, snapshots, corpus add) asks vt_mode_derive(). */
#ifndef VMTRIAGE_CPUMODE_H
#define VMTRIAGE_CPUMODE_H

#include <stdbool.h>
#include <stdint.h>

/* Named as in the snapshot format and in JSON "mode". The emulator runs
 * the first five; v8086 and compat16 are only ever reported. */
enum vt_mode {
	VT_MODE_REAL16 = 0,
	VT_MODE_PROT16,   /* protected mode, 16-bit code segment */
	VT_MODE_PROT32,   /* protected mode, 32-bit code segment */
	VT_MODE_COMPAT32, /* long mode, 32-bit code segment */
	VT_MODE_LONG64,   /* long mode, 64-bit code segment */
	VT_MODE_V8086,    /* virtual-8086 (EFLAGS.VM in protected mode) */
	VT_MODE_COMPAT16, /* long mode, 16-bit code segment */
	VT_MODE_COUNT
};
const char *vt_mode_name(enum vt_mode mode);
/* 0 and *out set, or -1 for an unknown name. */
int vt_mode_from_name(const char *name, enum vt_mode *out);
/* Default code (operand/address) size of the mode: 16, 32 or 64. */
unsigned vt_mode_code_bits(enum vt_mode mode);

/* The registers that decide the mode, each with whether it is known. */
struct vt_mode_inputs {
	bool has_cr0, has_cr4, has_efer, has_rflags, has_cs;
	uint64_t cr0, cr4, efer, rflags;
	bool cs_l, cs_d;   /* CS.L (64-bit code), CS.D (32-bit default size) */
};

/* CR0.PE, EFLAGS.VM, long mode (EFER.LMA; with no EFER, CR0.PG + CR4.PAE +
 * CS.L) and CS.L/CS.D. false when the registers do not say: no CR0, or
 * protected mode with no CS. */
bool vt_mode_derive(const struct vt_mode_inputs *in, enum vt_mode *out);

#endif
