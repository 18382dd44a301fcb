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
