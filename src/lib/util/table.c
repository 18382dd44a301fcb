/* Aligned text tables. */
#include "vmtriage/table.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#define VT_TABLE_COL_MAX 60

static const char *cell_text(const char *s)
{
	return s ? s : "-";
}

/* A column is numeric when every cell is digits (or "-"): right-align it. */
static bool numeric_column(const char *const *cells, size_t ncols, size_t col, size_t nrows)
{
	for (size_t r = 0; r < nrows; r++) {
		const char *s = cell_text(cells[r * ncols + col]);
		if (strcmp(s, "-") == 0)
			continue;
		if (!*s || strspn(s, "0123456789") != strlen(s))
			return false;
	}
	return nrows > 0;
}

/* Cells come from a database or a report: escaped, width counted escaped. */
static size_t safe_len(const char *s)
{
	return vt_text_escape(s, strlen(s), NULL, 0);
}

static void put_cell(FILE *fp, const char *raw, size_t w, bool right, bool last)
{
	char s[4 * VT_TABLE_COL_MAX + 64];
	size_t len = vt_text_escape(raw, strlen(raw), s, sizeof s);
	if (len > w) {
		size_t cut = w - 3;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--; /* not inside a UTF-8 sequence */
		fprintf(fp, "%.*s...", (int)cut, s);
		return;
	}
	if (right)
		fprintf(fp, "%*s", (int)w, s);
	else if (last)
		fputs(s, fp);
	else
		fprintf(fp, "%-*s", (int)w, s);
}

static void put_header(FILE *fp, const char *h, size_t w, bool right, bool last)
{
	char up[VT_TABLE_COL_MAX + 1];
	size_t i = 0;
	for (; h[i] && i < VT_TABLE_COL_MAX; i++)
		up[i] = (char)toupper((unsigned char)h[i]);
	up[i] = '\0';
	put_cell(fp, up, w, right, last);
}

void vt_table_print(FILE *fp, const struct vt_style *st, const char *const *headers, size_t ncols,
		    const char *const *cells, size_t nrows)
{
	/* Any number of columns: a fixed cap once printed the cells past it on
	 * the next row (the row stride must stay ncols). */
	size_t *w = calloc(ncols ? ncols : 1, sizeof *w);
	bool *right = calloc(ncols ? ncols : 1, sizeof *right);
	if (!w || !right) {
		free(w);
		free(right);
		return;
	}
	for (size_t c = 0; c < ncols; c++) {
		w[c] = safe_len(headers[c]);
		for (size_t r = 0; r < nrows; r++) {
			size_t len = safe_len(cell_text(cells[r * ncols + c]));
			w[c] = len > w[c] ? len : w[c];
		}
		w[c] = w[c] > VT_TABLE_COL_MAX ? VT_TABLE_COL_MAX : w[c];
		right[c] = numeric_column(cells, ncols, c, nrows);
	}
	fputs(vt_sgr(st, VT_SGR_BOLD), fp);
	for (size_t c = 0; c < ncols; c++) {
		put_header(fp, headers[c], w[c], right[c], c + 1 == ncols);
		fputs(c + 1 == ncols ? "" : " ", fp);
	}
	fprintf(fp, "%s\n", vt_sgr(st, VT_SGR_RESET));
	for (size_t r = 0; r < nrows; r++) {
		for (size_t c = 0; c < ncols; c++) {
			put_cell(fp, cell_text(cells[r * ncols + c]), w[c], right[c], c + 1 == ncols);
			fputs(c + 1 == ncols ? "" : " ", fp);
		}
		fputc('\n', fp);
	}
	free(w);
	free(right);
}
