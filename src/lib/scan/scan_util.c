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
size_t scan_width(const char *line, size_t len)
{
	size_t w = 0;
	for (size_t i = 0; i < len; i++)
		w = line[i] == '\t' ? (w / 8 + 1) * 8 : w + 1;
	return w;
}

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

