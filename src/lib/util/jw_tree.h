/* A cJSON tree from the streaming writer: the record types have one writer
 * each (jsonw), and the reports still built with cJSON parse its output
 * back rather than keep a second field list. */
#ifndef VMTRIAGE_UTIL_JW_TREE_H
#define VMTRIAGE_UTIL_JW_TREE_H

#include <cjson/cJSON.h>

#include "vmtriage/jsonw.h"

/* Run write(w, arg) into memory and parse the value it wrote; NULL when out of memory. */
cJSON *vt_jw_tree(void (*write)(struct vt_jw *w, const void *arg), const void *arg);

#endif
