/* String -> index hash map, open addressing with linear probing, kept at
 * most half full. */
#include "util/strmap_int.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 0x100000001b3ull;
	return h;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t slot(const struct util_strmap *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

size_t util_strmap_get(const struct util_strmap *m, const char *key)
{
	if (!m->cap)
		return SIZE_MAX;
	size_t i = slot(m, key);
	return m->keys[i] ? m->vals[i] : SIZE_MAX;
}

static int grow(struct util_strmap *m)
{
	struct util_strmap g = { .cap = m->cap ? m->cap * 2 : 64 };
	g.keys = calloc(g.cap, sizeof *g.keys);
	g.vals = calloc(g.cap, sizeof *g.vals);
	if (!g.keys || !g.vals) {
		free(g.keys);
		free(g.vals);
		return -1;
	}
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i]) {
			size_t j = slot(&g, m->keys[i]);
			g.keys[j] = m->keys[i];
			g.vals[j] = m->vals[i];
		}
	g.n = m->n;
	free(m->keys);
	free(m->vals);
	*m = g;
	return 0;
}

size_t util_strmap_put(struct util_strmap *m, const char *key, size_t val)
{
	if ((m->n + 1) * 2 > m->cap && grow(m) < 0)
		return SIZE_MAX;
	size_t i = slot(m, key);
	if (m->keys[i])
		return m->vals[i];
	if (!(m->keys[i] = strdup(key)))
		return SIZE_MAX;
	m->vals[i] = val;
	m->n++;
	return val;
}

void util_strmap_release(struct util_strmap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}
