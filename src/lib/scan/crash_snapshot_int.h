/* The snapshot skeleton as a cJSON tree, for the library's callers that
 * embed it (corpus add) rather than write it (vt_crash_snapshot_save), and
 * the register writer the crash record shares with it. */
#ifndef VMTRIAGE_CRASH_SNAPSHOT_INT_H
#define VMTRIAGE_CRASH_SNAPSHOT_INT_H

#include <cjson/cJSON.h>

#include "vmtriage/crash_snapshot.h"

/* The present registers as hex strings into `regs`, and a "segments"
 * object into `segparent` of the first nseg segment registers ({selector,
 * base, limit, access}, access in the VMX layout the snapshot shares): the
 * crash record's registers and the skeleton's regs/segments alike. */
void scan_regs_json_fill(cJSON *regs, cJSON *segparent, const struct vt_regs *r, int nseg);
/* The snapshot skeleton named `name`; memory is an empty list to fill in.
 * `from` describes where the crash was read ("log:12"). NULL when out of
 * memory. */
cJSON *scan_snapshot_json(const struct vt_crash *c, const char *name, const char *from);

#endif
