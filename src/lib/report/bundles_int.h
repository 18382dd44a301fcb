/* Private to the bundles runner: units of work and their results. */
#ifndef VMTRIAGE_BUNDLES_INT_H
#define VMTRIAGE_BUNDLES_INT_H

#include "vmtriage/bundles.h"
#include "vmtriage/scan.h"
#include "util/util_int.h"

enum bnd_unit_type { BND_UNIT_BUNDLE, BND_UNIT_BUNDLE_DIR, BND_UNIT_ZIP, BND_UNIT_LOG, BND_UNIT_EXT_LOG };

/* One unit: read by one thread, its results kept apart until collected,
 * which goes in unit order so any thread count gives the same output. */
struct bnd_unit {
	enum bnd_unit_type type;
	const struct vt_item **copies;  /* bundle replicas, largest first; else one item */
	size_t ncopies;
	char zone[VT_ZONE_MAX];         /* from the path ("" when unknown) */
	char id[VT_ID_MAX];             /* bundle id from the path */
	/* results */
	struct vt_found *found;
	size_t nfound, capfound;
	struct vt_warnings warn;
	bool has_meta;
	struct vt_bundle_meta meta;
	unsigned members, logs;
	bool propolis_log, damaged;
	uint64_t bytes;
	/* cost, for struct vt_bundles_stats */
	uint64_t in_bytes, inflated, read_ns, inflate_ns, cpu_ns;
};

/* A scanner's callbacks reach the member being read through this slot:
 * one per thread, given as the scanner's ctx. */
struct bnd_slot {
	void *member;
};
int bnd_unit_on_crash(void *slot, const struct vt_crash *c);
void bnd_unit_on_warn(void *slot, const char *source, uint64_t line, const char *msg);

/* Read one unit with this thread's scanner. Returns VT_OK, or VT_ERR_NOMEM
 * with err saying what was being read. */
int bnd_unit_read(struct bnd_unit *u, struct vt_scanner *scanner, struct bnd_slot *slot,
		const struct vt_source_limits *lim, struct vt_error *err);
void bnd_unit_release(struct bnd_unit *u);

/* Run every unit on `threads` threads (1: in the caller). */
int bnd_units_read(struct bnd_unit *units, size_t n, unsigned threads, const struct vt_bundles_opts *o,
		 uint64_t *bytes, struct vt_error *err);

/* The threads vt_units_run uses for n units. */
unsigned bnd_units_threads(size_t n, unsigned threads);

/* Everything the phases share. */
struct bnd_run {
	const struct vt_bundles_opts *o;
	struct vt_bundles_result *r;
	struct vt_items items;
	struct bnd_unit *units;
	size_t nunits, capunits;
	struct vt_items ext_items;
	size_t capcrashes, capbundles;
	struct util_strmap unit_of_bundle;   /* "zone\nid" -> index in units */
	struct util_strmap bundle_of_id;     /* "zone\nid" -> index in r->bundles */
	char *support_root;                  /* bnd_support_dir_id's last root, and its id */
	char support_id[VT_ID_MAX];
	int status;
};

/* The run's shared state (bundles_run.c). */
struct bnd_unit *bnd_new_unit(struct bnd_run *run, enum bnd_unit_type type);
int bnd_add_copy(struct bnd_run *run, struct bnd_unit *u, const struct vt_item *it);
bool bnd_zone_matches(const struct vt_bundles_opts *o, const char *zone);
int bnd_push_crash(struct bnd_run *run, struct vt_found *f);
/* Tag a unit's crashes (zone NULL: from each member's path, then the
 * unit's) and keep those passing the filters; returns how many. */
size_t bnd_take_crashes(struct bnd_run *run, struct bnd_unit *u, const char *zone, const char *bundle_id,
			   size_t bundle, const char *time_created, enum vt_evidence ev);

/* The phases (bundles_collect.c, bundles_ext.c). */
/* Collect units [from, to) into the result, in order. */
void bnd_collect(struct bnd_run *run, size_t from, size_t to);
/* Archived logs and cores in the ext dataset for the bundles' zones. */
int bnd_ext(struct bnd_run *run, struct vt_error *err);
/* A support bundle's labels (bundles_labels.c): "rack/<rack>/sled/<sled>/"
 * in path; bundle_id.txt's id (out "" when it holds no id). */
bool bnd_support_labels(const char *path, char *rack, char *sled, size_t size);
void bnd_support_bundle_id(struct vt_member *m, char *out, size_t size);
/* A log of an extracted support bundle (a path holding rack/<r>/sled/<s>/):
 * the id in bundle_id.txt at the bundle's root, or NULL (none, or not in
 * one). Borrowed until the next call. */
const char *bnd_support_dir_id(struct bnd_run *run, const char *path);
/* A label kept in the result for the crashes that point at it; NULL when out of memory. */
const char *bnd_label(struct bnd_run *run, const char *s);
/* Sum the units' costs into r->stats. */
void bnd_stats(struct bnd_run *run);

#endif
