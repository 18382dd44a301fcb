/* bhyve(8) (FreeBSD, illumos/SmartOS, xhyve/hyperkit): the "vm exit[N]"
 * dump its vmexit_vmx/vmexit_svm/vmexit_paging handlers print before
 * aborting, one tab-separated field a line:
 *   vm exit[0]
 *   \treason\t\tVMX
 *   \trip\t\t0x000000000010a0b2
 *   \tinst_length\t3
 *   \tstatus\t\t0
 *   \texit_reason\t48 (EPT violation)   (older: "48"; bhyvectl: "0x00000030 (48)")
 *   \tqualification\t0x0000000000000181
 *   \tinst_type\t\t0
 *   \tinst_error\t\t0
 * (SVM: exitcode, exitinfo1, exitinfo2; PAGING: gpa, fault_type), and the
 * instruction-emulation failure in each generation's words:
 *   Failed to emulate instruction [0x0f 0x01 0xf8] at 0xffffffff81234567
 *   Failed to emulate instruction sequence [ 0f01f8 ] at 0x...
 *   Failed to emulate instruction sequence [0f, 01, f8] @ %rip = ... (illumos)
 *   Failed to emulate instruction at rip 0x... (no bytes; FreeBSD 15)
 * after an optional "Unhandled memory access to 0x..." naming the address
 * (FreeBSD 13-14 print a blank line between the two). bhyve prints the
 * access first; a log that reorders them (or loses one) still gives the
 * failure, with the address when the access line is within ACCESS_WINDOW
 * lines on either side and no nearer failure claims it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/scan_int.h"
#include "vmtriage/bytes.h"

#define DUMP_LINES_MAX 16
#define ACCESS_WINDOW 3 /* lines between "Unhandled memory access" and its failure */

enum { R_NONE, R_VMX, R_SVM, R_PAGING, R_OTHER };

struct bhyve_state {
	struct vt_crash *crash; /* an open vm exit dump */
	int reason;
	char reason_text[16];
	int nlines;
	int open_parens;        /* the last field's value still has '(' open */
	size_t last_width;      /* and the columns its line took */
	char last[128];         /* and the line, to read again with its rest */
	size_t last_len;
	uint64_t f[16];         /* field values by enum field */
	bool has[16];
	uint64_t access_gpa;    /* the last "Unhandled memory access to" */
	uint64_t access_line;
	char access_text[EXCERPT_LINE_MAX + 1]; /* its line, for the excerpt */
	size_t access_len;
	bool access_open;       /* its window is open: every line is read */
	struct vt_crash *held;  /* a failure no access line came before: one may follow */
	uint64_t held_line;
	struct vt_crash *rip_wait; /* a failure line cut before its rip: the next line has it */
};

enum field { F_RIP, F_INST_LENGTH, F_STATUS, F_EXIT_REASON, F_QUAL, F_INST_TYPE, F_INST_ERROR,
	     F_EXITCODE, F_INFO1, F_INFO2, F_GPA, F_FAULT_TYPE, F_COUNT };

static const char *const field_names[F_COUNT] = {
	"rip", "inst_length", "status", "exit_reason", "qualification", "inst_type", "inst_error",
	"exitcode", "exitinfo1", "exitinfo2", "gpa", "fault_type",
};

/* "vm exit[" wants its vCPU number after it. */
static bool vcpu_number(const char *lo, const char *p, const char *end)
{
	(void)lo;
	return end - p > 8 && p[8] >= '0' && p[8] <= '9';
}

/* The failure through its 'F': FreeBSD 15's form has no rarer byte ('['
 * and '@' are the older forms' only). On slog-term text every "INFO" stops
 * the pass, but the byte after it ('O') rejects the hit at once; on bunyan
 * JSON 'F' is as rare as the '@' pass it replaced. */
static const struct scan_keyword keywords[] = {
	{ "vm exit[", 7, vcpu_number, false },
	{ "Failed to emulate instruction", 0, NULL, false },
	{ "Unhandled memory access to ", 0, NULL, false },
};

