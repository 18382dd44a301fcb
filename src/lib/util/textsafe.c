/* The one escape for untrusted text on its way to a terminal (see
 * vmtriage/output.h): a log line, a tar member name or a ClickHouse error
 * body must not move the cursor, retitle the window or reorder what the
 * reader sees (bidi overrides), and invalid UTF-8 must not eat the bytes
 * after it. */
#include "vmtriage/output.h"

#include <string.h>

#include "util/util_int.h"

size_t util_utf8_seq(const unsigned char *p, size_t n, unsigned long *cp)
{
	size_t len;
	unsigned long c, min;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xE0) == 0xC0)
		len = 2, c = p[0] & 0x1F, min = 0x80;
	else if ((p[0] & 0xF0) == 0xE0)
		len = 3, c = p[0] & 0x0F, min = 0x800;
	else if ((p[0] & 0xF8) == 0xF0)
		len = 4, c = p[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Code points that change how the rest of the line looks: C0 and C1
 * controls, DEL, bidi embeddings/overrides/isolates and marks, line and
 * paragraph separators. Tab stays: register dumps align with it, and it
 * moves nothing but the cursor to the next stop. */
static bool unsafe_cp(unsigned long c)
{
	return (c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
	       (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

struct sink {
	FILE *fp;
	char *out;
	size_t size, len;
	bool bad;
};

static void put(struct sink *k, const char *s, size_t n)
{
	if (k->fp) {
		if (fwrite(s, 1, n, k->fp) != n)
			k->bad = true;
	} else if (k->size) {
		size_t room = k->len < k->size - 1 ? k->size - 1 - k->len : 0;
		memcpy(k->out + (k->len < k->size ? k->len : k->size), s, n < room ? n : room);
	}
	k->len += n;
}

static void escape(struct sink *k, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	while (i < n) {
		unsigned long cp;
		size_t len = util_utf8_seq(p + i, n - i, &cp);
		char e[16];
		if (len && !unsafe_cp(cp)) {
			i += len;
			run += len;
			continue;
		}
		put(k, s + i - run, run);
		run = 0;
		if (len == 0 || cp < 0x80)
			snprintf(e, sizeof e, "\\x%02x", p[i]);
		else
			snprintf(e, sizeof e, "\\u{%lx}", cp);
		put(k, e, strlen(e));
		i += len ? len : 1;
	}
	put(k, s + n - run, run);
}

size_t vt_text_escape(const char *s, size_t n, char *out, size_t size)
{
	struct sink k = { NULL, out, size, 0, false };
	escape(&k, s, n);
	if (size)
		out[k.len < size ? k.len : size - 1] = '\0';
	return k.len;
}

const char *vt_text_safe(const char *s, char *buf, size_t size)
{
	vt_text_escape(s ? s : "", s ? strlen(s) : 0, buf, size);
	return buf;
}

int vt_text_write(FILE *fp, const char *s, size_t n)
{
	struct sink k = { fp, NULL, 0, 0, false };
	escape(&k, s, n);
	return k.bad ? -1 : 0;
}

int vt_text_puts(FILE *fp, const char *s)
{
	return vt_text_write(fp, s ? s : "", s ? strlen(s) : 0);
}
