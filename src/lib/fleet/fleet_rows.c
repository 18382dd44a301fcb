/* JSONEachRow answers as rows of text cells. */
#include "vmtriage/fleet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/util_int.h"

void vt_fleet_rows_release(struct vt_fleet_rows *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	for (size_t i = 0; i < r->ncols * r->nrows; i++)
		free(r->cells[i]);
	free(r->cols);
	free(r->cells);
	free(r->numeric);
	memset(r, 0, sizeof *r);
}

const char *vt_fleet_rows_get(const struct vt_fleet_rows *r, size_t row, const char *name)
{
	for (size_t c = 0; c < r->ncols; c++)
		if (strcmp(r->cols[c], name) == 0)
			return row < r->nrows ? r->cells[row * r->ncols + c] : NULL;
	return NULL;
}

/* Numbers as text: integers exactly (compared as doubles first: casting
 * 1e300 to an integer is undefined), anything else as %.17g. */
static char *cell_of(const cJSON *v)
{
	char buf[64];
	if (!v || cJSON_IsNull(v))
		return NULL;
	if (cJSON_IsString(v))
		return strdup(v->valuestring);
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && d == floor(d))
			snprintf(buf, sizeof buf, "%lld", (long long)d);
		else
			snprintf(buf, sizeof buf, "%.17g", d);
		return strdup(buf);
	}
	if (cJSON_IsBool(v))
		return strdup(cJSON_IsTrue(v) ? "true" : "false");
	return cJSON_PrintUnformatted(v);
}

static int set_columns(struct vt_fleet_rows *r, const cJSON *o)
{
	r->ncols = (size_t)cJSON_GetArraySize(o);
	r->cols = calloc(r->ncols ? r->ncols : 1, sizeof *r->cols);
	if (!r->cols)
		return -1;
	size_t i = 0;
	for (const cJSON *v = o->child; v; v = v->next)
		if (!(r->cols[i++] = strdup(v->string)))
			return -1;
	return 0;
}

/* The capacities of cells and numeric, in cells. */
struct row_caps {
	size_t cells, numeric;
};

static int add_row(struct vt_fleet_rows *r, const cJSON *o, struct row_caps *cap)
{
	size_t ncols = r->ncols ? r->ncols : 1;
	if (r->nrows + 1 > SIZE_MAX / ncols)
		return -1;
	size_t need = (r->nrows + 1) * ncols;
	if (util_vec_reserve(&r->cells, &cap->cells, need, sizeof *r->cells) < 0 ||
	    util_vec_reserve(&r->numeric, &cap->numeric, need, sizeof *r->numeric) < 0)
		return -1;
	char **row = r->cells + r->nrows * r->ncols;
	/* A row that fails half-way is counted (so its cells are freed): the
	 * rest must be NULL, not what realloc left. */
	memset(row, 0, r->ncols * sizeof *row);
	for (size_t c = 0; c < r->ncols; c++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, r->cols[c]);
		row[c] = cell_of(v);
		r->numeric[r->nrows * r->ncols + c] = cJSON_IsNumber(v);
		if (v && !cJSON_IsNull(v) && !row[c]) {
			r->nrows++; /* so the cells so far are freed */
			return -1;
		}
	}
	r->nrows++;
	return 0;
}

static int parse_line(struct vt_fleet_rows *r, const char *line, size_t n, size_t lineno, struct row_caps *cap,
		      struct vt_error *err)
{
	cJSON *o = cJSON_ParseWithLength(line, n);
	int rc = VT_OK;
	if (!cJSON_IsObject(o))
		rc = vt_error_set(err, VT_ERR_INPUT, "line %zu: not a JSON object: %.80s", lineno, line);
	else if (!r->cols && set_columns(r, o) < 0)
		rc = vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	else if (add_row(r, o, cap) < 0)
		rc = vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	cJSON_Delete(o);
	return rc;
}

int vt_fleet_rows_parse(const char *text, struct vt_fleet_rows *out, struct vt_error *err)
{
	struct row_caps cap = { 0 };
	size_t lineno = 0;
	memset(out, 0, sizeof *out);
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		lineno++;
		if (strspn(p, " \t\r") < n) {
			int rc = parse_line(out, p, n, lineno, &cap, err);
			if (rc != VT_OK) {
				vt_fleet_rows_release(out);
				return rc;
			}
		}
		p += n + (p[n] == '\n');
	}
	return VT_OK;
}
