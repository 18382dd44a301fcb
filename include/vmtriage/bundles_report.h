/* Renderings of a bundles run: a text report (summary table sized to the
 * terminal, clusters with explanation and advice, bundles without a log,
 * warnings, and with verbose every crash), JSON and NDJSON. Field names
 * are stable (see vmtriage-bundles(1)): reports from many sleds are merged
 * and loaded into databases by them. */
#ifndef VMTRIAGE_BUNDLES_REPORT_H
#define VMTRIAGE_BUNDLES_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "vmtriage/bundles.h"
#include "vmtriage/output.h"

/* {"clusters": [...], "crashes": [...], "bundles": [...], "warnings": [...]} */
cJSON *vt_bundles_report_json(const struct vt_bundles_result *r);
/* One crash (an NDJSON line, an element of "crashes"). */
cJSON *vt_bundles_crash_json(const struct vt_bundles_result *r, size_t i);
cJSON *vt_bundles_cluster_json(const struct vt_bundles_result *r, size_t i);
cJSON *vt_bundles_bundle_json(const struct vt_bundle_rec *b);

/* The summary table alone (also what `merge` and `fleet` print). */
void vt_bundles_summary_table(FILE *fp, const struct vt_style *style, const struct vt_cluster *clusters, size_t n);

void vt_bundles_report_text(FILE *fp, const struct vt_style *style, const struct vt_bundles_result *r,
			    bool verbose);

#endif
