/* QEMU/KVM "KVM internal error" reports: the header, "extra data[i]" words
 * and "emulation failure", then x86_cpu_dump_state's register dump ending in
 * "Code=". QEMU prints no vCPU number, and several vCPUs' reports can
 * interleave line by line, so each dump line goes to the oldest dump still
 * waiting for a line of its type (a dump's lines always come in order), and
 * finished dumps pair with headers first-come first-served. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/scan_int.h"
#include "vmtriage/bytes.h"

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
	bool has_code;
	uint8_t code[VT_INSN_MAX];
	size_t ncode;
	struct vt_regs regs;
	uint64_t line;
	char excerpt[VT_CRASH_EXCERPT_MAX];
};

struct qemu_state {
	struct qemu_header qh[QEMU_MAX];
	size_t nqh;
	struct qemu_dump qd[QEMU_MAX];
};

static bool kvm(const char *lo, const char *p, const char *end)
{
	(void)lo;
	return scan_at(p, end, "KVM internal error");
}

static const struct scan_keyword keywords[] = { { 'K', kvm } };

enum { T_GP0 = 0, T_FPU = 20, T_CODE = 21 };

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

static int line_type(const char *line, size_t len)
{
	/* Cheap gate first: "XX=", "XXX=", "XX =", "EFER=", "Code=", "FPR0=" ... */
	if (len < 4 || line[0] < 'A' || line[0] > 'Z' || !memchr(line, '=', len < 7 ? len : 7))
		return -1;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t n = strlen(kinds[i].prefix);
		if (len >= n && memcmp(line, kinds[i].prefix, n) == 0)
			return kinds[i].type;
	}
	return -1;
}

/* 64-bit layout (1: RAX=, 16-digit bases), 32-bit (0), or either (-1):
 * keeps a 32-bit and a 64-bit dump apart when they interleave. */
