/* Reading crash records back: the one reader of the crash record that
 * `scan`, `bundles` and `merge` write (docs/json.md, vmtriage.crash.v2),
 * which also takes the version-1 forms still found in users' files: scan's
 * (`source`, `kind`, `inst_data` a hex string) and bundles' (`path`,
 * `exit_kind`, `inst_data` an array of integers). Used by `merge`,
 * `corpus add --from` and anything else that takes a crash back. Every
 * field is checked as untrusted input: a number out of its range is an
 * error, never cast. */
#ifndef VMTRIAGE_CRASH_READ_H
#define VMTRIAGE_CRASH_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "vmtriage/bundle.h"
#include "vmtriage/cluster.h"
#include "vmtriage/crash.h"
#include "vmtriage/error.h"

#define VT_WHERE_PATH_MAX 1024
#define VT_WHERE_LABEL_MAX 256

/* Where a record says its crash was found, and what it concluded; "" for
 * absent or null (a null sled and an empty one are the same label). */
struct vt_crash_rec {
	unsigned schema;                     /* 2 for vmtriage.crash.v2, else 1 */
	char path[VT_WHERE_PATH_MAX];        /* v2/bundles `path`, scan's `source` */
	char member[VT_WHERE_PATH_MAX];
	bool has_member;                     /* null in scan records */
	char zone[VT_ZONE_MAX];
	char bundle_id[VT_ID_MAX];
	char sled[VT_WHERE_LABEL_MAX], rack[VT_WHERE_LABEL_MAX];
	char time[VT_TIME_MAX];              /* RFC 3339 (v2 `time`, a v1 time when it is
	                                        one), "" when it cannot be placed */
	char time_created[VT_TIME_MAX];      /* the bundle's, when the record has it */
	char cause[64];                      /* the bundle's, when the record has it */
	char evidence[24];                   /* bundles' "bundle", "log", ... */
	char signature[VT_SIG_MAX];          /* as written; "" when the record has none */
	char signature_id[VT_SIG_ID_MAX];
	char instruction[VT_FORM_MAX];       /* the faulting instruction's text */
	bool has_class;                      /* crash.cls.id comes from the record */
};

/* How many crashes a document holds and crash `index` of them. The
 * document is one crash object, an array of them, a `scan`/`bundles`/
 * `merge` --json document (its "crashes"), or NDJSON (one record a line).
 * `name` prefixes errors ("name:line: ..." for JSON syntax, "name: crash
 * N: ..." for a bad field). An index past the end is VT_ERR_INPUT saying
 * how many there are. */
int vt_crash_read(const char *name, const char *text, size_t len, size_t index, struct vt_crash *c,
		  struct vt_crash_rec *w, size_t *count, struct vt_error *err);

#endif
