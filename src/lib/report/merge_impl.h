/* Private to the merge module. */
#ifndef VMTRIAGE_MERGE_IMPL_H
#define VMTRIAGE_MERGE_IMPL_H

#include "vmtriage/merge.h"
#include "util/strlist.h"

const char *vt_merge_intern(struct vt_merge *m, const char *s);
/* A report's crash object -> f (strings owned by f, labels by m). */
int vt_merge_found_of(struct vt_merge *m, const cJSON *o, struct vt_found *f, struct vt_error *err);
bool vt_merge_is_bundle(const cJSON *o);
int vt_merge_bundle_of(const cJSON *o, struct vt_bundle_rec *b, bool known, struct vt_error *err);
/* Append a copy of s unless present; -1 when out of memory. */
int vt_merge_add_string(char ***v, size_t *n, const char *s);

#endif
