/* The multi-line message collector that propolis' formats share: a panic
 * message (every rustc generation), a standalone "Unhandled exit" line and
 * a bare "vCPU N: Unhandled ..." message run over lines until their
 * brackets balance; a pretty #795 record until its indented lines end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/scan_int.h"

static int balance(const char *p, size_t n)
{
	int d = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '(' || p[i] == '[' || p[i] == '{')
			d++;
		else if (p[i] == ')' || p[i] == ']' || p[i] == '}')
			d--;
	}
	return d;
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

void scan_collect_add(struct collector *col, const char *p, size_t n)
{
	/* Rust's Debug text never has a digit, a line break and a digit: the
	 * break is a terminal's hard wrap inside a number, joined as one. */
	bool cut_number = n && digit(*p) && col->msglen && digit(col->msg[col->msglen - 1]);
	while (n && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	if (col->msglen && !cut_number && col->msglen + 1 < sizeof col->msg)
		col->msg[col->msglen++] = ' ';
	if (n > sizeof col->msg - 1 - col->msglen)
		n = sizeof col->msg - 1 - col->msglen;
	memcpy(col->msg + col->msglen, p, n);
	col->msglen += n;
	col->msg[col->msglen] = '\0';
	col->depth += balance(p, n);
}

void scan_collect_begin(struct vt_scanner *s, struct collector *col, enum collect_kind kind,
			struct vt_crash *c)
{
	scan_collect_end(s, col, false);
	col->kind = kind;
	col->crash = c;
	col->msglen = 0;
	col->msg[0] = '\0';
	col->depth = 0;
	col->nlines = 0;
	col->rust_old = false;
}

void scan_collect_finish(struct vt_scanner *s, struct collector *col, bool cut)
{
	struct vt_crash *c = col->crash;
	enum collect_kind kind = col->kind;
	col->crash = NULL;
	col->kind = COLLECT_NONE;
	if (!c)
		return;
	if (kind != COLLECT_RECORD) {
		if (col->msglen == 0) {
			c->kind = VT_KIND_OTHER_PANIC;
			snprintf(c->detail, sizeof c->detail, "(the panic message is missing)");
		} else {
			scan_parse_message(col->msg, col->msglen, c);
		}
		c->truncated = cut;
	}
	scan_submit(s, c);
}

void scan_collect_end(struct vt_scanner *s, struct collector *col, bool eof)
{
	if (col->kind == COLLECT_NONE)
		return;
	bool open = col->msglen == 0 || col->depth > 0 || col->rust_old;
	scan_collect_finish(s, col, eof && open);
}

static bool starts(const char *line, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && memcmp(line, prefix, n) == 0;
}

/* Lines that can only begin something else: a message still open ends here. */
bool scan_collect_ends(const char *line, size_t len)
{
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return len == 0 || (i < len && line[i] == '{') || starts(line, len, "[ ") || util_memfind(line, len, "thread '") ||
	       starts(line, len, "note: run with") || starts(line, len, "stack backtrace:");
}

/* Old panics end with "', file:line:col"; the message is before it. */
static void old_line(struct vt_scanner *s, struct collector *col, const char *p, size_t n)
{
	struct scan_match m;
	if (scan_match(s, NULL, CORE_RE_OLD_END, p, n, &m)) {
		scan_collect_add(col, p, m.ov[0]);
		col->rust_old = false;
		scan_collect_finish(s, col, false);
		return;
	}
	scan_collect_add(col, p, n);
}

/* The first line of an old-form panic, after "panicked at '". */
void scan_collect_old_first(struct vt_scanner *s, struct collector *col, const char *p, size_t n)
{
	col->rust_old = true;
	old_line(s, col, p, n);
}

void scan_collect_line(struct vt_scanner *s, struct collector *col, enum collect_kind kind, struct vt_crash *c,
		       const char *line, size_t at, size_t len)
{
	scan_excerpt_add(c->excerpt, sizeof c->excerpt, line, len);
	scan_collect_begin(s, col, kind, c);
	scan_collect_add(col, line + at, len - at);
	if (col->depth <= 0)
		scan_collect_finish(s, col, false);
}

bool scan_collect_message(struct vt_scanner *s, void *st, const char *line, size_t len)
{
	struct collector *col = st;
	if (scan_collect_ends(line, len) || col->nlines >= COLLECT_LINES_MAX) {
		scan_collect_end(s, col, true);
		return false;
	}
	col->nlines++;
	col->crash->end_line = s->lineno;
	scan_excerpt_add(col->crash->excerpt, sizeof col->crash->excerpt, line, len);
	if (col->rust_old) {
		old_line(s, col, line, len);
		return true;
	}
	scan_collect_add(col, line, len);
	if (col->depth <= 0)
		scan_collect_finish(s, col, false);
	return true;
}

bool scan_collect_busy(const void *st)
{
	return ((const struct collector *)st)->kind != COLLECT_NONE;
}

void scan_collect_flush(struct vt_scanner *s, void *st, bool eof)
{
	scan_collect_end(s, st, eof);
}

void scan_collect_drop(void *st)
{
	struct collector *col = st;
	free(col->crash);
	col->crash = NULL;
	col->kind = COLLECT_NONE;
}
