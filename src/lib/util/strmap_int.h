/* A string -> index hash map (open addressing, FNV-1a): the lookups that
 * grew quadratic with the input (merge's bundles and labels, the dedupe
 * key, fleet load's bundles) are one probe each. Keys are copied. */
#ifndef VMTRIAGE_UTIL_STRMAP_INT_H
#define VMTRIAGE_UTIL_STRMAP_INT_H

#include <stddef.h>
#include <stdint.h>

struct util_strmap {
	char **keys;      /* NULL: empty slot */
	size_t *vals;
	size_t cap, n;    /* cap: 0 or a power of two */
};

/* The value stored for key, or SIZE_MAX. */
size_t util_strmap_get(const struct util_strmap *m, const char *key);
/* Store key -> val unless key is present. Returns the value now stored
 * for key (val, or the earlier one), or SIZE_MAX when out of memory. */
size_t util_strmap_put(struct util_strmap *m, const char *key, size_t val);
void util_strmap_release(struct util_strmap *m);

#endif
