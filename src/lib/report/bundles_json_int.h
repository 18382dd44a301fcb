/* The bundles report as cJSON trees, for the library's writers that extend
 * it (merge) and the unit tests; callers print with vt_bundles_report_print. */
#ifndef VMTRIAGE_BUNDLES_JSON_INT_H
#define VMTRIAGE_BUNDLES_JSON_INT_H

#include <cjson/cJSON.h>

#include "vmtriage/bundles_report.h"

/* {"schema", "clusters": [...], "crashes": [...], "bundles": [...], "warnings": [...]} */
cJSON *bnd_report_json(const struct vt_bundles_result *r);
/* One crash (an NDJSON line, an element of "crashes"). */
cJSON *bnd_crash_json(const struct vt_bundles_result *r, size_t i);
cJSON *bnd_cluster_json(const struct vt_bundles_result *r, size_t i);
cJSON *bnd_bundle_json(const struct vt_bundle_rec *b);

#endif
