/* The snapshot skeleton as a cJSON tree, for the library's callers that
 * embed it (corpus add) rather than write it (vt_crash_snapshot_save). */
#ifndef VMTRIAGE_CRASH_SNAPSHOT_INT_H
#define VMTRIAGE_CRASH_SNAPSHOT_INT_H

#include <cjson/cJSON.h>

#include "vmtriage/crash_snapshot.h"

/* The snapshot skeleton named `name`; memory is an empty list to fill in.
 * `from` describes where the crash was read ("log:12"). NULL when out of
 * memory. */
cJSON *scan_snapshot_json(const struct vt_crash *c, const char *name, const char *from);

#endif