static int line_width(const char *line, size_t len, int t)
{
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

/* "Code=00 11 <f3> 6e ?? ..": the bytes from the one at RIP, up to "??". */
static void code_line(const char *line, size_t len, struct qemu_dump *d)
{
	d->ncode = vt_bytes_parse_qemu_code(line + 5, len - 5, d->code, VT_INSN_MAX);
	d->has_code = d->ncode > 0;
}

static void qemu_excerpt(char *ex, const char *line, size_t len)
{
	scan_excerpt_add(ex, VT_CRASH_EXCERPT_MAX, line, len);
}

/* The crash of header h, with dump d (may be NULL). */
static void emit_header(struct vt_scanner *s, struct qemu_state *q, size_t h, struct qemu_dump *d)
{
	struct vt_crash *c = q->qh[h].crash;
	memmove(&q->qh[h], &q->qh[h + 1], (q->nqh - h - 1) * sizeof q->qh[0]);
	q->nqh--;
	if (c->nextra >= 3 && (c->extra[0] & 1)) {
		/* kvm_run.emulation_failure: flags, then insn_size + insn_bytes[15] little-endian. */
		uint8_t raw[16];
		for (int i = 0; i < 8; i++) {
			raw[i] = (uint8_t)(c->extra[1] >> (8 * i));
			raw[8 + i] = (uint8_t)(c->extra[2] >> (8 * i));
		}
		c->len = raw[0] > VT_INSN_MAX ? VT_INSN_MAX : raw[0];
		memcpy(c->inst, raw + 1, VT_INSN_MAX);
		c->ninst = (size_t)c->len;
		c->has_inst = true;
	}
	if (d) {
		c->regs = d->regs;
		if (d->regs.has[VT_REG_RIP]) {
			c->has_rip = true;
			c->rip = d->regs.v[VT_REG_RIP];
		}
		if (!c->has_inst && d->has_code) {
			memcpy(c->inst, d->code, d->ncode);
			c->ninst = d->ncode;
			c->has_inst = true;
		}
		char ex[VT_CRASH_EXCERPT_MAX];
		snprintf(ex, sizeof ex, "%s\n%s", c->excerpt, d->excerpt);
		memcpy(c->excerpt, ex, sizeof ex);
		memset(d, 0, sizeof *d);
		c->end_line = s->lineno;
	}
	scan_submit(s, c);
}

static struct qemu_dump *dump_for(struct qemu_state *q, int t, int wide)
{
	struct qemu_dump *best = NULL;
	for (int i = 0; i < QEMU_MAX; i++) {
		struct qemu_dump *d = &q->qd[i];
		bool fits = t == T_FPU ? d->last <= T_FPU : (d->last < t && !(d->seen & (1u << t)));
		fits = fits && (wide < 0 || d->wide == wide);
		if (d->used && !d->done && fits && (!best || d->line < best->line))
			best = d;
	}
	return best;
}

static struct qemu_dump *dump_new(struct vt_scanner *s, struct qemu_state *q)
{
	struct qemu_dump *d = NULL;
	for (int i = 0; i < QEMU_MAX && !d; i++)
		if (!q->qd[i].used)
			d = &q->qd[i];
	if (!d) {
		/* All busy: forget the oldest (a dump whose header never came). */
		d = &q->qd[0];
		for (int i = 1; i < QEMU_MAX; i++)
			if (q->qd[i].line < d->line)
				d = &q->qd[i];
	}
	memset(d, 0, sizeof *d);
	d->used = true;
	d->line = s->lineno;
	d->regs.cpl = -1;
	return d;
}

/* A finished dump belongs to the oldest header still waiting; without one
 * (e.g. "info registers" output) it stays until the end of the source. */
static void pair(struct vt_scanner *s, struct qemu_state *q, struct qemu_dump *d)
{
	if (q->nqh)
		emit_header(s, q, 0, d);
}

static bool dump_line(struct vt_scanner *s, struct qemu_state *q, const char *line, size_t len)
{
	int t = line_type(line, len);
	if (t < 0)
		return false;
	int wide = line_width(line, len, t);
	struct qemu_dump *d = t == T_GP0 ? dump_new(s, q) : dump_for(q, t, wide);
	if (!d)
		return true;
	if (t == T_GP0)
		d->wide = wide;
	d->last = t;
	d->seen |= 1u << t;
	qemu_excerpt(d->excerpt, line, len);
	if (t == T_CODE)
		code_line(line, len, d);
	else if (t >= 5 && t <= 14)
		seg_line(line, len, &d->regs);
	else if (t != T_FPU)
		gp_line(line, len, &d->regs);
	if (t == T_CODE) {
		d->done = true;
		pair(s, q, d);
	}
	return true;
}

static struct qemu_header *header_new(struct vt_scanner *s, struct qemu_state *q, int64_t suberror, bool has_sub)
{
	if (q->nqh == QEMU_MAX)
		emit_header(s, q, 0, NULL);
	struct vt_crash *c = scan_crash_new(s);
	if (!c)
		return NULL;
	struct qemu_header *h = &q->qh[q->nqh++];
	h->crash = c;
	h->failure_seen = false;
	c->origin = VT_ORIGIN_QEMU;
	c->hypervisor = VT_HV_QEMU_KVM;
	c->has_code = has_sub;
	c->code = suberror;
	/* KVM_INTERNAL_ERROR_EMULATION is 1; "emulation failure" also says so. */
	c->kind = has_sub && suberror == 1 ? VT_KIND_INST_EMUL : VT_KIND_UNKNOWN;
	return h;
}

static bool text(struct vt_scanner *s, struct qemu_state *q, const char *line, size_t len)
{
	struct scan_match m;
	const char *p;
	size_t n;
	uint64_t v, i;
	if (scan_match(s, RE_KVM_HEADER, line, len, &m)) {
		int64_t sub = 0;
		bool has = scan_cap(&m, 1, &p, &n) && util_parse_u64(p + (*p == '-'), n - (*p == '-'), 10, &v, NULL);
		if (has)
			sub = *p == '-' ? -(int64_t)v : (int64_t)v;
		struct qemu_header *h = header_new(s, q, sub, has);
		if (h)
			qemu_excerpt(h->crash->excerpt, line, len);
		return true;
	}
	if (!q->nqh)
		return false;
	struct vt_crash *last = q->qh[q->nqh - 1].crash;
	if (scan_match(s, RE_EXTRA, line, len, &m)) {
		scan_cap(&m, 1, &p, &n);
		if (util_parse_u64(p, n, 10, &i, NULL) && i < 16) {
			scan_cap(&m, 2, &p, &n);
			if (util_parse_u64(p, n, 16, &v, NULL)) {
				last->extra[i] = v;
				if (i + 1 > last->nextra)
					last->nextra = (size_t)i + 1;
			}
		}
		qemu_excerpt(last->excerpt, line, len);
		last->end_line = s->lineno;
		return true;
	}
	if (util_memfind(line, len, "emulation failure")) {
		for (size_t h = 0; h < q->nqh; h++) {
			if (!q->qh[h].failure_seen) {
				q->qh[h].failure_seen = true;
				q->qh[h].crash->kind = VT_KIND_INST_EMUL;
				q->qh[h].crash->end_line = s->lineno;
				qemu_excerpt(q->qh[h].crash->excerpt, line, len);
				break;
			}
		}
		return true;
	}
	return false;
}

static void flush(struct vt_scanner *s, void *st, bool eof)
{
	struct qemu_state *q = st;
	(void)eof;
	/* Headers still waiting take unfinished dumps in order, then none. */
	while (q->nqh) {
		struct qemu_dump *d = NULL;
		for (int i = 0; i < QEMU_MAX; i++)
			if (q->qd[i].used && (!d || q->qd[i].line < d->line))
				d = &q->qd[i];
		emit_header(s, q, 0, d);
	}
	memset(q->qd, 0, sizeof q->qd);
}

/* A header whose dump never came (suberror 2-4 print none) is reported after
 * QEMU_WAIT lines, so the rest of a long log can be skipped again. */
static void expire(struct vt_scanner *s, void *st)
{
	struct qemu_state *q = st;
	if (!q->nqh)
		return;
	for (int i = 0; i < QEMU_MAX; i++)
		if (q->qd[i].used && !q->qd[i].done)
			return; /* a dump is still coming in */
	while (q->nqh && q->qh[0].crash->line + QEMU_WAIT < s->lineno)
		emit_header(s, q, 0, NULL);
}

/* Dump lines at the start of a line (they may come before their header);
 * after a header its "extra data" and "emulation failure" lines. */
static bool follow(struct vt_scanner *s, void *st, const char *line, size_t len)
{
	struct qemu_state *q = st;
	if (len && line[0] != ' ' && line[0] != '\t' && dump_line(s, q, line, len))
		return true;
	return q->nqh && text(s, q, line, len);
}

static bool start(struct vt_scanner *s, void *st, const char *line, size_t len)
{
	return text(s, st, line, len);
}

static bool busy(const void *st)
{
	return ((const struct qemu_state *)st)->nqh != 0;
}

static void drop(void *st)
{
	struct qemu_state *q = st;
	for (size_t i = 0; i < q->nqh; i++)
		free(q->qh[i].crash);
	memset(q, 0, sizeof *q);
}

const struct scan_format scan_fmt_qemu = {
	.name = "qemu-kvm",
	.state_size = sizeof(struct qemu_state),
	.keywords = keywords,
	.nkeywords = sizeof keywords / sizeof keywords[0],
	.follow = follow,
	.start = start,
	.busy = busy,
	.flush = flush,
	.expire = expire,
	.drop = drop,
};
