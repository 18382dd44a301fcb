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

/* The last min(8, n) bytes ending at p + n, zero-extended: one compare
 * rejects nearly every false hit of a keyword. */
static inline uint64_t tail8(const char *p, size_t n)
{
	uint64_t v = 0;
	size_t k = n < 8 ? n : 8;
	memcpy(&v, p + n - k, k);
	return v;
}

int scan_anchors_init(struct vt_scanner *s)
{
	s->nanchors = 0;
	for (size_t f = 0; f < scan_nformats; f++) {
		for (size_t k = 0; k < scan_formats[f]->nkeywords; k++) {
			const struct scan_keyword *kw = &scan_formats[f]->keywords[k];
			char anchor = kw->text[kw->at];
			size_t a = 0;
			while (a < s->nanchors && s->anchors[a].anchor != anchor)
				a++;
			if (a == s->nanchors) {
				if (a == SCAN_ANCHORS_MAX)
					return -1;
				s->anchors[a].anchor = anchor;
				s->anchors[a].n = 0;
				s->nanchors++;
			}
			if (s->anchors[a].n == SCAN_ANCHOR_KEYWORDS)
				return -1;
			struct scan_anchor *an = &s->anchors[a];
			size_t len = strlen(kw->text);
			if (kw->at >= len)
				return -1;
			an->len[an->n] = len;
			an->at[an->n] = kw->at;
			an->next[an->n] = kw->at + 1 < len ? (unsigned char)kw->text[kw->at + 1] : -1;
			an->tail[an->n] = tail8(kw->text, len);
			if (an->next[an->n] < 0)
				memset(an->follows, 0xff, sizeof an->follows);
			else
				an->follows[an->next[an->n] >> 3] |= (uint8_t)(1u << (an->next[an->n] & 7));
			an->kw[an->n++] = kw;
		}
	}
	return 0;
}

/* Whether one of the anchor's keywords stands around q (q[0] is the
 * anchor): the byte after the anchor first, so most false hits cost one
 * comparison. */
static bool keyword_at(const struct scan_anchor *an, const char *lo, const char *q, const char *end)
{
	int next = end - q > 1 ? (unsigned char)q[1] : -1;
	for (size_t k = 0; k < an->n; k++) {
		if (an->next[k] >= 0 && next != an->next[k])
			continue;
		const char *start = q - an->at[k];
		size_t len = an->len[k];
		if ((size_t)(q - lo) < an->at[k] || (size_t)(end - start) < len || tail8(start, len) != an->tail[k])
			continue;
		const struct scan_keyword *kw = an->kw[k];
		if (memcmp(start, kw->text, len) == 0 && (!kw->ok || kw->ok(lo, start, end)))
			return true;
	}
	return false;
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
			unsigned char c = q + 1 < p + n ? (unsigned char)q[1] : 0;
			/* Most false hits fail on the byte after the anchor: no call for them. */
			if ((an->follows[c >> 3] & (1u << (c & 7))) && keyword_at(an, p, q, p + n)) {
				best = q;
				break;
			}
			q++;
		}
	}
	return best < p + n ? best : NULL;
}
