/* `vmtriage merge`: several `bundles --json` reports or `--ndjson` streams
 * (one per sled, or overlapping ones) into one clustered report, without a
 * database. Crashes are read by the one crash reader (crash_read.h: schema
 * 2 and the version-1 forms), deduplicated by the rule `bundles` and the
 * fleet table use (zone, bundle id, member, line) and clustered by the
 * bundles clustering; counts are kept per sled. A merged report has the
 * bundles report's shape, so it merges again. */
#ifndef VMTRIAGE_MERGE_H
#define VMTRIAGE_MERGE_H

#include <stdbool.h>
#include <stdio.h>

#include "vmtriage/bundles.h"
#include "vmtriage/error.h"
#include "vmtriage/json.h"
#include "vmtriage/output.h"

struct vt_merge {
	struct vt_bundles_result result;  /* crashes, bundles, clusters, warnings */
	char **sleds;                     /* distinct sled labels, sorted; "" unlabelled */
	size_t nsleds;
	size_t *per_sled;                 /* result.nclusters * nsleds crash counts */
	size_t reports, rows, duplicates; /* inputs, crash rows read, rows dropped as seen */
	/* private */
	char **labels;                    /* interned sled/rack labels */
	size_t nlabels, capcrashes, capbundles;
	struct vt_merge_index *index;     /* hash maps: bundles, labels */
	struct vt_decoder *decoder;       /* for records without a signature */
};

void vt_merge_init(struct vt_merge *m);
/* Add one file ("-": stdin): a bundles/merge --json report, NDJSON crash
 * rows, or one crash, at most VT_MERGE_REPORT_MAX bytes. VT_ERR_INPUT
 * "name: ..." when it is none. */
#define VT_MERGE_REPORT_MAX (256u << 20)
int vt_merge_add_file(struct vt_merge *m, const char *path, struct vt_error *err);
/* Dedupe, cluster, count per sled. */
int vt_merge_finish(struct vt_merge *m, struct vt_error *err);

/* "schema": "vmtriage.merge.v2", the bundles JSON report, "sleds" (labels)
 * and, per cluster, "sleds": {label: count}, and "merged": {"reports",
 * "rows", "duplicates"}. */
struct vt_json *vt_merge_json(const struct vt_merge *m);
/* A header line, the bundles summary table, then crashes per sled (one
 * row per sled and signature, sled ids as given). */
void vt_merge_text(FILE *fp, const struct vt_style *style, const struct vt_merge *m);
void vt_merge_release(struct vt_merge *m);

#endif
