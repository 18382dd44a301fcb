#include "vmtriage/regs.h"

#include <string.h>

static const char *const reg_names[VT_REG_COUNT] = {
	"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11",
	"r12", "r13", "r14", "r15", "rip", "rflags", "cr0", "cr2", "cr3", "cr4", "efer", "xcr0",
};

const enum vt_reg vt_reg_display_order[VT_REG_COUNT] = {
	VT_REG_RAX, VT_REG_RBX, VT_REG_RCX, VT_REG_RDX, VT_REG_RSI, VT_REG_RDI, VT_REG_RBP,
	VT_REG_RSP, VT_REG_R8, VT_REG_R9, VT_REG_R10, VT_REG_R11, VT_REG_R12, VT_REG_R13,
	VT_REG_R14, VT_REG_R15, VT_REG_RIP, VT_REG_RFLAGS, VT_REG_CR0, VT_REG_CR2, VT_REG_CR3,
	VT_REG_CR4, VT_REG_EFER, VT_REG_XCR0,
};

const char *vt_reg_name(enum vt_reg reg)
{
	return (unsigned)reg < VT_REG_COUNT ? reg_names[reg] : "?";
}

int vt_reg_from_name(const char *name, enum vt_reg *out)
{
	for (int i = 0; i < VT_REG_COUNT; i++) {
		if (strcmp(reg_names[i], name) == 0) {
			*out = (enum vt_reg)i;
			return 0;
		}
	}
	return -1;
}
