/* The snapshot skeleton and register objects as cJSON trees, for the
 * library's own JSON writers (the crash record, corpus add). */
#ifndef VMTRIAGE_SCAN_CRASH_SNAPSHOT_INT_H
#define VMTRIAGE_SCAN_CRASH_SNAPSHOT_INT_H

#include <cjson/cJSON.h>

#include "vmtriage/crash_snapshot.h"

/* The present registers as hex strings into `regs`, and a "segments"
 * object into `segparent` of the first nseg segment registers ({selector,
 * base, limit, access}, access in the VMX layout the snapshot shares). */
void scan_regs_json_fill(cJSON *regs, cJSON *segparent, const struct vt_regs *r, int nseg);
/* The skeleton (vt_crash_snapshot_text's tree). */
cJSON *scan_snapshot_json(const struct vt_crash *c, const char *name, const char *from);

#endif
