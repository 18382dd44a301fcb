/* The scanner's PCRE2 patterns: compiled once, JIT when PCRE2 has it,
 * read-only afterwards so any number of scanners may share them. */
#include <stdio.h>
#include <stdlib.h>

#include "scan/scan_int.h"

/* Byte patterns (no UTF mode): invalid UTF-8 in logs must not stop a match. */
static const char *const sources[RE_COUNT] = {
	[RE_PANIC_HEAD] = "thread '([^']{0,64})' panicked at (.*)$",
	[RE_OLD_END] = "', ([^' ]+:\\d+:\\d+)\\s*$",
	[RE_BARE] = "^\\s*vCPU (\\d+): Unhandled (?:VM exit|vCPU error):",
	[RE_STANDALONE] = "Unhandled exit @rip:([0-9a-fA-F]+) (.*)$",
	[RE_RECORD] = ("(instruction emulation exit on|unhandled paging exit on|unclassified SVM exit on"
		       "|unclassified VMX exit on|unrecognized exit code on|lib returned debug exit from"
		       "|triple fault on) v(?:CPU|cpu) (\\d+)"),
	[RE_LINE_TIME] = ("^(\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z|\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z?"
			  "|[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?)(?: |$)"),
	[RE_SMF_TIME] = "^\\[ ([A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d) ",
	[RE_KVM_HEADER] = "KVM internal error\\.(?:\\s*Suberror:\\s*(-?\\d+))?",
	[RE_EXTRA] = "extra data\\[(\\d+)\\]:\\s*(?:0x)?([0-9a-fA-F]+)",
};

struct vt_scan_patterns *vt_scan_patterns_new(struct vt_error *err)
{
	struct vt_scan_patterns *p = calloc(1, sizeof *p);
	if (!p) {
		vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		return NULL;
	}
	p->jit = true;
	for (int i = 0; i < RE_COUNT; i++) {
		int code;
		PCRE2_SIZE off;
		p->re[i] = pcre2_compile((PCRE2_SPTR)sources[i], PCRE2_ZERO_TERMINATED, 0, &code, &off, NULL);
		if (!p->re[i]) {
			PCRE2_UCHAR msg[128];
			pcre2_get_error_message(code, msg, sizeof msg);
			vt_error_set(err, VT_ERR_INTERNAL, "pattern %d at %zu: %s", i, (size_t)off, (char *)msg);
			vt_scan_patterns_free(p);
			return NULL;
		}
		/* No JIT (some platforms): the interpreter gives the same answers, slower. */
		if (pcre2_jit_compile(p->re[i], PCRE2_JIT_COMPLETE) != 0)
			p->jit = false;
	}
	return p;
}

void vt_scan_patterns_free(struct vt_scan_patterns *p)
{
	if (!p)
		return;
	for (int i = 0; i < RE_COUNT; i++)
		pcre2_code_free(p->re[i]);
	free(p);
}

bool scan_match(struct vt_scanner *s, enum scan_re re, const char *line, size_t len,
		struct scan_match *m)
{
	int rc = pcre2_match(s->pat->re[re], (PCRE2_SPTR)line, len, 0, 0, s->md, NULL);
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
