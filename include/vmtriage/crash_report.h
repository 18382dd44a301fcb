/* Renderings of a crash record: a text block, a JSON object (stable field
 * names, documented in vmtriage-scan(1)) and a replay snapshot skeleton
 * (the format of vmtriage-snapshot(5), memory left for the user). */
#ifndef VMTRIAGE_CRASH_REPORT_H
#define VMTRIAGE_CRASH_REPORT_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "vmtriage/crash.h"
#include "vmtriage/output.h"

/* One block; `index` (1-based) numbers it. */
void vt_crash_report_text(FILE *fp, const struct vt_style *style, const struct vt_crash *c,
			  unsigned index);
cJSON *vt_crash_report_json(const struct vt_crash *c);
/* {"rax": "0x..", ..., "segments": {"cs": {...}}} with the registers present. */
cJSON *vt_regs_json(const struct vt_regs *regs);

/* Whether the crash carries enough to start a snapshot (registers and bytes). */
bool vt_crash_snapshot_ok(const struct vt_crash *c);
/* The snapshot skeleton named `name`; memory is an empty list to fill in. */
cJSON *vt_crash_snapshot_json(const struct vt_crash *c, const char *name);
/* "real16", "prot32", "long64", ... from the registers, or NULL when they do not say. */
const char *vt_regs_mode_name(const struct vt_regs *regs);

#endif
