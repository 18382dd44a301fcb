/* The run's shared state, below the runner (bundles.c) and its phases
 * (bundles_ext.c, bundles_collect.c): units planned, crashes tagged and
 * filtered into the result. */
#include "report/bundles_int.h"
#include "util/util_int.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool bnd_zone_matches(const struct vt_bundles_opts *o, const char *zone)
{
	if (!o->zone_glob)
		return true;
	return zone && zone[0] && fnmatch(o->zone_glob, zone, 0) == 0;
}

struct bnd_unit *bnd_new_unit(struct bnd_run *run, enum bnd_unit_type type)
{
	if (util_vec_reserve(&run->units, &run->capunits, run->nunits + 1, sizeof *run->units) < 0) {
		run->status = VT_ERR_NOMEM;
		return NULL;
	}
	struct bnd_unit *u = &run->units[run->nunits++];
	memset(u, 0, sizeof *u);
	u->type = type;
	return u;
}

int bnd_add_copy(struct bnd_run *run, struct bnd_unit *u, const struct vt_item *it)
{
	size_t cap = util_vec_cap(u->ncopies);
	if (util_vec_reserve(&u->copies, &cap, u->ncopies + 1, sizeof *u->copies) < 0)
		return run->status = VT_ERR_NOMEM;
	const struct vt_item **v = u->copies;
	/* Largest copy first: a partial replica is the smaller one. */
	size_t i = u->ncopies++;
	while (i > 0 && v[i - 1]->size < it->size) {
		v[i] = v[i - 1];
		i--;
	}
	v[i] = it;
	return VT_OK;
}

int bnd_push_crash(struct bnd_run *run, struct vt_found *f)
{
	struct vt_bundles_result *r = run->r;
	if (util_vec_reserve(&r->crashes, &run->capcrashes, r->ncrashes + 1, sizeof *r->crashes) < 0)
		return run->status = VT_ERR_NOMEM;
	r->crashes[r->ncrashes++] = *f;
	memset(f, 0, sizeof *f);
	return VT_OK;
}

static bool passes_filters(const struct vt_bundles_opts *o, const struct vt_found *f)
{
	if (!bnd_zone_matches(o, f->zone))
		return false;
	if (o->cls >= 0 && (int)f->cls != o->cls)
		return false;
	if (o->since.known && (!f->at.known || vt_timestamp_cmp(&f->at, &o->since) < 0))
		return false;
	if (o->until.known && (!f->at.known || vt_timestamp_cmp(&f->at, &o->until) > 0))
		return false;
	return true;
}

/* The crash's time, placed with the bundle's creation when the log gave
 * no year or date; else the creation time stands for it. */
static void place_time(struct bnd_run *run, struct vt_found *f, const struct vt_timestamp *created)
{
	if (f->crash) {
		vt_crash_place_time(f->crash, created->known ? created : NULL);
		f->at = f->crash->when;
		if (f->crash->time[0] && !f->at.known)
			run->r->unplaced++;
	}
	if (!f->at.known)
		f->at = *created;
	f->when = f->at.known ? f->at.sec : VT_TIME_UNKNOWN;
}

/* Tag a unit's crashes and move the ones that pass the filters. */
size_t bnd_take_crashes(struct bnd_run *run, struct bnd_unit *u, const char *zone, const char *bundle_id,
			   size_t bundle, const char *time_created, enum vt_evidence ev)
{
	size_t kept = 0;
	struct vt_timestamp created = { 0 };
	if (time_created && time_created[0])
		vt_timestamp_parse(time_created, strlen(time_created), NULL, &created);
	for (size_t i = 0; i < u->nfound && run->status == VT_OK; i++) {
		struct vt_found *f = &u->found[i];
		char z[VT_ZONE_MAX] = "";
		if (!zone && !vt_bundle_zone_of_path(f->member, z, sizeof z))
			snprintf(z, sizeof z, "%s", u->zone);
		if (zone)
			snprintf(z, sizeof z, "%s", zone);
		f->zone = z[0] ? strdup(z) : NULL;
		f->bundle_id = bundle_id ? strdup(bundle_id) : NULL;
		f->bundle = bundle;
		f->evidence = ev;
		f->sled = run->o->sled;
		f->rack = run->o->rack;
		char rack[VT_ID_MAX], sled[VT_ID_MAX];
		if (bnd_support_labels(f->member, rack, sled, sizeof rack) ||
		    bnd_support_labels(f->path, rack, sled, sizeof rack)) {
			f->sled = bnd_label(run, sled);
			f->rack = bnd_label(run, rack);
			if (!f->sled || !f->rack)
				run->status = VT_ERR_NOMEM;
		}
		place_time(run, f, &created);
		if (!passes_filters(run->o, f)) {
			vt_found_release(f);
			continue;
		}
		kept++;
		bnd_push_crash(run, f);
	}
	u->nfound = 0;
	return kept;
}
