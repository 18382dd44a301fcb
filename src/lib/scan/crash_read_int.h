/* The crash reader's cJSON side (crash_read.c, crash_doc.c), for the
 * library's own readers: merge, corpus add, fleet load. The public entry
 * is vmtriage/crash_read.h. */
#ifndef VMTRIAGE_SCAN_CRASH_READ_INT_H
#define VMTRIAGE_SCAN_CRASH_READ_INT_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "vmtriage/crash_read.h"

/* One crash record (any form) -> c and w. VT_ERR_INPUT "field: what". */
int scan_crash_from_json(const cJSON *o, struct vt_crash *c, struct vt_crash_rec *w, struct vt_error *err);

/* A document: one JSON value, else NDJSON (one value a line, returned as
 * an array). NULL and VT_ERR_INPUT "name:line: not valid JSON". */
cJSON *scan_json_doc_parse(const char *name, const char *text, size_t len, struct vt_error *err);
/* The crashes of a document (see vt_crash_read): its "crashes" array, the
 * array itself, or NULL when the document is one crash object. */
const cJSON *scan_crash_doc_list(const cJSON *doc);
/* Crash `index` of a document, or NULL (*count says how many there are). */
const cJSON *scan_crash_doc_pick(const cJSON *doc, size_t index, size_t *count);

/* A JSON number that is an integer in [min, max]: 1, absent/null: 0, else
 * -1 with err "key: ..." (out-of-range doubles are never cast). */
int scan_json_int_field(const cJSON *o, const char *key, int64_t min, int64_t max, int64_t *out,
		      struct vt_error *err);

#endif
