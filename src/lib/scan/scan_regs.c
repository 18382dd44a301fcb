/* propolis' Diagnostics register dump (PR #795 vcpu_state / state):
 * "%rax = 0x...\t%r9  = 0x...", "%cs:   sel = 0x0008\tbase = ...", ... */
#include <string.h>

#include "scan/scan_int.h"

static int lookup(const char *name, size_t n, const char *(*namer)(int), int count)
{
	for (int i = 0; i < count; i++) {
		const char *r = namer(i);
		if (strlen(r) == n && memcmp(r, name, n) == 0)
			return i;
	}
	return -1;
}

static const char *reg_namer(int i) { return vt_reg_name((enum vt_reg)i); }
static const char *sreg_namer(int i) { return vt_sreg_name((enum vt_sreg)i); }

/* The hex value after "key = " in p[0..n), or false. */
static bool field(const char *p, size_t n, const char *key, uint64_t *v)
{
	const char *k = util_memfind(p, n, key);
	if (!k)
		return false;
	const char *q = k + strlen(key), *end = p + n;
	while (q < end && (*q == ' ' || *q == '='))
		q++;
	return util_parse_u64(q, (size_t)(end - q), 16, v, NULL);
}

static void segment(const char *p, size_t n, struct vt_segreg *sr)
{
	uint64_t v;
	if (field(p, n, "sel", &v))
		sr->selector = (uint16_t)v;
	if (field(p, n, "base", &v))
		sr->base = v;
	if (field(p, n, "limit", &v))
		sr->limit = (uint32_t)v;
	if (field(p, n, "access", &v))
		sr->access = (uint32_t)v;
	sr->present = true;
}

void scan_regs_line(const char *line, size_t len, struct vt_regs *regs)
{
	const char *p = line, *end = line + len;
	if (util_memfind(line, len, "<guest data redacted>"))
		regs->redacted = true;
	while ((p = memchr(p, '%', (size_t)(end - p))) != NULL) {
		const char *name = ++p;
		while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			p++;
		size_t nlen = (size_t)(p - name);
		while (p < end && *p == ' ')
			p++;
		if (p >= end)
			break;
		/* This register's text runs to the next '%'. */
		const char *next = memchr(p, '%', (size_t)(end - p));
		size_t span = (size_t)((next ? next : end) - p);
		int i;
		if (*p == '=' && (i = lookup(name, nlen, reg_namer, VT_REG_COUNT)) >= 0) {
			const char *q = p + 1;
			while (q < end && *q == ' ')
				q++;
			if (util_parse_u64(q, (size_t)(end - q), 16, &regs->v[i], NULL))
				regs->has[i] = true;
		} else if (*p == ':' && (i = lookup(name, nlen, sreg_namer, VT_SREG_COUNT)) >= 0) {
			segment(p, span, &regs->seg[i]);
		}
	}
}

void scan_regs_text(const char *text, size_t len, struct vt_regs *regs)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		scan_regs_line(p, n, regs);
		p += n + 1;
	}
}
