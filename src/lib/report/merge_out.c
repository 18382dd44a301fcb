/* A merged report: the bundles report plus per-sled counts. */
#include "report/merge_int.h"

#include <stdlib.h>

#include "report/bundles_json_int.h"
#include "util/json_int.h"
#include "vmtriage/table.h"

struct vt_json *vt_merge_json(const struct vt_merge *m)
{
	const struct vt_bundles_result *r = &m->result;
	cJSON *o = bnd_report_json(r), *sleds = cJSON_CreateArray(), *merged = cJSON_CreateObject();
	cJSON *cl = cJSON_GetObjectItemCaseSensitive(o, "clusters"), *c, *tmp = cJSON_CreateObject();
	size_t i = 0;
	/* The schema first, replacing the bundles report's own. */
	cJSON_DeleteItemFromObjectCaseSensitive(o, "schema");
	cJSON_AddStringToObject(tmp, "schema", "vmtriage.merge.v2");
	cJSON_InsertItemInArray(o, 0, cJSON_DetachItemFromObjectCaseSensitive(tmp, "schema"));
	cJSON_Delete(tmp);
	for (size_t s = 0; s < m->nsleds; s++)
		cJSON_AddItemToArray(sleds, cJSON_CreateString(m->sleds[s]));
	cJSON_AddItemToObject(o, "sleds", sleds);
	cJSON_ArrayForEach(c, cl) {
		cJSON *per = cJSON_CreateObject();
		for (size_t s = 0; s < m->nsleds; s++)
			cJSON_AddNumberToObject(per, m->sleds[s], (double)m->per_sled[i * m->nsleds + s]);
		cJSON_AddItemToObject(c, "sleds", per);
		i++;
	}
	cJSON_AddNumberToObject(merged, "reports", (double)m->reports);
	cJSON_AddNumberToObject(merged, "rows", (double)m->rows);
	cJSON_AddNumberToObject(merged, "duplicates", (double)m->duplicates);
	cJSON_AddItemToObject(o, "merged", merged);
	return util_json(o);
}

/* One row per sled and signature (a wide column per sled does not fit
 * a fleet whose sled ids are UUIDs); sled ids as given, "-" unlabelled. */
static void sled_table(FILE *fp, const struct vt_style *st, const struct vt_merge *m)
{
	const struct vt_bundles_result *r = &m->result;
	static const char *const heads[] = { "sled", "count", "id", "signature" };
	size_t cap = r->nclusters * m->nsleds + 1, n = 0;
	const char **cells = calloc(cap * 4, sizeof *cells);
	char (*nums)[24] = calloc(cap, sizeof *nums);
	for (size_t s = 0; cells && nums && s < m->nsleds; s++)
		for (size_t c = 0; c < r->nclusters; c++) {
			size_t count = m->per_sled[c * m->nsleds + s];
			if (!count)
				continue;
			snprintf(nums[n], sizeof nums[n], "%zu", count);
			const char **row = cells + n * 4;
			row[0] = m->sleds[s][0] ? m->sleds[s] : "-";
			row[1] = nums[n];
			row[2] = r->clusters[c].id;
			row[3] = r->clusters[c].signature;
			n++;
		}
	if (cells && nums)
		vt_table_print(fp, st, heads, 4, cells, n);
	free(cells);
	free(nums);
}

void vt_merge_text(FILE *fp, const struct vt_style *st, const struct vt_merge *m)
{
	const struct vt_bundles_result *r = &m->result;
	fprintf(fp, "%zu report%s, %zu sled%s: %zu crash%s (%zu duplicate%s dropped), %zu signature%s, %zu zone bundle%s\n",
		m->reports, m->reports == 1 ? "" : "s", m->nsleds, m->nsleds == 1 ? "" : "s", r->ncrashes,
		r->ncrashes == 1 ? "" : "es", m->duplicates, m->duplicates == 1 ? "" : "s", r->nclusters,
		r->nclusters == 1 ? "" : "s", r->nbundles, r->nbundles == 1 ? "" : "s");
	if (!r->nclusters)
		return;
	fputc('\n', fp);
	vt_bundles_summary_table(fp, st, r->clusters, r->nclusters);
	fprintf(fp, "\n%sCrashes per sled%s\n", vt_sgr(st, VT_SGR_BOLD), vt_sgr(st, VT_SGR_RESET));
	sled_table(fp, st, m);
	if (r->warnings.n)
		fprintf(fp, "\n%zu warning%s in the reports (see --json)\n", r->warnings.n, r->warnings.n == 1 ? "" : "s");
}
