#include "vmtriage/jsonw.h"
#include "vmtriage/output.h"

#include <string.h>

void vt_jw_init(struct vt_jw *w, FILE *fp, bool pretty)
{
	w->fp = fp;
	w->pretty = pretty;
	w->depth = 0;
	w->len = 0;
	w->has_items[0] = false;
}

void vt_jw_flush(struct vt_jw *w)
{
	if (w->len)
		fwrite(w->buf, 1, w->len, w->fp);
	w->len = 0;
}

/* n bytes from s to o without a call, for the short keys of every member:
 * two overlapping fixed-size moves cover 4..16 bytes without reading past
 * s + n. */
static inline void copy_short(char *o, const char *s, size_t n)
{
	if (n >= 8 && n <= 16) {
		memcpy(o, s, 8);
		memcpy(o + n - 8, s + n - 8, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(o, s, 4);
		memcpy(o + n - 4, s + n - 4, 4);
	} else if (n < 4) {
		for (size_t i = 0; i < n; i++)
			o[i] = s[i];
	} else {
		memcpy(o, s, n);
	}
}

static inline void put(struct vt_jw *w, const char *s, size_t n)
{
	if (n <= 8 && w->len + n <= sizeof w->buf) {
		/* Punctuation and numbers: a call to memcpy costs more than the copy. */
		for (size_t i = 0; i < n; i++)
			w->buf[w->len + i] = s[i];
		w->len += n;
		return;
	}
	if (w->len + n > sizeof w->buf) {
		vt_jw_flush(w);
		if (n > sizeof w->buf) {
			fwrite(s, 1, n, w->fp);
			return;
		}
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static inline void putch(struct vt_jw *w, char c)
{
	if (w->len == sizeof w->buf)
		vt_jw_flush(w);
	w->buf[w->len++] = c;
}

static void indent(struct vt_jw *w)
{
	putch(w, '\n');
	for (int i = 0; i < w->depth; i++)
		put(w, "  ", 2);
}

static bool needs_escape(unsigned char c)
{
	/* A table, since this loop runs over every byte of every string. */
	static const bool table[256] = {
		[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
		[0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1,
		[0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
		[0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
		[0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1,
	};
	return table[c];
}

/* Whether any byte of v is < 0x20, '"' or '\\' (the bit tricks from
 * "Bit Twiddling Hacks": exact about existence, not position). */
static bool has_escapable(uint64_t v)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	uint64_t quote = v ^ (ones * '"'), backslash = v ^ (ones * '\\');
	uint64_t below = (v - ones * 0x20) & ~v & highs;
	uint64_t q = (quote - ones) & ~quote & highs;
	uint64_t b = (backslash - ones) & ~backslash & highs;
	return (below | q | b) != 0;
}

static void write_escaped(struct vt_jw *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0, i = 0;
	putch(w, '"');
	/* Skip clean 8-byte words (most text needs no escaping at all). */
	for (; i + 8 <= n; i += 8) {
		uint64_t v;
		memcpy(&v, s + i, 8);
		if (has_escapable(v))
			break;
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!needs_escape(c))
			continue;
		put(w, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': put(w, "\\\"", 2); break;
		case '\\': put(w, "\\\\", 2); break;
		case '\n': put(w, "\\n", 2); break;
		case '\r': put(w, "\\r", 2); break;
		case '\t': put(w, "\\t", 2); break;
		default:
			put(w, "\\u00", 4);
			putch(w, hex[c >> 4]);
			putch(w, hex[c & 15]);
		}
	}
	put(w, s + run, n - run);
	putch(w, '"');
}

/* Separator, indentation and key before a value. */
static void member(struct vt_jw *w, const char *key, size_t n)
{
	if (w->depth > 0) {
		if (w->has_items[w->depth])
			putch(w, ',');
		w->has_items[w->depth] = true;
		if (w->pretty)
			indent(w);
	}
	if (key) {
		/* Keys are the program's own short literals: nothing to escape,
		 * and one bounds check for the whole `"key":` (a hot path). */
		if (n + 4 > sizeof w->buf - w->len) {
			putch(w, '"');
			put(w, key, n);
			put(w, w->pretty ? "\": " : "\":", w->pretty ? 3 : 2);
			return;
		}
		char *o = w->buf + w->len;
		*o++ = '"';
		copy_short(o, key, n);
		o += n;
		*o++ = '"';
		*o++ = ':';
		if (w->pretty)
			*o++ = ' ';
		w->len = (size_t)(o - w->buf);
	}
}

static void open_container(struct vt_jw *w, const char *key, size_t klen, char c)
{
	member(w, key, klen);
	putch(w, c);
	if (w->depth + 1 < VT_JW_MAX_DEPTH)
		w->depth++;
	w->has_items[w->depth] = false;
}

static void close_container(struct vt_jw *w, char c)
{
	bool had = w->has_items[w->depth];
	if (w->depth > 0)
		w->depth--;
	if (w->pretty && had)
		indent(w);
	putch(w, c);
}

void vt_jw_object_begin_k(struct vt_jw *w, const char *key, size_t klen)
{
	open_container(w, key, klen, '{');
}

void vt_jw_object_end(struct vt_jw *w) { close_container(w, '}'); }
void vt_jw_array_begin_k(struct vt_jw *w, const char *key, size_t klen)
{
	open_container(w, key, klen, '[');
}

void vt_jw_array_end(struct vt_jw *w) { close_container(w, ']'); }

void vt_jw_stringn_k(struct vt_jw *w, const char *key, size_t klen, const char *s, size_t n)
{
	member(w, key, klen);
	write_escaped(w, s, n);
}

void vt_jw_literal_k(struct vt_jw *w, const char *key, size_t klen, const char *s)
{
	member(w, key, klen);
	putch(w, '"');
	put(w, s, strlen(s));
	putch(w, '"');
}

void vt_jw_string_k(struct vt_jw *w, const char *key, size_t klen, const char *s)
{
	if (!s) {
		vt_jw_null_k(w, key, klen);
		return;
	}
	vt_jw_stringn_k(w, key, klen, s, strlen(s));
}

void vt_jw_int_k(struct vt_jw *w, const char *key, size_t klen, long long v)
{
	char buf[24], *p = buf + sizeof buf;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	member(w, key, klen);
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	put(w, p, (size_t)(buf + sizeof buf - p));
}

void vt_jw_bool_k(struct vt_jw *w, const char *key, size_t klen, bool v)
{
	member(w, key, klen);
	put(w, v ? "true" : "false", v ? 4 : 5);
}

void vt_jw_null_k(struct vt_jw *w, const char *key, size_t klen)
{
	member(w, key, klen);
	put(w, "null", 4);
}

void vt_jw_hex64_k(struct vt_jw *w, const char *key, size_t klen, uint64_t v)
{
	char buf[16];
	size_t n = vt_hex_u64(v, buf);
	member(w, key, klen);
	put(w, "\"0x", 3);
	put(w, buf, n);
	putch(w, '"');
}

void vt_jw_hexbytes_k(struct vt_jw *w, const char *key, size_t klen, const uint8_t *b, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	member(w, key, klen);
	putch(w, '"');
	for (size_t i = 0; i < n; i++) {
		putch(w, hex[b[i] >> 4]);
		putch(w, hex[b[i] & 15]);
	}
	putch(w, '"');
}

void vt_jw_raw_k(struct vt_jw *w, const char *key, size_t klen, const char *json)
{
	member(w, key, klen);
	put(w, json, strlen(json));
}

void vt_jw_end_document(struct vt_jw *w)
{
	putch(w, '\n');
	vt_jw_flush(w);
}
