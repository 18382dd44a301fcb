/* Dedupe by the fleet key, cluster with the bundles clustering, count
 * crashes per sled. */
#include "report/merge_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>


/* The dedupe key, the same as the ClickHouse table's: zone, bundle id
 * (for a log with neither zone nor bundle: its path), member, line. */
static int cmp_key(const struct vt_found *a, const struct vt_found *b)
{
	const char *ba = a->bundle_id ? a->bundle_id : a->zone ? "" : a->path;
	const char *bb = b->bundle_id ? b->bundle_id : b->zone ? "" : b->path;
	int c = strcmp(a->zone ? a->zone : "", b->zone ? b->zone : "");
	if (!c)
		c = strcmp(ba, bb);
	if (!c)
		c = strcmp(a->member, b->member);
	if (!c)
		c = a->line < b->line ? -1 : a->line > b->line;
	return c;
}

/* qsort has no context argument in POSIX: the array is handed over here. */
static const struct vt_found *sort_crashes;
static pthread_mutex_t sort_lock = PTHREAD_MUTEX_INITIALIZER;

static int cmp_index(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int c = cmp_key(&sort_crashes[i], &sort_crashes[j]);
	return c ? c : (i < j ? -1 : i > j); /* the first seen is kept */
}

/* Drop later copies of a key, keeping the input order. */
static int dedupe(struct vt_merge *m)
{
	struct vt_bundles_result *r = &m->result;
	size_t n = r->ncrashes, *idx = malloc((n ? n : 1) * sizeof *idx), k = 0;
	bool *drop = calloc(n ? n : 1, sizeof *drop);
	if (!idx || !drop) {
		free(idx);
		free(drop);
		return VT_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	pthread_mutex_lock(&sort_lock);
	sort_crashes = r->crashes;
	qsort(idx, n, sizeof *idx, cmp_index);
	for (size_t i = 1; i < n; i++)
		drop[idx[i]] = cmp_key(&r->crashes[idx[i - 1]], &r->crashes[idx[i]]) == 0;
	pthread_mutex_unlock(&sort_lock);
	for (size_t i = 0; i < n; i++) {
		if (drop[i])
			vt_found_free(&r->crashes[i]);
		else
			r->crashes[k++] = r->crashes[i];
	}
	m->duplicates = n - k;
	r->ncrashes = k;
	free(idx);
	free(drop);
	return VT_OK;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t sled_index(const struct vt_merge *m, const char *sled)
{
	for (size_t i = 0; i < m->nsleds; i++)
		if (strcmp(m->sleds[i], sled ? sled : "") == 0)
			return i;
	return 0;
}

static int per_sled(struct vt_merge *m)
{
	const struct vt_bundles_result *r = &m->result;
	for (size_t i = 0; i < r->ncrashes; i++)
		if (merge_add_string(&m->sleds, &m->nsleds, r->crashes[i].sled ? r->crashes[i].sled : "") < 0)
			return VT_ERR_NOMEM;
	qsort(m->sleds, m->nsleds, sizeof *m->sleds, cmp_str);
	m->per_sled = calloc(r->nclusters * m->nsleds + 1, sizeof *m->per_sled);
	if (!m->per_sled)
		return VT_ERR_NOMEM;
	for (size_t c = 0; c < r->nclusters; c++)
		for (size_t k = 0; k < r->clusters[c].count; k++)
			m->per_sled[c * m->nsleds + sled_index(m, r->crashes[r->clusters[c].crashes[k]].sled)]++;
	return VT_OK;
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

void vt_merge_free(struct vt_merge *m)
{
	vt_bundles_result_free(&m->result);
	for (size_t i = 0; i < m->nsleds; i++)
		free(m->sleds[i]);
	for (size_t i = 0; i < m->nlabels; i++)
		free(m->labels[i]);
	free(m->sleds);
	free(m->labels);
	free(m->per_sled);
	memset(m, 0, sizeof *m);
}
