/* Dedupe by the fleet key, cluster with the bundles clustering, count
 * crashes per sled. */
#include "report/merge_int.h"

#include <stdlib.h>
#include <string.h>

#include "vmtriage/decode.h"

/* The rule bundles uses (found_dedupe.c): the first copy of a key is kept. */
static int dedupe(struct vt_merge *m)
{
	struct vt_bundles_result *r = &m->result;
	return vt_found_dedupe(r->crashes, &r->ncrashes, &m->duplicates);
}

/* The distinct sled labels, sorted, and an index to them. */
static int list_sleds(struct vt_merge *m, struct util_strmap *ix)
{
	const struct vt_bundles_result *r = &m->result;
	for (size_t i = 0; i < r->ncrashes; i++) {
		const char *s = r->crashes[i].sled ? r->crashes[i].sled : "";
		if (util_strmap_get(ix, s) != SIZE_MAX)
			continue;
		if (util_strmap_put(ix, s, 0) == SIZE_MAX || util_strv_push(&m->sleds, &m->nsleds, s) < 0)
			return VT_ERR_NOMEM;
	}
	util_strv_sort(m->sleds, m->nsleds);
	util_strmap_release(ix);
	for (size_t i = 0; i < m->nsleds; i++)
		if (util_strmap_put(ix, m->sleds[i], i) == SIZE_MAX)
			return VT_ERR_NOMEM;
	return VT_OK;
}

static int per_sled(struct vt_merge *m)
{
	const struct vt_bundles_result *r = &m->result;
	struct util_strmap ix = { 0 };
	int rc = list_sleds(m, &ix);
	if (rc == VT_OK && !(m->per_sled = calloc(r->nclusters * m->nsleds + 1, sizeof *m->per_sled)))
		rc = VT_ERR_NOMEM;
	for (size_t c = 0; rc == VT_OK && c < r->nclusters; c++)
		for (size_t k = 0; k < r->clusters[c].count; k++) {
			const char *s = r->crashes[r->clusters[c].crashes[k]].sled;
			m->per_sled[c * m->nsleds + util_strmap_get(&ix, s ? s : "")]++;
		}
	util_strmap_release(&ix);
	return rc;
}

int vt_merge_finish(struct vt_merge *m, struct vt_error *err)
{
	struct vt_bundles_result *r = &m->result;
	if (dedupe(m) != VT_OK)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < r->nbundles; i++)
		r->bundles[i].crashes = 0;
	for (size_t i = 0; i < r->ncrashes; i++)
		if (r->crashes[i].bundle < r->nbundles)
			r->bundles[r->crashes[i].bundle].crashes++;
	if (vt_bundles_cluster(r) != VT_OK || per_sled(m) != VT_OK)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	return VT_OK;
}

void vt_merge_release(struct vt_merge *m)
{
	if (!m)
		return;
	vt_bundles_result_release(&m->result);
	util_strv_release(&m->sleds, &m->nsleds);
	util_strv_release(&m->labels, &m->nlabels);
	free(m->per_sled);
	if (m->index) {
		util_strmap_release(&m->index->bundles);
		util_strmap_release(&m->index->labels);
		util_strmap_release(&m->index->warnings);
		free(m->index);
	}
	vt_decoder_free(m->decoder);
	memset(m, 0, sizeof *m);
}
