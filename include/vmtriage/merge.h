/* `vmtriage merge`: several `bundles --json` reports (one per sled, or
 * overlapping ones) into one clustered report, without a database. Crashes
 * are deduplicated by the fleet table's key (zone, bundle id, member, line)
 * and clustered by the bundles clustering; counts are kept per sled. A
 * merged report has the bundles report's shape, so it merges again. */
#ifndef VMTRIAGE_MERGE_H
#define VMTRIAGE_MERGE_H

#include <stdbool.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "vmtriage/bundles.h"
#include "vmtriage/error.h"
#include "vmtriage/output.h"

struct vt_merge {
	struct vt_bundles_result result;  /* crashes, bundles, clusters, warnings */
	char **sleds;                     /* distinct sled labels, sorted; "" unlabelled */
	size_t nsleds;
	size_t *per_sled;                 /* result.nclusters * nsleds crash counts */
	size_t reports, rows, duplicates; /* inputs, crash rows read, rows dropped as seen */
	char **labels;                    /* the sled and rack labels, once each: the strings
					   * result.crashes[].sled/.rack point at (owned) */
	size_t nlabels;
};

void vt_merge_init(struct vt_merge *m);
/* Add one report. VT_ERR_INPUT "name: ..." when it is not a bundles report. */
int vt_merge_add_json(struct vt_merge *m, const char *name, const cJSON *report, struct vt_error *err);
/* Read one report file ("-": stdin), at most VT_MERGE_REPORT_MAX bytes. */
#define VT_MERGE_REPORT_MAX (256u << 20)
int vt_merge_add_file(struct vt_merge *m, const char *path, struct vt_error *err);
/* Dedupe, cluster, count per sled. */
int vt_merge_finish(struct vt_merge *m, struct vt_error *err);

/* The bundles JSON report plus "sleds" (labels) and, per cluster, "sleds":
 * {label: count}, and "merged": {"reports", "rows", "duplicates"}. */
cJSON *vt_merge_json(const struct vt_merge *m);
/* A header line, the bundles summary table, then crashes per sled. */
void vt_merge_text(FILE *fp, const struct vt_style *style, const struct vt_merge *m);
void vt_merge_free(struct vt_merge *m);

#endif
