/* QEMU/KVM reports (scan_fmt_qemu.c) and their register dumps
 * (scan_qemu_dump.c). Not installed. */
#ifndef VMTRIAGE_SCAN_QEMU_INT_H
#define VMTRIAGE_SCAN_QEMU_INT_H

#include "scan/scan_int.h"
#include "x86/bytes_int.h"

#define QEMU_MAX 8
#define QEMU_WAIT 500        /* lines a KVM header waits for its register dump */

struct qemu_header {
	struct vt_crash *crash;   /* header facts so far */
	bool failure_seen;        /* "emulation failure" */
};

struct qemu_dump {
	bool used;
	bool done;                /* Code= seen */
	bool paired;
	int last;                 /* line type of the last line taken */
	int wide;                 /* 1: 64-bit layout (RAX=), 0: 32-bit (EAX=) */
	uint32_t seen;            /* bit per line type */
	bool lower;               /* qemu-kvm 0.12's lowercase dump ("rax 0000...") */
	struct bytes_code code;   /* the Code= line's bytes (x86/bytes_code.c, decode's reader too) */
	bool code_wait;           /* the Code= line was wrapped: its rest follows */
	uint64_t touched;         /* the last line it took */
	struct vt_regs regs;
	uint64_t line;
	char excerpt[VT_CRASH_EXCERPT_MAX];
};

struct qemu_state {
	struct qemu_header qh[QEMU_MAX];
	size_t nqh;
	struct qemu_dump qd[QEMU_MAX];
};

/* Dump line types, in the order a dump prints them; a wrapped register
 * line's rest (T_CONT) belongs to the dump that took the line before. */
enum { T_GP0 = 0, T_SEG0 = 5, T_SEG_LAST = 14, T_FPU = 20, T_CODE = 21, T_CONT = 22 };

/* The type of a dump line, or -1; *lower for qemu-kvm 0.12's dialect. */
int scan_qemu_line_type(const char *line, size_t len, bool *lower);
/* 1: 64-bit layout, 0: 32-bit, -1: either. */
int scan_qemu_line_width(const char *line, size_t len, int t, bool lower);
/* Take a dump line of type t into d. */
void scan_qemu_dump_parse(struct qemu_dump *d, int t, const char *line, size_t len);
/* Take the rest of a wrapped Code= line (bytes_code_rest said it is one). */
void scan_qemu_code_more(struct qemu_dump *d, const char *line, size_t len);

#endif