static const char *skip_blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* A number as bhyve prints it: 0x-prefixed hex or decimal. */
static bool number(const char *p, const char *end, uint64_t *v)
{
	if (end - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		return util_parse_u64(p + 2, (size_t)(end - p - 2), 16, v, NULL);
	return util_parse_u64(p, (size_t)(end - p), 10, v, NULL);
}

/* "\tname\t\tvalue": the field's name and value; false for any other line. */
static bool dump_field(const char *line, size_t len, const char **name, size_t *nlen, const char **value)
{
	const char *end = line + len, *p = line;
	if (p == end || (*p != '\t' && *p != ' '))
		return false;
	p = skip_blank(p, end);
	*name = p;
	while (p < end && ((*p >= 'a' && *p <= 'z') || *p == '_' || (*p >= '0' && *p <= '9')))
		p++;
	*nlen = (size_t)(p - *name);
	if (!*nlen || p == end || (*p != '\t' && *p != ' '))
		return false;
	*value = skip_blank(p, end);
	return *value < end;
}

static void describe_vmx(struct bhyve_state *b, struct vt_crash *c)
{
	const char *name = b->has[F_EXIT_REASON] ? vt_vmx_exit_reason_name(b->f[F_EXIT_REASON]) : NULL;
	c->kind = VT_KIND_VMX_ERROR;
	snprintf(c->detail, sizeof c->detail,
		 "exit reason %llu (%s), qualification 0x%llx, status %llu, inst_type %llu, inst_error %llu",
		 (unsigned long long)b->f[F_EXIT_REASON], name ? name : "no name in the Intel SDM",
		 (unsigned long long)b->f[F_QUAL], (unsigned long long)b->f[F_STATUS],
		 (unsigned long long)b->f[F_INST_TYPE], (unsigned long long)b->f[F_INST_ERROR]);
	c->has_code = b->has[F_EXIT_REASON];
	c->code = (int64_t)b->f[F_EXIT_REASON];
}

static void describe_svm(struct bhyve_state *b, struct vt_crash *c)
{
	const char *name = b->has[F_EXITCODE] ? vt_svm_exit_code_name(b->f[F_EXITCODE]) : NULL;
	c->kind = VT_KIND_SVM_ERROR;
	snprintf(c->detail, sizeof c->detail, "exit code 0x%llx (%s), exitinfo1 0x%llx, exitinfo2 0x%llx",
		 (unsigned long long)b->f[F_EXITCODE], name ? name : "no name in the AMD APM",
		 (unsigned long long)b->f[F_INFO1], (unsigned long long)b->f[F_INFO2]);
	c->has_code = b->has[F_EXITCODE];
	c->code = (int64_t)b->f[F_EXITCODE];
}

/* The dump is complete: its facts become the crash's. */
static void dump_end(struct vt_scanner *s, struct bhyve_state *b)
{
	struct vt_crash *c = b->crash;
	b->crash = NULL;
	if (!c)
		return;
	if (b->has[F_RIP]) {
		c->has_rip = true;
		c->rip = b->f[F_RIP];
	}
	if (b->reason == R_VMX) {
		describe_vmx(b, c);
	} else if (b->reason == R_SVM) {
		describe_svm(b, c);
	} else if (b->reason == R_PAGING) {
		c->kind = VT_KIND_PAGING;
		c->has_gpa = b->has[F_GPA];
		c->gpa = b->f[F_GPA];
		c->fault_type = (int)b->f[F_FAULT_TYPE];
	} else {
		c->kind = VT_KIND_UNKNOWN;
		snprintf(c->detail, sizeof c->detail, "vm exit with reason %s", b->reason_text[0] ? b->reason_text : "(none)");
	}
	scan_submit(s, c);
}

static void take_field(struct bhyve_state *b, const char *name, size_t nlen, const char *v, const char *end)
{
	if (nlen == 6 && memcmp(name, "reason", 6) == 0) {
		size_t n = 0;
		while (v + n < end && v[n] >= 'A' && v[n] <= 'Z')
			n++;
		scan_copy(b->reason_text, sizeof b->reason_text, v, n);
		b->reason = n == 3 && memcmp(v, "VMX", 3) == 0 ? R_VMX
			  : n == 3 && memcmp(v, "SVM", 3) == 0 ? R_SVM
			  : n == 6 && memcmp(v, "PAGING", 6) == 0 ? R_PAGING : R_OTHER;
		return;
	}
	for (int i = 0; i < F_COUNT; i++) {
		if (strlen(field_names[i]) != nlen || memcmp(field_names[i], name, nlen) != 0)
			continue;
		/* bhyvectl prints "0x00000030 (48)": the number in parentheses is the same. */
		b->has[i] = number(v, end, &b->f[i]);
		return;
	}
}

static bool failure(struct vt_scanner *s, struct bhyve_state *b, const char *line, size_t len);
static bool rip_rest(struct vt_scanner *s, struct bhyve_state *b, const char *line, size_t len);

static int paren_balance(const char *p, size_t n)
{
	int d = 0;
	for (size_t i = 0; i < n; i++)
		d += (p[i] == '(') - (p[i] == ')');
	return d;
}

static bool alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void field_seen(struct bhyve_state *b, const char *line, size_t len)
{
	b->open_parens = paren_balance(line, len);
	b->last_width = scan_width(line, len);
	/* A longer line is not read again (its copy would be cut). */
	b->last_len = len <= sizeof b->last ? len : 0;
	memcpy(b->last, line, b->last_len);
}

static void take_field(struct bhyve_state *b, const char *name, size_t nlen, const char *v, const char *end);

/* The rest of the field line before, cut by a mail client or a terminal:
 * the exit reason's name "(VM-entry failure due to invalid guest" goes on
 * with "state)"; or, after a line as wide as a terminal, the rest of a
 * number or word cut in two. A field line is indented: the rest is not. */
static bool field_rest(struct bhyve_state *b, const char *line, size_t len)
{
	const char *name, *value;
	size_t nlen;
	if (!b->nlines || !len || line[0] == ' ' || line[0] == '\t')
		return false;
	if (b->open_parens > 0 && paren_balance(line, len) < 0) {
		b->open_parens = 0; /* the name in parentheses: the number before it stands */
		return true;
	}
	if (!(b->last_len && b->last_width >= SCAN_WRAP_COLUMNS && alnum(b->last[b->last_len - 1]) && alnum(line[0]) &&
	      !memchr(line, ' ', len)))
		return false;
	/* Cut inside a token: the field line again, whole. */
	char whole[sizeof b->last * 2];
	size_t n = b->last_len, k = len < sizeof whole - n ? len : sizeof whole - n;
	memcpy(whole, b->last, n);
	memcpy(whole + n, line, k);
	if (dump_field(whole, n + k, &name, &nlen, &value))
		take_field(b, name, nlen, value, whole + n + k);
	b->last_len = 0;
	return true;
}

/* The access line names the address the failed instruction touched (in
 * the detail: the gpa field is a paging exit's, with its fault type), its
 * line goes in the excerpt, before or after the failure's. */
static void access_detail(struct bhyve_state *b, struct vt_crash *c)
{
	snprintf(c->detail, sizeof c->detail, "unhandled memory access to 0x%llx", (unsigned long long)b->access_gpa);
	if (b->access_line > c->line) {
		scan_excerpt_add(c->excerpt, sizeof c->excerpt, b->access_text, b->access_len);
		c->end_line = b->access_line;
	} else {
		char failure[sizeof c->excerpt];
		memcpy(failure, c->excerpt, sizeof failure);
		c->excerpt[0] = '\0';
		scan_excerpt_add(c->excerpt, sizeof c->excerpt, b->access_text, b->access_len);
		scan_excerpt_add(c->excerpt, sizeof c->excerpt, failure, strlen(failure));
		c->line = b->access_line;
	}
	b->access_line = 0;
	b->access_open = false;
}

/* The held failure is reported once ACCESS_WINDOW lines have passed: with
 * the access line that came after it, when no later failure took that. */
static void settle(struct vt_scanner *s, struct bhyve_state *b, bool end)
{
	struct vt_crash *c = b->held;
	if (!c)
		return;
	bool access_after = b->access_line > b->held_line;
	uint64_t since = s->lineno - (access_after ? b->access_line : b->held_line);
	if (!end && since < ACCESS_WINDOW)
		return;
	if (access_after)
		access_detail(b, c);
	b->held = NULL;
	scan_submit(s, c);
}

static bool follow(struct vt_scanner *s, void *st, const char *line, size_t len)
{
	struct bhyve_state *b = st;
	const char *name, *value;
	size_t nlen;
	if (b->rip_wait && rip_rest(s, b, line, len))
		return true;
	settle(s, b, false);
	if (b->access_open) {
		b->access_open = s->lineno - b->access_line < ACCESS_WINDOW;
		if (failure(s, b, line, len))
			return true;
	}
	if (!b->crash)
		return false;
	if (b->nlines < DUMP_LINES_MAX && field_rest(b, line, len)) {
		b->nlines++;
		scan_excerpt_add(b->crash->excerpt, sizeof b->crash->excerpt, line, len);
		b->crash->end_line = s->lineno;
		return true;
	}
	if (b->nlines >= DUMP_LINES_MAX || !dump_field(line, len, &name, &nlen, &value)) {
		dump_end(s, b);
		return false;
	}
	b->nlines++;
	field_seen(b, line, len);
	take_field(b, name, nlen, value, line + len);
	scan_excerpt_add(b->crash->excerpt, sizeof b->crash->excerpt, line, len);
	b->crash->end_line = s->lineno;
	return true;
}

static struct vt_crash *crash_new(struct vt_scanner *s, const char *line, size_t len)
{
	struct vt_crash *c = scan_crash_new(s);
	if (!c)
		return NULL;
	c->origin = VT_ORIGIN_BHYVE;
	c->hypervisor = VT_HV_BHYVE;
	scan_excerpt_add(c->excerpt, sizeof c->excerpt, line, len);
	return c;
}

static bool dump_start(struct vt_scanner *s, struct bhyve_state *b, const char *line, size_t len)
{
	const char *p = util_memfind(line, len, "vm exit["), *end = line + len;
	uint64_t vcpu;
	size_t used;
	if (!p || !util_parse_u64(p + 8, (size_t)(end - p - 8), 10, &vcpu, &used) || p + 8 + used >= end ||
	    p[8 + used] != ']')
		return false;
	dump_end(s, b);
	memset(b->f, 0, sizeof b->f);
	memset(b->has, 0, sizeof b->has);
	b->reason = R_NONE;
	b->reason_text[0] = '\0';
	b->nlines = 0;
	b->open_parens = 0;
	b->last_width = 0;
	if (!(b->crash = crash_new(s, line, len)))
		return true;
	b->crash->vcpu = vcpu < 65536 ? (int)vcpu : -1;
	return true;
}

/* The bytes between the brackets: "0x0f 0x01", "0f, 01" or "0f01f8". */
static size_t inst_bytes(const char *p, const char *end, uint8_t *out)
{
	size_t n = 0;
	while (p < end && n < VT_INSN_MAX) {
		while (p < end && (*p == ' ' || *p == ','))
			p++;
		if (end - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
			p += 2;
		const char *t = p;
		while (p < end && util_hex_digit(*p) >= 0)
			p++;
		if (p == t)
			break;
		/* One byte per token, or a run of digit pairs (FreeBSD 13+ prints no separator). */
		if (p - t <= 2) {
			out[n++] = (uint8_t)(t + 1 < p ? util_hex_digit(t[0]) * 16 + util_hex_digit(t[1]) : util_hex_digit(t[0]));
			continue;
		}
		for (; t + 1 < p && n < VT_INSN_MAX; t += 2)
			out[n++] = (uint8_t)(util_hex_digit(t[0]) * 16 + util_hex_digit(t[1]));
	}
	return n;
}

/* The line ends where its rip would be ("] at", "at rip", "@ %rip ="):
 * a mail client moved the number to the next line. */
static bool rip_cut(const char *p, const char *end)
{
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return (end - p >= 2 && memcmp(end - 2, "at", 2) == 0 && (end - p == 2 || end[-3] == ' ')) ||
	       (end - p >= 6 && memcmp(end - 6, "at rip", 6) == 0) || (end > p && end[-1] == '=');
}

static void failure_done(struct vt_scanner *s, struct bhyve_state *b, struct vt_crash *c);

/* The rip after the bytes: "at 0x...", "at rip 0x...", "@ %rip = ..." (hex). */
static bool failure_rip(const char *p, const char *end, uint64_t *rip)
{
	const char *q = scan_at(p, end, "at ") ? p - 1 : util_memfind(p, (size_t)(end - p), " at ");
	if (q) {
		q = skip_blank(q + 4, end);
		if (end - q > 3 && memcmp(q, "rip", 3) == 0)
			q = skip_blank(q + 3, end);
	} else if ((q = memchr(p, '=', (size_t)(end - p))) != NULL) {
		q = skip_blank(q + 1, end);
	} else {
		return false;
	}
	if (end - q > 2 && q[0] == '0' && (q[1] == 'x' || q[1] == 'X'))
		q += 2;
	return util_parse_u64(q, (size_t)(end - q), 16, rip, NULL);
}

/* "[...]" holds a byte list in one of bhyve's spellings ("0x0f 0x01",
 * "0f01", "0f, 01", or nothing): ACRN's device model prints "Failed to
 * emulate instruction [" and then "mmio address 0x..., size N". */
static bool byte_list(const char *p, const char *end)
{
	const char *close = memchr(p, ']', (size_t)(end - p));
	if (!close)
		return false;
	for (p++; p < close; p++)
		if (util_hex_digit(*p) < 0 && *p != 'x' && *p != 'X' && *p != ',' && *p != ' ')
			return false;
	return true;
}

static bool failure(struct vt_scanner *s, struct bhyve_state *b, const char *line, size_t len)
{
	const char *p = util_memfind(line, len, "Failed to emulate instruction"), *end = line + len;
	if (!p)
		return false;
	p += strlen("Failed to emulate instruction");
	if (end - p >= 9 && memcmp(p, " sequence", 9) == 0)
		p += 9;
	p = skip_blank(p, end);
	/* Anything else after the phrase is some other program's message; the
	 * byte-less form is bhyve's only with its rip. */
	uint64_t rip;
	if (p == end || (*p == '[' && !byte_list(p, end)) ||
	    (*p != '[' && *p != '@' && !(scan_at(p, end, "at ") && (failure_rip(p, end, &rip) || rip_cut(p, end)))))
		return false;
	struct vt_crash *c = crash_new(s, line, len);
	if (!c)
		return true;
	c->kind = VT_KIND_INST_EMUL;
	if (p < end && *p == '[') {
		const char *close = memchr(p, ']', (size_t)(end - p));
		if (close) {
			c->ninst = inst_bytes(p + 1, close, c->inst);
			c->len = (int)c->ninst;
			c->has_inst = true;
			p = close + 1;
		}
	} else if (p < end && *p == '@') {
		/* illumos prints the brackets only when bytes were fetched. */
		c->len = 0;
		c->has_inst = true;
	}
	c->has_rip = failure_rip(p, end, &c->rip);
	if (!c->has_rip && rip_cut(p, end)) {
		b->rip_wait = c;
		return true;
	}
	failure_done(s, b, c);
	return true;
}

/* The failure is complete: with the access line before it, or held for
 * one after it. */
static void failure_done(struct vt_scanner *s, struct bhyve_state *b, struct vt_crash *c)
{
	/* An earlier failure still held gets no access line: one between the
	 * two belongs to this failure, as bhyve prints it before. */
	if (b->held) {
		scan_submit(s, b->held);
		b->held = NULL;
	}
	if (b->access_line && s->lineno - b->access_line <= ACCESS_WINDOW) {
		access_detail(b, c);
		scan_submit(s, c);
		return;
	}
	b->access_line = 0;
	b->access_open = false;
	b->held = c;
	b->held_line = s->lineno;
}

/* A failure cut before its rip takes the next line when that is the
 * number alone; without it a byte-less failure is no crash (its rip is
 * all it says). True when the line was taken. */
static bool rip_rest(struct vt_scanner *s, struct bhyve_state *b, const char *line, size_t len)
{
	struct vt_crash *c = b->rip_wait;
	const char *p = skip_blank(line, line + len), *end = line + len;
	size_t used = 0;
	b->rip_wait = NULL;
	if (end - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	bool taken = util_parse_u64(p, (size_t)(end - p), 16, &c->rip, &used) && skip_blank(p + used, end) == end;
	if (taken) {
		c->has_rip = true;
		scan_excerpt_add(c->excerpt, sizeof c->excerpt, line, len);
		c->end_line = s->lineno;
	}
	if (!c->has_rip && !c->has_inst)
		free(c);
	else
		failure_done(s, b, c);
	return taken;
}

static bool access_line(struct vt_scanner *s, struct bhyve_state *b, const char *line, size_t len)
{
	const char *p = util_memfind(line, len, "Unhandled memory access to "), *end = line + len;
	if (!p)
		return false;
	p += strlen("Unhandled memory access to ");
	/* "0x%lx", or "%#llx", which prints a zero address as "0". */
	bool zero = end - p == 1 && p[0] == '0';
	if (zero)
		b->access_gpa = 0;
	if (zero || (end - p > 2 && p[0] == '0' && p[1] == 'x' &&
		     util_parse_u64(p + 2, (size_t)(end - p - 2), 16, &b->access_gpa, NULL))) {
		b->access_line = s->lineno;
		b->access_open = true;
		b->access_len = len < EXCERPT_LINE_MAX ? len : EXCERPT_LINE_MAX;
		memcpy(b->access_text, line, b->access_len);
	}
	return false; /* not a crash by itself: other formats may still look */
}

static bool start(struct vt_scanner *s, void *st, const char *line, size_t len)
{
	struct bhyve_state *b = st;
	return dump_start(s, b, line, len) || failure(s, b, line, len) || access_line(s, b, line, len);
}

static bool busy(const void *st)
{
	const struct bhyve_state *b = st;
	return b->crash != NULL || b->access_open || b->held != NULL || b->rip_wait != NULL;
}

static void flush(struct vt_scanner *s, void *st, bool eof)
{
	struct bhyve_state *b = st;
	(void)eof;
	dump_end(s, b);
	if (b->rip_wait)
		rip_rest(s, b, "", 0);
	settle(s, b, true);
}

/* Lines skipped unread move the window on too. */
static void expire(struct vt_scanner *s, void *st)
{
	settle(s, st, false);
}

static void drop(void *st)
{
	struct bhyve_state *b = st;
	free(b->crash);
	free(b->held);
	free(b->rip_wait);
	memset(b, 0, sizeof *b);
}

const struct scan_format scan_fmt_bhyve = {
	.name = "bhyve",
	.state_size = sizeof(struct bhyve_state),
	.keywords = keywords,
	.nkeywords = sizeof keywords / sizeof keywords[0],
	.follow = follow,
	.start = start,
	.busy = busy,
	.flush = flush,
	.expire = expire,
	.drop = drop,
};
