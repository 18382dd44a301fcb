/* Renderings of a crash record: a text block, the JSON crash record of
 * schema version 2 (docs/json.md; share/schema/crash.schema.json) and a
 * replay snapshot skeleton (the format of vmtriage-snapshot(5), memory
 * left for the user). */
#ifndef VMTRIAGE_CRASH_REPORT_H
#define VMTRIAGE_CRASH_REPORT_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "vmtriage/cluster.h"
#include "vmtriage/crash.h"
#include "vmtriage/output.h"

/* The "schema" member of each output (first in every document/record). */
#define VT_SCHEMA_CRASH "vmtriage.crash.v2"
#define VT_SCHEMA_SCAN "vmtriage.scan.v2"
#define VT_SCHEMA_BUNDLES "vmtriage.bundles.v2"

/* Where a crash was found. Any may be NULL: path falls back to the
 * crash's source label, the others are null in JSON. */
struct vt_crash_where {
	const char *path;        /* the file or archive as given */
	const char *member;      /* inside an archive or extracted bundle */
	const char *zone, *bundle_id, *sled, *rack;
};

/* One block; `index` (1-based) numbers it. */
void vt_crash_report_text(FILE *fp, const struct vt_style *style, const struct vt_crash *c,
			  unsigned index);
/* The crash record ("schema": "vmtriage.crash.v2" first); where may be NULL. */
cJSON *vt_crash_json(const struct vt_crash *c, const struct vt_crash_where *where);
/* {"rax": "0x..", ..., "segments": {"cs": {...}}, "cpl", "redacted"}. */
cJSON *vt_regs_json(const struct vt_regs *regs);
/* {"where", "line" (null when 0), "message"}: the warning record. */
cJSON *vt_warning_json(const char *where, uint64_t line, const char *message);

/* The signature a crash clusters by (what bundles groups and scan prints). */
struct vt_crash_sig {
	char instruction[VT_FORM_MAX];  /* the faulting instruction's text, "" none */
	char form[VT_FORM_MAX];
	char signature[VT_SIG_MAX];
	char id[VT_SIG_ID_MAX];
};
void vt_crash_signature(const struct vt_crash *c, struct vt_crash_sig *out);
/* Name of origin bit i (enum vt_crash_origin is 1 << i): "panic", ... */
const char *vt_crash_origin_name(unsigned bit_index);

/* Whether the crash carries enough to start a snapshot (registers and
 * bytes); when not, *why says what is missing. */
bool vt_crash_snapshot_ok(const struct vt_crash *c, const char **why);
/* The snapshot skeleton named `name`; memory is an empty list to fill in.
 * `from` describes where the crash was read ("log:12"). */
cJSON *vt_crash_snapshot_json(const struct vt_crash *c, const char *name, const char *from);
/* "[<zone>-][<bundle id's first 8>-]<file>-L<line>[-vcpu<N>]", file-name
 * safe; where may be NULL (the source label's base name is the file). */
void vt_crash_snapshot_name(const struct vt_crash *c, const struct vt_crash_where *where, char *buf,
			    size_t size);
/* Write it to DIR/<name>.json: a fresh temporary file renamed into place,
 * never replacing an existing file (VT_ERR_IO with the reason). */
int vt_crash_snapshot_write(const char *dir, const char *name, const cJSON *snap,
			    char *path, size_t pathsize, struct vt_error *err);

#endif
