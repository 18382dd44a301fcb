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
#include "scan/scan_qemu_int.h"
#include "vmtriage/classify.h"

/* qemu-kvm's lowercase messages through the 'f' of "failed" and a 'k' of
 * their own: "kvm: unhandled exit" holds no rarer byte. */
static const struct scan_keyword keywords[] = {
	{ "KVM internal error", 0, NULL, false }, { "KVM: entry failed", 0, NULL, false },
	{ "kvm: vm entry failed", 14, NULL, false }, { "kvm: unhandled exit ", 0, NULL, false },
};

/* How each generation said KVM_RUN came back with an exit it could not
 * run, the hex number after the phrase (0x or not):
 *   QEMU 0.14 on, kvm_arch_handle_exit: KVM_EXIT_FAIL_ENTRY's
 *     hardware_entry_failure_reason;
 *   qemu-kvm 0.13 to 1.2, handle_failed_vmentry: the same;
 *   libkvm and qemu-kvm up to 0.12, handle_unhandled: the entry failure's
 *     reason and KVM_EXIT_UNKNOWN's hardware_exit_reason alike (printed
 *     %PRIx64, no 0x: "kvm: unhandled exit 80000021"). */
static const struct {
	const char *text;
	bool either;  /* an entry failure only when bit 31 (VMX "VM-entry failure") is set */
} exit_phrases[] = {
	{ "KVM: entry failed, hardware error ", false },
	{ "kvm: vm entry failed with error ", false },
	{ "kvm: unhandled exit ", true },
};

enum { RE_HEADER, RE_EXTRA, RE_COUNT };
static const char *const regexes[RE_COUNT] = {
	[RE_HEADER] = "KVM internal error\\.(?:\\s*Suberror:\\s*(-?\\d+))?",
	[RE_EXTRA] = "extra data\\[(\\d+)\\]:\\s*(?:0x)?([0-9a-fA-F]+)",
};

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
		if (!c->has_inst && d->code.n) {
			memcpy(c->inst, d->code.bytes, d->code.n);
			c->ninst = d->code.n;
			c->has_inst = true;
		}
		char ex[VT_CRASH_EXCERPT_MAX];
		snprintf(ex, sizeof ex, "%s\n%s", c->excerpt, d->excerpt);
		memcpy(c->excerpt, ex, sizeof ex);
		c->end_line = d->touched;
		memset(d, 0, sizeof *d);
	}
	scan_submit(s, c);
}

static struct qemu_dump *dump_for(struct qemu_state *q, int t, int wide, bool lower)
{
	struct qemu_dump *best = NULL;
	for (int i = 0; i < QEMU_MAX; i++) {
		struct qemu_dump *d = &q->qd[i];
		bool fits = t == T_FPU ? d->last <= T_FPU : (d->last < t && !(d->seen & (1u << t)));
		fits = fits && (wide < 0 || d->wide == wide) && d->lower == lower;
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

/* The dump that took the line before: a wrapped line's rest is its. */
static struct qemu_dump *dump_last(struct qemu_state *q)
{
	struct qemu_dump *best = NULL;
	for (int i = 0; i < QEMU_MAX; i++)
		if (q->qd[i].used && !q->qd[i].done && (!best || q->qd[i].touched > best->touched))
			best = &q->qd[i];
	return best;
}

static void dump_done(struct vt_scanner *s, struct qemu_state *q, struct qemu_dump *d)
{
	d->done = true;
	d->code_wait = false;
	pair(s, q, d);
}

/* A dump whose Code= line was wrapped takes the rest; anything else ends it. */
static bool code_rest(struct vt_scanner *s, struct qemu_state *q, const char *line, size_t len)
{
	for (int i = 0; i < QEMU_MAX; i++) {
		struct qemu_dump *d = &q->qd[i];
		if (!d->used || d->done || !d->code_wait)
			continue;
		if (!bytes_code_rest(line, len)) {
			dump_done(s, q, d);
			continue;
		}
		scan_qemu_code_more(d, line, len);
		qemu_excerpt(d->excerpt, line, len);
		d->touched = s->lineno;
		if (!d->code_wait || d->code.stop)
			dump_done(s, q, d);
		return true;
	}
	return false;
}

static bool dump_line(struct vt_scanner *s, struct qemu_state *q, const char *line, size_t len)
{
	bool lower;
	int t = scan_qemu_line_type(line, len, &lower);
	if (t < 0)
		return false;
	int wide = scan_qemu_line_width(line, len, t, lower);
	struct qemu_dump *d = t == T_GP0 ? dump_new(s, q) : t == T_CONT ? dump_last(q) : dump_for(q, t, wide, lower);
	if (!d)
		return true;
	if (t == T_GP0)
		d->wide = wide, d->lower = lower;
	if (t != T_CONT) {
		d->last = t;
		d->seen |= 1u << t;
	}
	d->touched = s->lineno;
	qemu_excerpt(d->excerpt, line, len);
	scan_qemu_dump_parse(d, t, line, len);
	if (t == T_CODE && (!d->code_wait || d->code.stop))
		dump_done(s, q, d);
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

/* KVM_EXIT_UNKNOWN's hardware exit reason: a VMX basic exit reason on an
 * Intel host, an SVM exit code on an AMD one; the log does not say which. */
static void unknown_exit(struct vt_crash *c, uint64_t v)
{
	const char *vmx = vt_vmx_exit_reason_name(v), *svm = vt_svm_exit_code_name(v);
	c->kind = VT_KIND_UNKNOWN;
	snprintf(c->detail, sizeof c->detail,
		 "KVM_EXIT_UNKNOWN (an exit this KVM did not handle), hardware exit reason 0x%llx (Intel: %s; AMD: %s)", (unsigned long long)v,
		 vmx ? vmx : "no VMX exit reason", svm ? svm : "no SVM exit code");
}

/* An exit phrase and its number: the crash, whose register dump may follow. */
static bool exit_line(struct vt_scanner *s, struct qemu_state *q, const char *line, size_t len)
{
	const char *p = NULL;
	uint64_t v;
	size_t k = 0;
	for (; k < sizeof exit_phrases / sizeof exit_phrases[0] && !p; k++)
		p = util_memfind(line, len, exit_phrases[k].text);
	if (!p)
		return false;
	p += strlen(exit_phrases[k - 1].text);
	if (line + len - p > 2 && p[0] == '0' && p[1] == 'x')
		p += 2;
	if (!util_parse_u64(p, (size_t)(line + len - p), 16, &v, NULL))
		return false;
	struct qemu_header *h = header_new(s, q, 0, false);
	if (!h)
		return true;
	h->failure_seen = true; /* no "emulation failure" belongs to it */
	qemu_excerpt(h->crash->excerpt, line, len);
	if (exit_phrases[k - 1].either && !(v & 0x80000000u)) {
		unknown_exit(h->crash, v);
		return true;
	}
	h->crash->kind = VT_KIND_ENTRY_FAIL;
	h->crash->has_code = true;
	h->crash->code = (int64_t)v;
	return true;
}

static bool text(struct vt_scanner *s, struct qemu_state *q, const char *line, size_t len)
{
	struct scan_match m;
	const char *p;
	size_t n;
	uint64_t v, i;
	if (exit_line(s, q, line, len))
		return true;
	if (scan_match(s, &scan_fmt_qemu, RE_HEADER, line, len, &m)) {
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
	if (scan_match(s, &scan_fmt_qemu, RE_EXTRA, line, len, &m)) {
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
	if (code_rest(s, q, line, len))
		return true;
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
	.regexes = regexes,
	.nregexes = RE_COUNT,
};
