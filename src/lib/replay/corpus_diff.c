/* The line diff bless shows between a stored expectation and a fresh one
 * (check's first difference is replay_json_first_diff, replay_diff.c). */
#include <stdlib.h>
#include <string.h>

#include "util/json_int.h"
#include "vmtriage/corpus.h"
#include "util/util_int.h"
#include "vmtriage/output.h"

/* ---- Line diff: common head and tail trimmed, one hunk for the middle.
 * Expectations change in one place at a time, so one hunk reads well. */

struct lines {
	char *text;
	char **v; /* into text */
	size_t n, cap;
};

static int split(const cJSON *value, struct lines *l)
{
	memset(l, 0, sizeof *l);
	if (!value)
		return 0; /* no old file: every line is new */
	if (!(l->text = cJSON_Print(value)))
		return -1;
	for (char *p = l->text; p && *p;) {
		char *nl = strchr(p, '\n');
		if (util_vec_reserve(&l->v, &l->cap, l->n + 1, sizeof *l->v) < 0)
			return -1;
		l->v[l->n++] = p;
		if (nl)
			*nl = '\0';
		p = nl ? nl + 1 : NULL;
	}
	return 0;
}

static void lines_release(struct lines *l)
{
	if (!l)
		return;
	free(l->text);
	free(l->v);
}

#define CONTEXT 3

/* One diff line. Values and labels come from the corpus: cJSON escapes C0
 * controls in strings, not bidi controls, C1 or invalid UTF-8, so every
 * line goes through the one terminal escape. */
static void put_line(FILE *fp, const char *mark, const char *text)
{
	fputs(mark, fp);
	vt_text_puts(fp, text);
	fputc('\n', fp);
}

static void hunk(FILE *fp, const struct lines *o, const struct lines *n, size_t head, size_t tail)
{
	size_t from = head > CONTEXT ? head - CONTEXT : 0;
	size_t oend = o->n - tail, nend = n->n - tail;
	size_t oto = oend + (tail < CONTEXT ? tail : CONTEXT), nto = nend + (tail < CONTEXT ? tail : CONTEXT);

	/* A side with no lines is numbered by the line before it (GNU diff):
	 * a new file is "-0,0". */
	size_t ocount = oto - from, ncount = nto - from;
	fprintf(fp, "@@ -%zu,%zu +%zu,%zu @@\n", ocount ? from + 1 : from, ocount, ncount ? from + 1 : from, ncount);
	for (size_t i = from; i < head; i++)
		put_line(fp, " ", o->v[i]);
	for (size_t i = head; i < oend; i++)
		put_line(fp, "-", o->v[i]);
	for (size_t i = head; i < nend; i++)
		put_line(fp, "+", n->v[i]);
	for (size_t i = oend; i < oto; i++)
		put_line(fp, " ", o->v[i]);
}

int vt_json_line_diff(FILE *fp, const char *old_label, const struct vt_json *old_value,
		      const char *new_label, const struct vt_json *new_value)
{
	struct lines o = { 0 }, n = { 0 };
	size_t head = 0, tail = 0;
	int rc = -1;

	if (split(util_cjson_const(old_value), &o) == 0 && split(util_cjson_const(new_value), &n) == 0) {
		/* Lines shared at both ends are context, the rest one hunk. */
		while (head < o.n && head < n.n && strcmp(o.v[head], n.v[head]) == 0)
			head++;
		while (tail < o.n - head && tail < n.n - head &&
		       strcmp(o.v[o.n - 1 - tail], n.v[n.n - 1 - tail]) == 0)
			tail++;
		rc = 0;
		if (head < o.n || head < n.n) {
			fputs("--- ", fp);
			put_line(fp, "", old_value ? old_label : "/dev/null");
			fputs("+++ ", fp);
			put_line(fp, "", new_label);
			hunk(fp, &o, &n, head, tail);
		}
		rc = ferror(fp) ? -1 : 0;
	}
	lines_release(&o);
	lines_release(&n);
	return rc;
}
