#include "vmtriage/output.h"

#include <stdlib.h>
#include <string.h>

void vt_out_wrap(FILE *fp, const struct vt_style *style, unsigned indent, unsigned first_col,
		 const char *text)
{
	unsigned width = style && style->width && style->width < VT_PROSE_WIDTH ? style->width : VT_PROSE_WIDTH;
	unsigned col = first_col;
	const char *p = text;

	if (width < indent + 20)
		width = indent + 20;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		size_t wl = strcspn(p, " ");
		if (col > indent && col + 1 + wl > width) {
			fprintf(fp, "\n%*s", (int)indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', fp);
			col++;
		} else if (col < indent) {
			fprintf(fp, "%*s", (int)(indent - col), "");
			col = indent;
		}
		fwrite(p, 1, wl, fp);
		col += (unsigned)wl;
		p += wl;
	}
	fputc('\n', fp);
}

void vt_hex_bytes(const uint8_t *bytes, size_t n, char sep, char *buf, size_t bufsize)
{
	static const char digits[] = "0123456789abcdef";
	size_t o = 0;
	if (bufsize == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		size_t need = (sep && i) ? 3 : 2;
		if (o + need + 1 > bufsize)
			break;
		if (sep && i)
			buf[o++] = sep;
		buf[o++] = digits[bytes[i] >> 4];
		buf[o++] = digits[bytes[i] & 15];
	}
	buf[o] = '\0';
}

size_t vt_hex_u64(uint64_t v, char out[16])
{
	static const char digits[] = "0123456789abcdef";
	char tmp[16];
	size_t n = 0;
	do {
		tmp[n++] = digits[v & 15];
		v >>= 4;
	} while (v);
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}

cJSON *vt_json_hex64(uint64_t v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)v);
	return cJSON_CreateString(buf);
}

cJSON *vt_json_add_string_or_null(cJSON *obj, const char *key, const char *s)
{
	return s ? cJSON_AddStringToObject(obj, key, s) : cJSON_AddNullToObject(obj, key);
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];
	if (c < 0x80)
		return 1;
	/* The second byte's range depends on the lead (no overlongs, no
	 * surrogates, nothing past U+10FFFF); a NUL ends the text early. */
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
	else
		return 0;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

/* Logs hold whatever a crashed system wrote, and cJSON copies bytes >= 0x80
 * into strings as they are: make the text valid UTF-8 (JSON requires it) by
 * turning each byte of an invalid sequence into '?'. */
static void utf8_scrub(char *s)
{
	unsigned char *p = (unsigned char *)s;
	while (*p) {
		size_t n = utf8_len(p);
		if (n == 0)
			*p++ = '?';
		else
			p += n;
	}
}

int vt_json_print(FILE *fp, const cJSON *value, enum vt_format fmt)
{
	char *s = fmt == VT_FORMAT_NDJSON ? cJSON_PrintUnformatted(value) : cJSON_Print(value);
	int rc = 0;
	if (!s)
		return -1;
	utf8_scrub(s);
	if (fputs(s, fp) == EOF || fputc('\n', fp) == EOF)
		rc = -1;
	free(s);
	return rc;
}

const char *vt_sgr(const struct vt_style *style, const char *code)
{
	static const struct { const char *code, *seq; } table[] = {
		{ VT_SGR_BOLD, "\033[1m" }, { VT_SGR_RED, "\033[31m" }, { VT_SGR_GREEN, "\033[32m" },
		{ VT_SGR_YELLOW, "\033[33m" }, { VT_SGR_CYAN, "\033[36m" }, { VT_SGR_DIM, "\033[2m" },
		{ VT_SGR_RESET, "\033[0m" },
	};
	if (!style || !style->color)
		return "";
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].code, code) == 0)
			return table[i].seq;
	return "";
}
