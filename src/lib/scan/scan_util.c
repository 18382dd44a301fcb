/* Small byte-string helpers for the scanner: lines may hold NULs and
 * invalid UTF-8, so nothing here relies on NUL termination. */
#include <stddef.h>
#include <string.h>

#include "scan/scan_int.h"

void scan_copy(char *dst, size_t size, const char *src, size_t n)
{
	if (size == 0)
		return;
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Append one raw line (cut, control bytes shown as '.') to an excerpt. */
void scan_excerpt_add(char *excerpt, size_t size, const char *line, size_t len)
{
	size_t have = strlen(excerpt);
	bool cut = len > EXCERPT_LINE_MAX;
	if (cut)
		len = EXCERPT_LINE_MAX;
	if (have + len + 5 >= size)
		return;
	if (have)
		excerpt[have++] = '\n';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];
		excerpt[have++] = (c < 0x20 && c != '\t') || c == 0x7f ? '.' : (char)c;
	}
	if (cut) {
		memcpy(excerpt + have, "...", 3);
		have += 3;
	}
	excerpt[have] = '\0';
}

/* `"time":"` at or after p: hop from ':' to ':' (a JSON line has few)
 * rather than from '"' to '"' (it has many). */
static const char *time_key(const char *p, const char *line, const char *end)
{
	while ((p = memchr(p, ':', (size_t)(end - p))) != NULL) {
		if (p - line >= 6 && end - p > 1 && p[1] == '"' && memcmp(p - 6, "\"time\"", 6) == 0)
			return p + 2;
		p++;
	}
	return NULL;
}

/* The "time" of a bunyan line, cheaply: slog-bunyan writes msg, v, name,
 * level, time in that order, so skip msg (whose text may hold anything)
 * and look after it. */
bool scan_json_time(const char *line, size_t len, char *out, size_t size)
{
	const char *p = line, *end = line + len;
	if (len > 8 && memcmp(line, "{\"msg\":\"", 8) == 0) {
		p = line + 8;
		for (;;) {
			const char *q = memchr(p, '"', (size_t)(end - p));
			if (!q)
				return false;
			size_t bs = 0;
			while (q - bs > p && q[-1 - (ptrdiff_t)bs] == '\\')
				bs++;
			p = q + 1;
			if (bs % 2 == 0)
				break;
		}
	}
	const char *t = time_key(p, line, end);
	if (!t)
		return false;
	const char *q = memchr(t, '"', (size_t)(end - t));
	if (!q || q - t > 40)
		return false;
	scan_copy(out, size, t, (size_t)(q - t));
	return true;
}

bool scan_at(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);
	return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

bool scan_before(const char *line, const char *p, const char *s)
{
	size_t n = strlen(s);
	return (size_t)(p - line) >= n && memcmp(p - n, s, n) == 0;
}

int scan_anchors_init(struct vt_scanner *s)
{
	s->nanchors = 0;
	for (size_t f = 0; f < scan_nformats; f++) {
		for (size_t k = 0; k < scan_formats[f]->nkeywords; k++) {
			const struct scan_keyword *kw = &scan_formats[f]->keywords[k];
			size_t a = 0;
			while (a < s->nanchors && s->anchors[a].anchor != kw->anchor)
				a++;
			if (a == s->nanchors) {
				if (a == SCAN_ANCHORS_MAX)
					return -1;
				s->anchors[a].anchor = kw->anchor;
				s->anchors[a].n = 0;
				s->nanchors++;
			}
			if (s->anchors[a].n == SCAN_ANCHOR_KEYWORDS)
				return -1;
			s->anchors[a].kw[s->anchors[a].n++] = kw;
		}
	}
	return 0;
}

/* Each keyword is reached through one byte that is rare in logs, then
 * checked where it stands, one memchr pass per anchor, each stopping at the
 * best hit so far (a vectorised single pass flagging blocks measured
 * slower: 'f' and 'U' are common enough). A regex over every line cost
 * several times more than the rest of the scan. */
const char *scan_keyword(const struct vt_scanner *s, const char *p, size_t n)
{
	const char *best = p + n;
	for (size_t a = 0; a < s->nanchors; a++) {
		const struct scan_anchor *an = &s->anchors[a];
		const char *q = p;
		while ((q = memchr(q, an->anchor, (size_t)(best - q))) != NULL) {
			size_t k = 0;
			while (k < an->n && !an->kw[k]->ok(p, q, p + n))
				k++;
			if (k < an->n) {
				best = q;
				break;
			}
			q++;
		}
	}
	return best < p + n ? best : NULL;
}
