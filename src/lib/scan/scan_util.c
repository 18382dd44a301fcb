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

static bool at(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);
	return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

static bool before(const char *line, const char *p, const char *s)
{
	size_t n = strlen(s);
	return (size_t)(p - line) >= n && memcmp(p - n, s, n) == 0;
}

/* Each keyword is reached through one byte that is rare in logs, then
 * checked where it stands, one memchr pass per anchor (a vectorised
 * single pass flagging blocks measured slower: 'f' and 'U' are common
 * enough). `lo` bounds the look-behind. */
/* 'U' anchors "Unhandled VM exit", "Unhandled vCPU error", "Unhandled exit
 * @rip" and the #795 records' "... exit on vCPU N" / "... from vCPU N". */
static bool u_words(const char *lo, const char *p, const char *end)
{
	if (at(p, end, "Unhandled "))
		return at(p, end, "Unhandled VM exit") || at(p, end, "Unhandled vCPU error") ||
		       at(p, end, "Unhandled exit @rip");
	return at(p, end, "U ") && (before(lo, p, "on vCP") || before(lo, p, "from vCP"));
}

static bool panicked(const char *lo, const char *p, const char *end)
{
	(void)lo;
	return at(p, end, "' panicked at");
}

static bool kvm(const char *lo, const char *p, const char *end)
{
	(void)lo;
	return at(p, end, "KVM internal error");
}

/* Only "triple fault on vcpu N" needs 'f' while skipping: QEMU's "emulation
 * failure" and "extra data[i]" matter only after a header, when every line
 * is read anyway. */
static bool f_words(const char *lo, const char *p, const char *end)
{
	return at(p, end, "fault on vcpu ") && before(lo, p, "triple ");
}

static const struct {
	char anchor;
	bool (*ok)(const char *lo, const char *p, const char *end);
} keywords[] = {
	{ 'U', u_words }, { '\'', panicked }, { 'K', kvm }, { 'f', f_words },
};

/* The first keyword in p[0..n) (any line of it), or NULL: one memchr pass
 * per anchor byte, each stopping at the best hit so far. A regex over every
 * line cost several times more than the rest of the scan. */
const char *scan_keyword(const char *p, size_t n)
{
	const char *best = p + n;
	for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++) {
		const char *q = p;
		while ((q = memchr(q, keywords[k].anchor, (size_t)(best - q))) != NULL) {
			if (keywords[k].ok(p, q, p + n)) {
				best = q;
				break;
			}
			q++;
		}
	}
	return best < p + n ? best : NULL;
}
