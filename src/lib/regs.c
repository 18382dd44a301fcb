#include "vmtriage/regs.h"

#include <string.h>

static const char *const reg_names[VT_REG_COUNT] = {
	"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11",
	"r12", "r13", "r14", "r15", "rip", "rflags", "cr0", "cr2", "cr3", "cr4", "efer", "xcr0",
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
