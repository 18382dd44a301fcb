/* Collecting units into the result, in unit order: bundles deduplicated by
 * zone + bundle id, crashes tagged, warnings kept in order. */
#include "report/bundles_int.h"
#include "util/util_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t find_bundle(const struct bnd_run *run, const char *zone, const char *id)
{
	char key[VT_ZONE_MAX + VT_ID_MAX + 2];
	size_t i;
	return util_strmap_has(&run->bundle_of_id, util_strmap_key2(zone, id, key, sizeof key), &i) ? i : SIZE_MAX;
}

static int by_walk_order(const void *a, const void *b)
{
	const struct vt_item *x = *(const struct vt_item *const *)a, *y = *(const struct vt_item *const *)b;
	return x < y ? -1 : x > y;
}

static struct vt_bundle_rec *new_bundle(struct bnd_run *run, const char *zone, const char *id)
{
	struct vt_bundles_result *r = run->r;
	if (util_vec_reserve(&r->bundles, &run->capbundles, r->nbundles + 1, sizeof *r->bundles) < 0)
		return NULL;
	struct vt_bundle_rec *b = &r->bundles[r->nbundles];
	char key[VT_ZONE_MAX + VT_ID_MAX + 2];
	if (util_strmap_add(&run->bundle_of_id, util_strmap_key2(zone, id, key, sizeof key), r->nbundles, NULL) < 0)
		return NULL;
	memset(b, 0, sizeof *b);
	b->zone = strdup(zone);
	b->bundle_id = strdup(id);
	if (!b->zone || !b->bundle_id) {
		free(b->zone);
		free(b->bundle_id);
		return NULL;
	}
	r->nbundles++;
	return b;
}

static void collect_bundle(struct bnd_run *run, struct bnd_unit *u)
{
	const char *zone = u->has_meta ? u->meta.zone : u->zone, *id = u->has_meta ? u->meta.bundle_id : u->id;
	char base[VT_ID_MAX];
	if (!id[0]) {
		/* An extracted bundle without readable metadata: its directory name. */
		const char *s = strrchr(u->copies[0]->path, '/');
		snprintf(base, sizeof base, "%s", s ? s + 1 : u->copies[0]->path);
		id = base;
	}
	if (!bnd_zone_matches(run->o, zone))
		return;
	if (!u->has_meta && !u->members)
		return; /* no copy could be read at all: detritus, already a warning */
	qsort(u->copies, u->ncopies, sizeof *u->copies, by_walk_order);
	size_t bi = find_bundle(run, zone, id);
	bool seen = bi != SIZE_MAX;
	struct vt_bundle_rec *b = seen ? &run->r->bundles[bi] : new_bundle(run, zone, id);
	if (!b) {
		run->status = VT_ERR_NOMEM;
		return;
	}
	for (size_t k = 0; k < u->ncopies; k++)
		if (util_strv_push(&b->paths, &b->npaths, u->copies[k]->path) < 0)
			run->status = VT_ERR_NOMEM;
	if (seen)
		return; /* the same bundle under another name: counted once */
	bi = (size_t)(b - run->r->bundles);
	b->has_meta = u->has_meta;
	b->meta = u->meta;
	b->members = u->members;
	b->logs = u->logs;
	b->propolis_log = u->propolis_log;
	b->damaged = u->damaged;
	b->crashes = u->nfound;
	bnd_take_crashes(run, u, zone, id, bi, u->has_meta ? u->meta.time_created : NULL, VT_EVIDENCE_BUNDLE);
}

void bnd_collect(struct bnd_run *run, size_t from, size_t to)
{
	for (size_t i = from; i < to && run->status == VT_OK; i++) {
		struct bnd_unit *u = &run->units[i];
		switch (u->type) {
		case BND_UNIT_BUNDLE:
		case BND_UNIT_BUNDLE_DIR:
			collect_bundle(run, u);
			break;
		case BND_UNIT_ZIP:
			bnd_take_crashes(run, u, NULL, u->id[0] ? u->id : NULL, SIZE_MAX, NULL, VT_EVIDENCE_SUPPORT);
			break;
		case BND_UNIT_LOG: /* in an extracted support bundle: its bundle_id.txt */
			bnd_take_crashes(run, u, u->zone, u->ncopies ? bnd_support_dir_id(run, u->copies[0]->path) : NULL,
					 SIZE_MAX, NULL, VT_EVIDENCE_LOG);
			break;
		case BND_UNIT_EXT_LOG:
			break; /* see bundles_ext.c */
		}
		if (u->damaged)
			run->r->damaged++;
		if (vt_warnings_move(&run->r->warnings, &u->warn) < 0)
			run->status = VT_ERR_NOMEM;
	}
}

int vt_bundles_cluster(struct vt_bundles_result *r)
{
	struct vt_cluster_input *in = calloc(r->ncrashes ? r->ncrashes : 1, sizeof *in);
	char (*keys)[VT_ZONE_MAX + VT_ID_MAX] = calloc(r->ncrashes ? r->ncrashes : 1, sizeof *keys);
	if (!in || !keys) {
		free(in);
		free(keys);
		return VT_ERR_NOMEM;
	}
	for (size_t i = 0; i < r->ncrashes; i++) {
		const struct vt_found *f = &r->crashes[i];
		/* Distinct bundles: zone/bundle-id, or the file for other evidence. */
		if (f->bundle_id)
			snprintf(keys[i], sizeof keys[i], "%s/%s", f->zone ? f->zone : "", f->bundle_id);
		else
			snprintf(keys[i], sizeof keys[i], "%s", f->path);
		in[i] = (struct vt_cluster_input){ f->signature, f->kind, f->cls, f->form, f->zone, keys[i], f->when,
						   f->inst, f->ninst, f->redacted, f->at };
	}
	vt_cluster_free(r->clusters, r->nclusters);
	r->clusters = NULL;
	r->nclusters = 0;
	int rc = vt_cluster_build(in, r->ncrashes, &r->clusters, &r->nclusters) < 0 ? VT_ERR_NOMEM : VT_OK;
	free(in);
	free(keys);
	return rc;
}

void vt_bundles_result_release(struct vt_bundles_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ncrashes; i++)
		vt_found_release(&r->crashes[i]);
	free(r->crashes);
	for (size_t i = 0; i < r->nbundles; i++) {
		struct vt_bundle_rec *b = &r->bundles[i];
		for (size_t k = 0; k < b->npaths; k++)
			free(b->paths[k]);
		for (size_t k = 0; k < b->next_logs; k++)
			free(b->ext_logs[k]);
		for (size_t k = 0; k < b->ncores; k++)
			free(b->cores[k].path);
		free(b->paths);
		free(b->ext_logs);
		free(b->cores);
		free(b->zone);
		free(b->bundle_id);
	}
	free(r->bundles);
	vt_cluster_free(r->clusters, r->nclusters);
	util_strv_release(&r->labels, &r->nlabels);
	free(r->assessments);
	vt_warnings_release(&r->warnings);
	memset(r, 0, sizeof *r);
}
