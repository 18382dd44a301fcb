/* A merged report: the bundles report plus per-sled counts. */
#include "report/merge_int.h"

#include <stdlib.h>

#include "report/bundles_json_int.h"
#include "vmtriage/table.h"

cJSON *vt_merge_json(const struct vt_merge *m)
{
	const struct vt_bundles_result *r = &m->result;
	cJSON *o = bnd_report_json(r), *sleds = cJSON_CreateArray(), *merged = cJSON_CreateObject();
	cJSON *cl = cJSON_GetObjectItemCaseSensitive(o, "clusters"), *c;
	size_t i = 0;
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
	return o;
}

/* ID, one count column per sled ("-" for crashes with no sled), SIGNATURE. */
static void sled_table(FILE *fp, const struct vt_style *st, const struct vt_merge *m)
{
	const struct vt_bundles_result *r = &m->result;
	size_t ncols = m->nsleds + 2;
	const char **heads = calloc(ncols, sizeof *heads);
	char **cells = calloc(r->nclusters * ncols + 1, sizeof *cells);
	char *nums = calloc(r->nclusters * m->nsleds + 1, 24);
	if (heads && cells && nums) {
		heads[0] = "id";
		for (size_t s = 0; s < m->nsleds; s++)
			heads[s + 1] = m->sleds[s][0] ? m->sleds[s] : "-";
		heads[ncols - 1] = "signature";
		for (size_t c = 0; c < r->nclusters; c++) {
			char **row = cells + c * ncols;
			row[0] = (char *)r->clusters[c].id;
			for (size_t s = 0; s < m->nsleds; s++) {
				char *num = nums + (c * m->nsleds + s) * 24;
				snprintf(num, 24, "%zu", m->per_sled[c * m->nsleds + s]);
				row[s + 1] = num;
			}
			row[ncols - 1] = (char *)r->clusters[c].signature;
		}
		vt_table_print(fp, st, heads, ncols, (const char *const *)cells, r->nclusters);
	}
	free(heads);
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
