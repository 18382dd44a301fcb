/* Renderings of a crash record: a text block, the JSON crash record of
 * schema version 2 (docs/json.md; share/schema/crash.schema.json) and a
 * replay snapshot skeleton (the format of vmtriage-snapshot(5), memory
 * left for the user). */
#ifndef VMTRIAGE_CRASH_REPORT_H
#define VMTRIAGE_CRASH_REPORT_H

#include <stdio.h>

#include "vmtriage/cluster.h"
#include "vmtriage/crash.h"
#include "vmtriage/crash_snapshot.h"
#include "vmtriage/json.h"
#include "vmtriage/output.h"

/* The "schema" member of each output (first in every document/record). */
#define VT_SCHEMA_CRASH "vmtriage.crash.v2"
#define VT_SCHEMA_SCAN "vmtriage.scan.v2"
#define VT_SCHEMA_BUNDLES "vmtriage.bundles.v2"

/* One block; `index` (1-based) numbers it. */
void vt_crash_report_text(FILE *fp, const struct vt_style *style, const struct vt_crash *c,
			  unsigned index);
/* The crash record ("schema": "vmtriage.crash.v2" first); where may be NULL. */
struct vt_json *vt_crash_json(const struct vt_crash *c, const struct vt_crash_where *where);
/* {"where", "line" (null when 0), "message"}: the warning record. */
struct vt_json *vt_warning_json(const char *where, uint64_t line, const char *message);

/* The signature a crash clusters by (what bundles groups and scan prints). */
struct vt_crash_sig {
	char instruction[VT_FORM_MAX];  /* the faulting instruction's text, "" none */
	char form[VT_FORM_MAX];
	char signature[VT_SIG_MAX];
	char id[VT_SIG_ID_MAX];
};
void vt_crash_signature(const struct vt_crash *c, struct vt_crash_sig *out);

#endif
