/* Renderings of a bundles run: a text report (summary table sized to the
 * terminal, clusters with explanation and advice, bundles without a log,
 * warnings, and with verbose every crash), JSON and NDJSON. Field names
 * are stable (see vmtriage-bundles(1)): reports from many sleds are merged
 * and loaded into databases by them. */
#ifndef VMTRIAGE_BUNDLES_REPORT_H
#define VMTRIAGE_BUNDLES_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "vmtriage/bundles.h"
#include "vmtriage/output.h"

/* The JSON report ({"schema", "clusters", "crashes", "bundles", "warnings"},
 * indented) or, for VT_FORMAT_NDJSON, one crash record a line. 0, or -1 on
 * a write error or when out of memory. */
int vt_bundles_report_print(FILE *fp, const struct vt_bundles_result *r, enum vt_format fmt);

/* The summary table alone (also what `merge` and `fleet` print). */
void vt_bundles_summary_table(FILE *fp, const struct vt_style *style, const struct vt_cluster *clusters, size_t n);

void vt_bundles_report_text(FILE *fp, const struct vt_style *style, const struct vt_bundles_result *r,
			    bool verbose);

#endif
