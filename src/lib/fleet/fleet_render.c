/* Fleet answers as text: signature answers in the bundles summary table,
 * anything else as aligned columns. */
#include "vmtriage/fleet.h"

#include <stdlib.h>
#include <string.h>

#include "vmtriage/bundle.h"
#include "vmtriage/bundles_report.h"
#include "vmtriage/table.h"
#include "util/util_int.h"

bool vt_fleet_rows_are_signatures(const struct vt_fleet_rows *r)
{
	bool sig = false, count = false;
	for (size_t c = 0; c < r->ncols; c++) {
		sig |= strcmp(r->cols[c], "signature") == 0;
		count |= strcmp(r->cols[c], "count") == 0;
	}
	return sig && count;
}

/* A count: digits only, at most 2^53 (ClickHouse's UInt64 as it prints it). */
static int count_of(const struct vt_fleet_rows *r, size_t row, const char *col, size_t *out, struct vt_error *err)
{
	const char *s = vt_fleet_rows_get(r, row, col);
	uint64_t v = 0;
	size_t used = 0;
	if (s && (!util_parse_u64(s, strlen(s), 10, &v, &used) || s[used] || v > (1ull << 53)))
		return vt_error_set(err, VT_ERR_INPUT, "row %zu: \"%s\" is %.40s, not a count", row + 1, col, s);
	*out = (size_t)v;
	return VT_OK;
}

static int64_t time_of(const char *s)
{
	int64_t t;
	return s && vt_bundle_time_parse(s, &t) ? t : VT_TIME_UNKNOWN;
}

int vt_fleet_rows_clusters(const struct vt_fleet_rows *r, struct vt_cluster **out, size_t *n, struct vt_error *err)
{
	struct vt_cluster *v = calloc(r->nrows ? r->nrows : 1, sizeof *v);
	*out = NULL;
	*n = 0;
	if (!v)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < r->nrows; i++) {
		struct vt_cluster *c = &v[i];
		const char *sig = vt_fleet_rows_get(r, i, "signature"), *id = vt_fleet_rows_get(r, i, "signature_id");
		snprintf(c->signature, sizeof c->signature, "%s", sig ? sig : "");
		if (id)
			snprintf(c->id, sizeof c->id, "%s", id);
		else
			vt_cluster_hash(c->signature, NULL, 0, c->id);
		if (count_of(r, i, "count", &c->count, err) != VT_OK || count_of(r, i, "zones", &c->nzones, err) != VT_OK) {
			vt_cluster_free(v, r->nrows);
			return err->status;
		}
		c->first = time_of(vt_fleet_rows_get(r, i, "first_seen"));
		c->last = time_of(vt_fleet_rows_get(r, i, "last_seen"));
	}
	*out = v;
	*n = r->nrows;
	return VT_OK;
}

int vt_fleet_rows_text(FILE *fp, const struct vt_style *st, const struct vt_fleet_rows *r, struct vt_error *err)
{
	if (!r->nrows) {
		fprintf(fp, "(no rows)\n");
		return VT_OK;
	}
	if (!vt_fleet_rows_are_signatures(r)) {
		vt_table_print(fp, st, (const char *const *)r->cols, r->ncols, (const char *const *)r->cells, r->nrows);
		return VT_OK;
	}
	struct vt_cluster *c;
	size_t n;
	int rc = vt_fleet_rows_clusters(r, &c, &n, err);
	if (rc == VT_OK)
		vt_bundles_summary_table(fp, st, c, n);
	vt_cluster_free(c, n);
	return rc;
}
