/* QEMU's register dump (x86_cpu_dump_state, "RAX=... Code=...") and
 * qemu-kvm 0.12's (kvm_show_regs/kvm_show_code, "rax 0000... code: ..."):
 * line types and parsers. Lines may come wrapped by a mail client. */
#include <string.h>

#include "scan/scan_qemu_int.h"
#include "vmtriage/bytes.h"

static const struct {
	const char *prefix;
	int type;
} kinds[] = {
	{ "RAX=", 0 }, { "EAX=", 0 }, { "RSI=", 1 }, { "ESI=", 1 }, { "R8 =", 2 }, { "R12=", 3 },
	{ "RIP=", 4 }, { "EIP=", 4 }, { "ES =", 5 }, { "CS =", 6 }, { "SS =", 7 }, { "DS =", 8 },
	{ "FS =", 9 }, { "GS =", 10 }, { "LDT=", 11 }, { "TR =", 12 }, { "GDT=", 13 }, { "IDT=", 14 },
	{ "CR0=", 15 }, { "DR0=", 16 }, { "DR6=", 17 }, { "CCS=", 18 }, { "EFER=", 19 },
	{ "FCW=", T_FPU }, { "FPR", T_FPU }, { "XMM", T_FPU }, { "YMM", T_FPU }, { "ZMM", T_FPU },
	{ "Opmask", T_FPU }, { "Code=", T_CODE },
};

/* What a register line wrapped by a mail client starts its rest with. */
static const char *const wrapped[] = {
	"RBX=", "RCX=", "RDX=", "RDI=", "RBP=", "RSP=", "R9 =", "R10=", "R11=", "R13=", "R14=",
	"R15=", "RFL=", "EBX=", "ECX=", "EDX=", "EDI=", "EBP=", "ESP=", "EFL=", "CPL=", "CR2=",
	"CR3=", "CR4=", "DR1=", "DR2=", "DR3=", "DR7=",
};

static int upper_type(const char *line, size_t len)
{
	/* Cheap gate first: "XX=", "XXX=", "XX =", "EFER=", "Code=", "FPR0=" ... */
	if (len < 4 || !memchr(line, '=', len < 7 ? len : 7))
		return -1;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t n = strlen(kinds[i].prefix);
		if (len >= n && memcmp(line, kinds[i].prefix, n) == 0)
			return kinds[i].type;
	}
	for (size_t i = 0; i < sizeof wrapped / sizeof wrapped[0]; i++)
		if (len > 4 && memcmp(line, wrapped[i], 4) == 0)
			return T_CONT;
	return -1;
}

/* 64-bit layout (1: RAX=, 16-digit bases), 32-bit (0), or either (-1):
 * keeps a 32-bit and a 64-bit dump apart when they interleave. */
int scan_qemu_line_width(const char *line, size_t len, int t, bool lower)
{
	if (lower)
		return t <= 4 ? 1 : -1; /* qemu-kvm printed 64-bit registers only */
	if (t == 0 || t == 1 || t == 4)
		return line[0] == 'R';
	if (t >= 5 && t <= 12) {
		const char *p = memchr(line, '=', len), *end = line + len;
		size_t n = 0;
		if (!p)
			return -1;
		p++;
		while (p < end && *p != ' ')
			p++; /* the selector */
		while (p < end && *p == ' ')
			p++;
		while (p + n < end && p[n] != ' ')
			n++;
		return n == 16;
	}
	return -1;
}

static const struct {
	const char *name;
	int reg;
} gp_names[] = {
	{ "RAX", VT_REG_RAX }, { "EAX", VT_REG_RAX }, { "RBX", VT_REG_RBX }, { "EBX", VT_REG_RBX },
	{ "RCX", VT_REG_RCX }, { "ECX", VT_REG_RCX }, { "RDX", VT_REG_RDX }, { "EDX", VT_REG_RDX },
	{ "RSI", VT_REG_RSI }, { "ESI", VT_REG_RSI }, { "RDI", VT_REG_RDI }, { "EDI", VT_REG_RDI },
	{ "RBP", VT_REG_RBP }, { "EBP", VT_REG_RBP }, { "RSP", VT_REG_RSP }, { "ESP", VT_REG_RSP },
	{ "R8", VT_REG_R8 }, { "R9", VT_REG_R9 }, { "R10", VT_REG_R10 }, { "R11", VT_REG_R11 },
	{ "R12", VT_REG_R12 }, { "R13", VT_REG_R13 }, { "R14", VT_REG_R14 }, { "R15", VT_REG_R15 },
	{ "RIP", VT_REG_RIP }, { "EIP", VT_REG_RIP }, { "RFL", VT_REG_RFLAGS }, { "EFL", VT_REG_RFLAGS },
	{ "CR0", VT_REG_CR0 }, { "CR2", VT_REG_CR2 }, { "CR3", VT_REG_CR3 }, { "CR4", VT_REG_CR4 },
	{ "EFER", VT_REG_EFER }, { "CPL", -2 },
};

