/* Private to the merge module. */
#ifndef VMTRIAGE_MERGE_INT_H
#define VMTRIAGE_MERGE_INT_H

#include "vmtriage/merge.h"
#include "util/util_int.h"

const char *merge_intern(struct vt_merge *m, const char *s);
/* A report's crash object -> f (strings owned by f, labels by m). */
int merge_found_of(struct vt_merge *m, const cJSON *o, struct vt_found *f, struct vt_error *err);
bool merge_is_bundle(const cJSON *o);
int merge_bundle_of(const cJSON *o, struct vt_bundle_rec *b, bool known, struct vt_error *err);
/* Append a copy of s unless present; -1 when out of memory. */
int merge_add_string(char ***v, size_t *n, const char *s);

#endif
