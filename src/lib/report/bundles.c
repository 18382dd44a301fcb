/* The runner: plan units from the walk, read them in parallel, collect
 * their results in order, add ext evidence, filter, cluster. */
#include "report/bundles_int.h"
#include "util/util_int.h"

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
	memset(&o->since, 0, sizeof o->since);
	memset(&o->until, 0, sizeof o->until);
	o->cls = -1;
}

/* Replicas share ".../<zone>/<bundle-id>.tar.gz" (hashed: a sled can
 * hold 100,000s of bundles). */
static struct bnd_unit *find_bundle_unit(struct bnd_run *run, const char *zone, const char *id)
{
	char key[VT_ZONE_MAX + VT_ID_MAX + 2];
	size_t i;
	if (!util_strmap_has(&run->unit_of_bundle, util_strmap_key2(zone, id, key, sizeof key), &i))
		return NULL;
	return &run->units[i];
}

static void plan_bundle(struct bnd_run *run, const struct vt_item *it)
{
	char zone[VT_ZONE_MAX] = "", id[VT_ID_MAX] = "", key[VT_ZONE_MAX + VT_ID_MAX + 2];
	bool named = vt_bundle_id_of_path(it->path, zone, sizeof zone, id, sizeof id);
	struct bnd_unit *u = named ? find_bundle_unit(run, zone, id) : NULL;
	if (named && !bnd_zone_matches(run->o, zone) && vt_bundle_is_zone_name(zone))
		return;
	if (!u && !(u = bnd_new_unit(run, BND_UNIT_BUNDLE)))
		return;
	if (named && util_strmap_add(&run->unit_of_bundle, util_strmap_key2(zone, id, key, sizeof key),
				   (size_t)(u - run->units), NULL) < 0)
		run->status = VT_ERR_NOMEM;
	snprintf(u->zone, sizeof u->zone, "%s", zone);
	snprintf(u->id, sizeof u->id, "%s", id);
	bnd_add_copy(run, u, it);
}

static void plan_item(struct bnd_run *run, const struct vt_item *it)
{
	static const enum bnd_unit_type types[] = { [VT_ITEM_ZIP] = BND_UNIT_ZIP, [VT_ITEM_LOG] = BND_UNIT_LOG,
						[VT_ITEM_BUNDLE_DIR] = BND_UNIT_BUNDLE_DIR };
	struct bnd_unit *u;
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
		if (!(u = bnd_new_unit(run, types[it->kind])))
			return;
		vt_bundle_zone_of_path(it->path, u->zone, sizeof u->zone);
		bnd_add_copy(run, u, it);
	}
}

/* The duplicate rule of merge and the fleet table (found_dedupe.c): a
 * crash read twice (a log named twice, a support bundle given twice) is
 * counted once, and said. */
static void dedupe(struct bnd_run *run)
{
	struct vt_bundles_result *r = run->r;
	size_t dropped;
	if (vt_found_dedupe(r->crashes, &r->ncrashes, &dropped) != VT_OK ||
	    (dropped && vt_warnings_add(&r->warnings, "(inputs)",
					"%zu crash%s read twice (same zone, bundle id, member and line): counted once",
					dropped, dropped == 1 ? " was" : "es were") < 0))
		run->status = VT_ERR_NOMEM;
}

int vt_bundles_run(const struct vt_bundles_opts *o, struct vt_bundles_result *r, struct vt_error *err)
{
	struct bnd_run run = { .o = o, .r = r };
	int rc;

	memset(r, 0, sizeof *r);
	uint64_t wall0 = util_wall_ns();
	rc = vt_source_walk(o->paths, o->npaths, &o->limits, &run.items, &r->warnings, &r->missing, err);
	/* What was under way when memory ran out: the error says what was not read. */
	const char *step = "planning the walk: no bundle was read";
	for (size_t i = 0; rc == VT_OK && i < run.items.n && run.status == VT_OK; i++)
		plan_item(&run, &run.items.v[i]);
	if (rc == VT_OK && run.status == VT_OK) {
		step = "reading the bundles: some were not read";
		rc = bnd_units_read(run.units, run.nunits, o->threads, o, &r->bytes, err);
	}
	if (rc == VT_OK && run.status == VT_OK) {
		step = "collecting the bundles' crashes: the report was not made";
		bnd_collect(&run, 0, run.nunits);
	}
	if (rc == VT_OK && run.status == VT_OK) {
		step = "reading the ext datasets: their logs and cores were not read";
		rc = bnd_ext(&run, err);
	}
	if (rc == VT_OK && run.status == VT_OK) {
		step = "counting duplicates: the report was not made";
		dedupe(&run);
	}
	if (rc == VT_OK && run.status == VT_OK) {
		step = "clustering: the report was not made";
		run.status = vt_bundles_cluster(r);
	}
	if (rc == VT_OK && r->unplaced)
		vt_warnings_add(&r->warnings, "bundles",
				"%zu crash%s a time printed without its year or date and nothing to place it "
				"(no earlier full date in its log, no bundle creation time): \"time\" is null%s",
				r->unplaced, r->unplaced == 1 ? " has" : "es have",
				o->since.known || o->until.known ? "; --since/--until left them out" : "");
	bnd_stats(&run);
	r->stats.wall_ns = util_wall_ns() - wall0;
	for (size_t i = 0; i < run.nunits; i++)
		bnd_unit_release(&run.units[i]);
	free(run.units);
	util_strmap_release(&run.unit_of_bundle);
	util_strmap_release(&run.bundle_of_id);
	free(run.support_root);
	vt_items_release(&run.items);
	vt_items_release(&run.ext_items);
	if (rc == VT_OK && run.status != VT_OK)
		rc = vt_error_set(err, run.status, "out of memory while %s", step);
	return rc;
}