static int gp_lookup(const char *p, size_t n)
{
	for (size_t i = 0; i < sizeof gp_names / sizeof gp_names[0]; i++)
		if (strlen(gp_names[i].name) == n && memcmp(gp_names[i].name, p, n) == 0)
			return gp_names[i].reg;
	return -1;
}

/* "RAX=0000000000000000 RBX=... R8 =..." and "RIP=... RFL=... [--S----] CPL=0 ..." */
static void gp_line(const char *line, size_t len, struct vt_regs *r)
{
	const char *p = line, *end = line + len;
	while (p < end) {
		const char *name = p;
		while (p < end && ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			p++;
		size_t n = (size_t)(p - name);
		while (p < end && *p == ' ')
			p++;
		uint64_t v;
		size_t used;
		int reg;
		if (n && p < end && *p == '=' && (reg = gp_lookup(name, n)) != -1 &&
		    util_parse_u64(p + 1, (size_t)(end - p - 1), reg == -2 ? 10 : 16, &v, &used)) {
			if (reg == -2)
				r->cpl = (int)v;
			else
				r->v[reg] = v, r->has[reg] = true;
			p += 1 + used;
			continue;
		}
		if (p == name)
			p++;
	}
}

/* "CS =0038 0000000000000000 ffffffff 00a09b00 DPL=0 CS64 [-RA]", "GDT=     base limit" */
static void seg_line(const char *line, size_t len, struct vt_regs *r)
{
	static const char *const names[] = { "ES", "CS", "SS", "DS", "FS", "GS", "GDT", "IDT", "LDT", "TR" };
	static const int sreg[] = { VT_SREG_ES, VT_SREG_CS, VT_SREG_SS, VT_SREG_DS, VT_SREG_FS,
				    VT_SREG_GS, VT_SREG_GDTR, VT_SREG_IDTR, VT_SREG_LDTR, VT_SREG_TR };
	const char *eq = memchr(line, '=', len), *end = line + len;
	size_t n = 0;
	while (n < len && line[n] != ' ' && line[n] != '=')
		n++;
	for (size_t i = 0; eq && i < sizeof names / sizeof names[0]; i++) {
		if (strlen(names[i]) != n || memcmp(names[i], line, n) != 0)
			continue;
		struct vt_segreg *sr = &r->seg[sreg[i]];
		uint64_t f[4] = { 0 };
		int k = 0;
		bool table = sreg[i] == VT_SREG_GDTR || sreg[i] == VT_SREG_IDTR;
		for (const char *p = eq + 1; p < end && k < (table ? 2 : 4);) {
			size_t used;
			while (p < end && *p == ' ')
				p++;
			if (!util_parse_u64(p, (size_t)(end - p), 16, &f[k], &used))
				break;
			p += used;
			k++;
		}
		if (k < 2)
			return;
		sr->present = true;
		if (table) {
			sr->base = f[0];
			sr->limit = (uint32_t)f[1];
			return;
		}
		sr->selector = (uint16_t)f[0];
		sr->base = f[1];
		sr->limit = (uint32_t)f[2];
		/* Descriptor-high-word flags -> VMX access rights, propolis' layout. */
		sr->access = (uint32_t)(((f[3] >> 8) & 0xff) | (((f[3] >> 20) & 0xf) << 12));
		return;
	}
}

/* qemu-kvm 0.12: "rax %016llx rbx ...", "r8  ...", "rip ... rflags ...",
 * "cs 0008 (00000000/ffffffff p 1 dpl 0 db 1 s 1 type b l 0 g 1 avl 0)",
 * "gdt base/limit", "cr0 ... efer ...", "code: .. --> ..". */
static const struct {
	const char *prefix;
	int type;
	const char *needs; /* text the line must hold, so prose is not taken */
} lower_kinds[] = {
	{ "rax ", 0, " rbx " }, { "rsi ", 1, " rdi " }, { "r8  ", 2, " r9 " }, { "r12 ", 3, " r13 " },
	{ "rip ", 4, " rflags " }, { "cs ", 5, " dpl " }, { "ds ", 6, " dpl " }, { "es ", 7, " dpl " },
	{ "ss ", 8, " dpl " }, { "fs ", 9, " dpl " }, { "gs ", 10, " dpl " }, { "tr ", 11, " dpl " },
	{ "ldt ", 12, " dpl " }, { "gdt ", 13, "/" }, { "idt ", 14, "/" }, { "cr0 ", 15, " cr2 " },
	{ "code:", T_CODE, "-->" },
};

static int lower_type(const char *line, size_t len)
{
	for (size_t i = 0; i < sizeof lower_kinds / sizeof lower_kinds[0]; i++) {
		size_t n = strlen(lower_kinds[i].prefix);
		if (len > n && memcmp(line, lower_kinds[i].prefix, n) == 0)
			return util_memfind(line, len, lower_kinds[i].needs) ? lower_kinds[i].type : -1;
	}
	return -1;
}

int scan_qemu_line_type(const char *line, size_t len, bool *lower)
{
	*lower = len && line[0] >= 'a' && line[0] <= 'z';
	if (*lower)
		return lower_type(line, len);
	if (len && line[0] >= 'A' && line[0] <= 'Z')
		return upper_type(line, len);
	return -1;
}

/* "name value name value ...": qemu-kvm's general and control registers. */
static void lower_gp(const char *line, size_t len, struct vt_regs *r)
{
	const char *p = line, *end = line + len;
	while (p < end) {
		char name[8];
		size_t n = 0;
		while (p < end && *p == ' ')
			p++;
		while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			if (n < sizeof name - 1)
				name[n++] = (char)(*p >= 'a' ? *p - 32 : *p), p++;
			else
				p++;
		name[n] = '\0';
		while (p < end && *p == ' ')
			p++;
		uint64_t v;
		size_t used;
		int reg = strcmp(name, "RFLAGS") == 0 ? VT_REG_RFLAGS : gp_lookup(name, n);
		if (n && reg >= 0 && util_parse_u64(p, (size_t)(end - p), 16, &v, &used)) {
			r->v[reg] = v, r->has[reg] = true;
			p += used;
			continue;
		}
		while (p < end && *p != ' ')
			p++;
		while (p < end && *p == ' ')
			p++;
	}
}

/* A decimal or hex value after "key " in p[0..n). */
static uint64_t lower_field(const char *p, const char *end, const char *key, int base)
{
	const char *k = util_memfind(p, (size_t)(end - p), key);
	uint64_t v = 0;
	if (k)
		util_parse_u64(k + strlen(key), (size_t)(end - k - strlen(key)), base, &v, NULL);
	return v;
}

static void lower_seg(const char *line, size_t len, struct vt_regs *r)
{
	static const char *const names[] = { "es", "cs", "ss", "ds", "fs", "gs", "gdt", "idt", "ldt", "tr" };
	static const int sreg[] = { VT_SREG_ES, VT_SREG_CS, VT_SREG_SS, VT_SREG_DS, VT_SREG_FS,
				    VT_SREG_GS, VT_SREG_GDTR, VT_SREG_IDTR, VT_SREG_LDTR, VT_SREG_TR };
	const char *end = line + len, *sp = memchr(line, ' ', len);
	size_t n = sp ? (size_t)(sp - line) : 0;
	for (size_t i = 0; sp && i < sizeof names / sizeof names[0]; i++) {
		if (strlen(names[i]) != n || memcmp(names[i], line, n) != 0)
			continue;
		struct vt_segreg *sr = &r->seg[sreg[i]];
		uint64_t a, b;
		size_t used;
		const char *p = sp + 1;
		if (sreg[i] == VT_SREG_GDTR || sreg[i] == VT_SREG_IDTR) {
			if (!util_parse_u64(p, (size_t)(end - p), 16, &a, &used) || p[used] != '/' ||
			    !util_parse_u64(p + used + 1, (size_t)(end - p - used - 1), 16, &b, NULL))
				return;
			sr->present = true, sr->base = a, sr->limit = (uint32_t)b;
			return;
		}
		const char *paren = memchr(p, '(', (size_t)(end - p));
		if (!paren || !util_parse_u64(p, (size_t)(end - p), 16, &a, NULL) ||
		    !util_parse_u64(paren + 1, (size_t)(end - paren - 1), 16, &b, &used) || paren[1 + used] != '/')
			return;
		sr->present = true;
		sr->selector = (uint16_t)a;
		sr->base = b;
		sr->limit = (uint32_t)lower_field(paren, end, "/", 16);
		/* kvm_segment fields -> VMX access rights, propolis' layout. */
		sr->access = (uint32_t)(lower_field(paren, end, "type ", 16) | lower_field(paren, end, " s ", 10) << 4 |
					lower_field(paren, end, "dpl ", 10) << 5 | lower_field(paren, end, " p ", 10) << 7 |
					lower_field(paren, end, "avl ", 10) << 12 | lower_field(paren, end, " l ", 10) << 13 |
					lower_field(paren, end, "db ", 10) << 14 | lower_field(paren, end, " g ", 10) << 15);
		return;
	}
}

/* The Code= bytes, through decode's reader; fewer tokens than a whole
 * line prints: the line was wrapped and its rest follows. */
static void code_tokens(const char *p, const char *end, struct qemu_dump *d)
{
	bytes_code_feed(&d->code, p, (size_t)(end - p));
	d->code_wait = d->code.tokens < BYTES_CODE_TOKENS;
}

void scan_qemu_code_more(struct qemu_dump *d, const char *line, size_t len)
{
	code_tokens(line, line + len, d);
}

void scan_qemu_dump_parse(struct qemu_dump *d, int t, const char *line, size_t len)
{
	if (t == T_CODE)
		code_tokens(line + 5, line + len, d); /* after "Code=" or "code:" */
	else if (d->lower && t >= T_SEG0 && t <= T_SEG_LAST)
		lower_seg(line, len, &d->regs);
	else if (d->lower)
		lower_gp(line, len, &d->regs);
	else if (t >= T_SEG0 && t <= T_SEG_LAST)
		seg_line(line, len, &d->regs);
	else if (t != T_FPU)
		gp_line(line, len, &d->regs);
}
