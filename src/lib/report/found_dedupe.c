/* The one duplicate rule of `bundles`, `merge` and the fleet table: a
 * crash is identified by zone, bundle id (for a crash with neither zone nor
 * bundle id: its path), member and line, and counted once however many
 * copies of it were read (a log named twice, overlapping reports, a bundle
 * on both M.2 pools). The first copy is kept. */
#include "report/bundles_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap_int.h"

char *vt_found_key(const struct vt_found *f)
{
	const char *zone = f->zone ? f->zone : "";
	const char *bundle = f->bundle_id ? f->bundle_id : f->zone ? "" : f->path;
	/* Unit separators: no zone, id, path or member name holds one that matters. */
	size_t n = strlen(zone) + strlen(bundle) + strlen(f->member) + 32;
	char *key = malloc(n);
	if (key)
		snprintf(key, n, "%s\x1f%s\x1f%s\x1f%llu", zone, bundle, f->member, (unsigned long long)f->line);
	return key;
}

int vt_found_dedupe(struct vt_found *v, size_t *n, size_t *dropped)
{
	struct util_strmap seen = { 0 };
	size_t k = 0;
	int rc = VT_OK;
	for (size_t i = 0; i < *n; i++) {
		char *key = rc == VT_OK ? vt_found_key(&v[i]) : NULL;
		size_t first = key ? util_strmap_put(&seen, key, i) : SIZE_MAX;
		free(key);
		if (first == SIZE_MAX)
			rc = VT_ERR_NOMEM; /* keep the rest as they are */
		if (rc == VT_OK && first != i) {
			vt_found_release(&v[i]);
			continue;
		}
		v[k++] = v[i];
	}
	util_strmap_release(&seen);
	*dropped = *n - k;
	*n = k;
	return rc;
}
