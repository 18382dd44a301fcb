/* The runner: plan units from the walk, read them in parallel, merge in
 * order, add ext evidence, filter, cluster. */
#include "report/bundles_impl.h"
#include "util/vec.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *vt_evidence_name(enum vt_evidence e)
{
	static const char *const names[] = { "bundle", "ext-log", "support-bundle", "log" };
	return (unsigned)e <= VT_EVIDENCE_LOG ? names[e] : "?";
}

void vt_bundles_opts_default(struct vt_bundles_opts *o)
{
	memset(o, 0, sizeof *o);
	vt_source_limits_default(&o->limits);
	o->since = o->until = VT_TIME_UNKNOWN;
	o->cls = -1;
}

bool vt_run_zone_matches(const struct vt_bundles_opts *o, const char *zone)
{
	if (!o->zone_glob)
		return true;
	return zone && zone[0] && fnmatch(o->zone_glob, zone, 0) == 0;
}

struct unit *vt_run_new_unit(struct run *run, enum unit_type type)
{
	if (vt_vec_reserve(&run->units, &run->capunits, run->nunits + 1, sizeof *run->units) < 0) {
		run->status = VT_ERR_NOMEM;
		return NULL;
	}
	struct unit *u = &run->units[run->nunits++];
	memset(u, 0, sizeof *u);
	u->type = type;
	return u;
}

int vt_run_add_copy(struct run *run, struct unit *u, const struct vt_item *it)
{
	const struct vt_item **v = realloc(u->copies, (u->ncopies + 1) * sizeof *v);
	if (!v)
		return run->status = VT_ERR_NOMEM;
	u->copies = v;
	/* Largest copy first: a partial replica is the smaller one. */
	size_t i = u->ncopies++;
	while (i > 0 && v[i - 1]->size < it->size) {
		v[i] = v[i - 1];
		i--;
	}
	v[i] = it;
	return VT_OK;
}

/* Replicas share ".../<zone>/<bundle-id>.tar.gz" (hashed: a sled can
 * hold 100,000s of bundles). */
static struct unit *find_bundle_unit(struct run *run, const char *zone, const char *id)
{
	char key[VT_ZONE_MAX + VT_ID_MAX + 2];
	size_t i;
	if (!vt_strmap_get(&run->unit_of_bundle, vt_strmap_key2(zone, id, key, sizeof key), &i))
		return NULL;
	return &run->units[i];
}

static void plan_bundle(struct run *run, const struct vt_item *it)
{
	char zone[VT_ZONE_MAX] = "", id[VT_ID_MAX] = "", key[VT_ZONE_MAX + VT_ID_MAX + 2];
	bool named = vt_bundle_id_of_path(it->path, zone, sizeof zone, id, sizeof id);
	struct unit *u = named ? find_bundle_unit(run, zone, id) : NULL;
	if (named && !vt_run_zone_matches(run->o, zone) && vt_bundle_is_zone_name(zone))
		return;
	if (!u && !(u = vt_run_new_unit(run, UNIT_BUNDLE)))
		return;
	if (named && vt_strmap_add(&run->unit_of_bundle, vt_strmap_key2(zone, id, key, sizeof key),
				   (size_t)(u - run->units), NULL) < 0)
		run->status = VT_ERR_NOMEM;
	snprintf(u->zone, sizeof u->zone, "%s", zone);
	snprintf(u->id, sizeof u->id, "%s", id);
	vt_run_add_copy(run, u, it);
}

static void plan_item(struct run *run, const struct vt_item *it)
{
	static const enum unit_type types[] = { [VT_ITEM_ZIP] = UNIT_ZIP, [VT_ITEM_LOG] = UNIT_LOG,
						[VT_ITEM_BUNDLE_DIR] = UNIT_BUNDLE_DIR };
	struct unit *u;
	switch (it->kind) {
	case VT_ITEM_TARGZ:
		plan_bundle(run, it);
		return;
	case VT_ITEM_OTHER:
		if (vt_bundle_in_bundle_dir(it->path))
			vt_warnings_add(&run->r->warnings, it->path, "not a zone bundle (stray file): not read");
		return;
	case VT_ITEM_CORE:
		return; /* cores are evidence for zones: see the ext phase */
	default:
		if (!(u = vt_run_new_unit(run, types[it->kind])))
			return;
		vt_bundle_zone_of_path(it->path, u->zone, sizeof u->zone);
		vt_run_add_copy(run, u, it);
	}
}

int vt_run_push_crash(struct run *run, struct vt_found *f)
{
	struct vt_bundles_result *r = run->r;
	if (vt_vec_reserve(&r->crashes, &run->capcrashes, r->ncrashes + 1, sizeof *r->crashes) < 0)
		return run->status = VT_ERR_NOMEM;
	r->crashes[r->ncrashes++] = *f;
	memset(f, 0, sizeof *f);
	return VT_OK;
}

static bool passes_filters(const struct vt_bundles_opts *o, const struct vt_found *f)
{
	if (!vt_run_zone_matches(o, f->zone))
		return false;
	if (o->cls >= 0 && (int)f->cls != o->cls)
		return false;
	if (o->since != VT_TIME_UNKNOWN && (f->when == VT_TIME_UNKNOWN || f->when < o->since))
		return false;
	if (o->until != VT_TIME_UNKNOWN && (f->when == VT_TIME_UNKNOWN || f->when > o->until))
		return false;
	return true;
}

/* Tag a unit's crashes and move the ones that pass the filters. */
size_t vt_run_take_crashes(struct run *run, struct unit *u, const char *zone, const char *bundle_id,
			   size_t bundle, const char *time_created, enum vt_evidence ev)
{
	size_t kept = 0;
	int64_t created = VT_TIME_UNKNOWN;
	if (time_created && time_created[0])
		vt_bundle_time_parse(time_created, &created);
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
		if (!f->time[0] || !vt_bundle_time_parse(f->time, &f->when))
			f->when = created;
		if (!passes_filters(run->o, f)) {
			vt_found_free(f);
			continue;
		}
		kept++;
		vt_run_push_crash(run, f);
	}
	u->nfound = 0;
	return kept;
}

int vt_bundles_run(const struct vt_bundles_opts *o, struct vt_bundles_result *r, struct vt_error *err)
{
	struct run run = { .o = o, .r = r };
	int rc;

	memset(r, 0, sizeof *r);
	rc = vt_source_walk(o->paths, o->npaths, &o->limits, &run.items, &r->warnings, &r->missing, err);
	for (size_t i = 0; rc == VT_OK && i < run.items.n && run.status == VT_OK; i++)
		plan_item(&run, &run.items.v[i]);
	if (rc == VT_OK && run.status == VT_OK)
		rc = vt_units_run(run.units, run.nunits, o->threads, o, &r->bytes, err);
	if (rc == VT_OK && run.status == VT_OK)
		vt_run_merge(&run, 0, run.nunits);
	if (rc == VT_OK && run.status == VT_OK)
		rc = vt_run_ext(&run, err);
	if (rc == VT_OK && run.status == VT_OK)
		vt_run_cluster(&run);
	for (size_t i = 0; i < run.nunits; i++)
		vt_unit_free(&run.units[i]);
	free(run.units);
	vt_strmap_free(&run.unit_of_bundle);
	vt_strmap_free(&run.bundle_of_id);
	vt_items_free(&run.items);
	vt_items_free(&run.ext_items);
	if (rc == VT_OK && run.status != VT_OK)
		rc = vt_error_set(err, run.status, "out of memory");
	return rc;
}
