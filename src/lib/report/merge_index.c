/* The merge's hash maps: bundles by zone and id, below the readers. */
#include "report/merge_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util_int.h"

char *merge_key(const char *zone, const char *id)
{
	size_t n = strlen(zone) + strlen(id) + 2;
	char *k = malloc(n);
	if (k)
		snprintf(k, n, "%s\x1f%s", zone, id);
	return k;
}

struct vt_merge_state *merge_state_of(struct vt_merge *m)
{
	if (!m->state)
		m->state = calloc(1, sizeof *m->state);
	return m->state;
}

size_t merge_find_bundle(struct vt_merge *m, const char *zone, const char *id)
{
	char *k = zone && id && m->state ? merge_key(zone, id) : NULL;
	size_t i = k ? util_strmap_get(&m->state->bundles, k) : SIZE_MAX;
	free(k);
	return i;
}

/* A new, empty bundle record for zone/id, indexed; NULL when out of memory. */
struct vt_bundle_rec *merge_new_bundle(struct vt_merge *m, const char *zone, const char *id)
{
	struct vt_bundles_result *r = &m->result;
	struct vt_merge_state *st = merge_state_of(m);
	char *k = st ? merge_key(zone, id) : NULL;
	struct vt_bundle_rec *b = NULL;
	if (k && util_vec_reserve(&r->bundles, &st->capbundles, r->nbundles + 1, sizeof *r->bundles) == 0 &&
	    util_strmap_put(&st->bundles, k, r->nbundles) == r->nbundles) {
		b = &r->bundles[r->nbundles++];
		memset(b, 0, sizeof *b);
		b->zone = strdup(zone);
		b->bundle_id = strdup(id);
		if (!b->zone || !b->bundle_id)
			b = NULL;
	}
	free(k);
	return b;
}

