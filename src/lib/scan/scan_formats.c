/* The log formats the scanner reads, one row each (see struct scan_format).
 * Order matters where two formats could take the same line: a propolis
 * panic before the #795 record text it may quote, QEMU last. */
#include <string.h>

#include "scan/scan_int.h"

const struct scan_format *const scan_formats[] = {
	&scan_fmt_panic,
	&scan_fmt_standalone,
	&scan_fmt_record,
	&scan_fmt_qemu,
	&scan_fmt_bhyve,
};

const size_t scan_nformats = sizeof scan_formats / sizeof scan_formats[0];

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
				s->anchors[a].wraps = false;
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
			if (kw->wraps && kw->at > 8)
				return -1; /* break_before looks 8 bytes back */
			an->wraps |= kw->wraps;
			an->kw[an->n++] = kw;
		}
	}
	return 0;
}

/* Whether kw stands around the anchor at q with one line break before
 * the anchor inside it ("on v" at the end of a line, "CPU 2" at the start
 * of the next; a cut after the anchor fails the byte check before this):
 * bytes compared backward from the anchor, a "\n" (or "\r\n") skipped once. */
static bool keyword_cut(const struct scan_keyword *kw, size_t len, const char *lo, const char *q, const char *end)
{
	bool cut = false;
	const char *p = q;
	if ((size_t)(end - q) < len - kw->at || memcmp(q, kw->text + kw->at, len - kw->at) != 0)
		return false;
	for (size_t i = kw->at; i-- > 0;) {
		if (p == lo)
			return false;
		p--;
		if (*p == '\n' && !cut) {
			cut = true;
			if (p == lo)
				return false;
			p--;
			if (*p == '\r') {
				if (p == lo)
					return false;
				p--;
			}
		}
		if (*p != kw->text[i])
			return false;
	}
	return cut;
}

/* Whether a line break is within the 8 bytes before q, where a keyword cut
 * in two that passed the byte check has its break (a wrapping keyword's
 * anchor is at most 8 bytes in): one load and a zero-byte test. */
static bool break_before(const char *lo, const char *q)
{
	uint64_t w;
	if (q - lo < 8) {
		for (const char *p = lo; p < q; p++)
			if (*p == '\n')
				return true;
		return false;
	}
	memcpy(&w, q - 8, 8);
	w ^= 0x0a0a0a0a0a0a0a0aull;
	return ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull) != 0;
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

/* A hit that passed the byte check but not the compare: a keyword a
 * terminal cut in two (the anchor's wrapping keywords only). Kept apart
 * from keyword_at, whose loop is the hot one. */
static bool keyword_cut_at(const struct scan_anchor *an, const char *lo, const char *q, const char *end)
{
	int next = end - q > 1 ? (unsigned char)q[1] : -1;
	if (!break_before(lo, q))
		return false;
	for (size_t k = 0; k < an->n; k++) {
		const struct scan_keyword *kw = an->kw[k];
		if (kw->wraps && (an->next[k] < 0 || next == an->next[k]) && keyword_cut(kw, an->len[k], lo, q, end))
			return true;
	}
	return false;
}

/* Each keyword is reached through one byte that is rare in logs, then
 * checked where it stands, one memchr pass per anchor, each stopping at the
 * best hit so far (a vectorised single pass flagging blocks measured
 * slower: 'f' and 'U' are common enough). A regex over every line cost
 * several times more than the rest of the scan. */
const char *scan_prefilter(const struct vt_scanner *s, const char *p, size_t n)
{
	const char *best = p + n;
	for (size_t a = 0; a < s->nanchors; a++) {
		const struct scan_anchor *an = &s->anchors[a];
		const char *q = p;
		while ((q = memchr(q, an->anchor, (size_t)(best - q))) != NULL) {
			unsigned char c = q + 1 < p + n ? (unsigned char)q[1] : 0;
			/* Most false hits fail on the byte after the anchor: no call for them. */
			if ((an->follows[c >> 3] & (1u << (c & 7))) &&
			    (keyword_at(an, p, q, p + n) || (an->wraps && keyword_cut_at(an, p, q, p + n)))) {
				best = q;
				break;
			}
			q++;
		}
	}
	return best < p + n ? best : NULL;
}
