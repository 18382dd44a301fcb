/* The register names every module shares: crash records parsed from logs,
 * snapshots and the emulator index registers the same way. */
#ifndef VMTRIAGE_REGS_H
#define VMTRIAGE_REGS_H

/* GPRs in their x86 encoding order, then the rest. */
enum vt_reg {
	VT_REG_RAX = 0, VT_REG_RCX, VT_REG_RDX, VT_REG_RBX, VT_REG_RSP, VT_REG_RBP, VT_REG_RSI,
	VT_REG_RDI, VT_REG_R8, VT_REG_R9, VT_REG_R10, VT_REG_R11, VT_REG_R12, VT_REG_R13,
	VT_REG_R14, VT_REG_R15, VT_REG_RIP, VT_REG_RFLAGS, VT_REG_CR0, VT_REG_CR2, VT_REG_CR3,
	VT_REG_CR4, VT_REG_EFER, VT_REG_XCR0,
	VT_REG_COUNT
};

const char *vt_reg_name(enum vt_reg reg); /* "rcx" */
/* 0 and *out set, or -1 for an unknown name. */
int vt_reg_from_name(const char *name, enum vt_reg *out);

#endif
