/* Private to the fleet module. */
#ifndef VMTRIAGE_FLEET_IMPL_H
#define VMTRIAGE_FLEET_IMPL_H

#include <cjson/cJSON.h>

#include "vmtriage/crash_read.h"

/* A crash as a row of vmtriage.crashes (share/clickhouse/schema.sql):
 * labels from the record, else sled/rack (may be NULL), never null. */
cJSON *vt_fleet_crash_row(const struct vt_crash *c, const struct vt_crash_rec *w, const char *sled,
			  const char *rack);

#endif
