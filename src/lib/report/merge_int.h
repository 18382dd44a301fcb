/* Private to the merge module. */
#ifndef VMTRIAGE_MERGE_INT_H
#define VMTRIAGE_MERGE_INT_H

#include <cjson/cJSON.h>

#include "vmtriage/merge.h"
#include "util/strmap_int.h"
#include "util/util_int.h"

/* Lookups that must stay one probe at 40k bundles. */
struct vt_merge_index {
	struct util_strmap bundles;   /* "zone\x1fid" -> index in result.bundles */
	struct util_strmap labels;    /* label -> index in m->labels */
	struct util_strmap warnings;  /* "where\x1fwhat" -> index */
};
/* merge_index.c: the index (made on first use; NULL when out of memory),
 * "a\x1fb" keys (free() them), and bundles found or added by zone and id. */
struct vt_merge_index *merge_index_of(struct vt_merge *m);
char *merge_key(const char *a, const char *b);

const char *merge_intern(struct vt_merge *m, const char *s);
size_t merge_find_bundle(struct vt_merge *m, const char *zone, const char *id);
struct vt_bundle_rec *merge_new_bundle(struct vt_merge *m, const char *zone, const char *id);
/* Add one document: a bundles/merge --json report, NDJSON crash rows (as
 * an array), or one crash. VT_ERR_INPUT "name: ..." when it is none. */
int merge_add_json(struct vt_merge *m, const char *name, const cJSON *report, struct vt_error *err);
/* A crash record (any form the crash reader takes) -> f (strings owned by
 * f, labels by m); its bundle is found, or made from the row. */
int merge_found_of(struct vt_merge *m, const cJSON *o, struct vt_found *f, struct vt_error *err);
bool merge_is_bundle(const cJSON *o);
int merge_bundle_of(const cJSON *o, struct vt_bundle_rec *b, bool known, struct vt_error *err);

#endif
