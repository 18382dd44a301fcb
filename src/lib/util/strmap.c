/* String hash map (see util/strmap.h): FNV-1a, linear probing, load <= 1/2. */
#include "util/util_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s)
{
	unsigned long long h = 0xcbf29ce484222325ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return (size_t)(h ^ (h >> 32));
}

static size_t slot(const struct util_strmap *m, const char *key)
{
	size_t i = hash(key) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static int grow(struct util_strmap *m)
{
	struct util_strmap g = { NULL, NULL, m->cap ? m->cap * 2 : 64, m->n };
	if (!(g.keys = calloc(g.cap, sizeof *g.keys)) || !(g.vals = malloc(g.cap * sizeof *g.vals))) {
		free(g.keys);
		return -1;
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (m->keys[i]) {
			size_t j = slot(&g, m->keys[i]);
			g.keys[j] = m->keys[i];
			g.vals[j] = m->vals[i];
		}
	}
	free(m->keys);
	free(m->vals);
	*m = g;
	return 0;
}

int util_strmap_add(struct util_strmap *m, const char *key, size_t val, size_t *old)
{
	size_t i;
	if ((m->n + 1) * 2 > m->cap && grow(m) < 0)
		return -1;
	i = slot(m, key);
	if (m->keys[i]) {
		if (old)
			*old = m->vals[i];
		return 0;
	}
	if (!(m->keys[i] = strdup(key)))
		return -1;
	m->vals[i] = val;
	m->n++;
	return 1;
}

bool util_strmap_get(const struct util_strmap *m, const char *key, size_t *val)
{
	size_t i;
	if (!m->cap)
		return false;
	i = slot(m, key);
	if (!m->keys[i])
		return false;
	if (val)
		*val = m->vals[i];
	return true;
}

void util_strmap_free(struct util_strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

const char *util_strmap_key2(const char *a, const char *b, char *buf, size_t size)
{
	snprintf(buf, size, "%s\n%s", a, b);
	return buf;
}
