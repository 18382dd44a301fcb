/* A string-keyed hash map to size_t (open addressing, keys copied): the
 * lookups that were linear scans (a bundle by zone and id, a directory by
 * device and inode) in walks of 100,000s of entries. */
#ifndef VMTRIAGE_UTIL_STRMAP_H
#define VMTRIAGE_UTIL_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct vt_strmap {
	char **keys;
	size_t *vals;
	size_t cap, n;
};

/* Add key -> val unless key is there (then *old, if not NULL, gets its
 * value and 0 is returned too). 1 added, 0 present, -1 out of memory. */
int vt_strmap_add(struct vt_strmap *m, const char *key, size_t val, size_t *old);
bool vt_strmap_get(const struct vt_strmap *m, const char *key, size_t *val);
void vt_strmap_free(struct vt_strmap *m);

/* "a\nb" into buf (a zone and a bundle id, say): keys of two parts. */
const char *vt_strmap_key2(const char *a, const char *b, char *buf, size_t size);

#endif
