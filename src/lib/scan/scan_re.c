/* The scanner's PCRE2 patterns, compiled once, JIT when PCRE2 has it,
 * read-only afterwards so any number of scanners may share them: the
 * core's below, and each format's from its row (scan_patterns.c walks the
 * table). A format's regexes live in its file: adding one touches nothing
 * here. */
#include <stdio.h>
#include <stdlib.h>

#include "scan/scan_int.h"

/* Byte patterns (no UTF mode): invalid UTF-8 in logs must not stop a match. */
static const char *const core_sources[CORE_RE_COUNT] = {
	[CORE_RE_OLD_END] = "', ([^' ]+:\\d+:\\d+)\\s*$",
	[CORE_RE_LINE_TIME] = ("^(\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z|\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z?"
			       "|[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?)(?: |$)"),
	[CORE_RE_SMF_TIME] = "^\\[ ([A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d) ",
};

int scan_re_compile(struct vt_scan_patterns *p, const char *owner, size_t i, const char *src,
		    struct vt_error *err)
{
	int code;
	PCRE2_SIZE off;
	uint32_t groups = 0;
	if (p->n == SCAN_REGEX_MAX)
		return vt_error_set(err, VT_ERR_INTERNAL, "more than %d scanner regexes", SCAN_REGEX_MAX);
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, 0, &code, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[128];
		pcre2_get_error_message(code, msg, sizeof msg);
		return vt_error_set(err, VT_ERR_INTERNAL, "%s regex %zu at %zu: %s", owner, i, (size_t)off,
				    (char *)msg);
	}
	p->re[p->n++] = re;
	if (pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups) != 0 || groups > SCAN_CAPTURES_MAX)
		return vt_error_set(err, VT_ERR_INTERNAL, "%s regex %zu: more than %d groups", owner, i,
				    SCAN_CAPTURES_MAX);
	/* No JIT (some platforms): the interpreter gives the same answers, slower. */
	if (pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) != 0)
		p->jit = false;
	return VT_OK;
}

int scan_re_compile_core(struct vt_scan_patterns *p, struct vt_error *err)
{
	for (size_t i = 0; i < CORE_RE_COUNT; i++)
		if (scan_re_compile(p, "scanner", i, core_sources[i], err) != VT_OK)
			return err->status;
	return VT_OK;
}

void vt_scan_patterns_free(struct vt_scan_patterns *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		pcre2_code_free(p->re[i]);
	free(p);
}

/* Where regex i of format f (NULL: the core's) is in p->re: found by the
 * row's own source array, so this file never reads the format table
 * (the formats call it: reading the table here would be a circle). */
static const pcre2_code *regex(const struct vt_scan_patterns *p, const struct scan_format *f, unsigned i)
{
	if (!f)
		return p->re[i];
	size_t k = 0;
	while (p->rows[k] != f->regexes)
		k++; /* a handful of rows: cheaper than any lookup structure */
	return p->re[p->first[k] + i];
}

bool scan_match(struct vt_scanner *s, const struct scan_format *f, unsigned i, const char *line, size_t len,
		struct scan_match *m)
{
	int rc = pcre2_match(regex(s->pat, f, i), (PCRE2_SPTR)line, len, 0, 0, s->md, NULL);
	if (rc <= 0)
		return false;
	m->subject = line;
	m->ov = pcre2_get_ovector_pointer(s->md);
	m->n = rc;
	return true;
}

bool scan_cap(const struct scan_match *m, int i, const char **p, size_t *n)
{
	if (i >= m->n || m->ov[2 * i] == PCRE2_UNSET)
		return false;
	*p = m->subject + m->ov[2 * i];
	*n = m->ov[2 * i + 1] - m->ov[2 * i];
	return true;
}
