/* The string map's add/has/two-part-key helpers for the walk's directory
 * set and the bundle lookups (see util/util_int.h). */
#include "util/util_int.h"

#include <stdint.h>
#include <stdio.h>

int util_strmap_add(struct util_strmap *m, const char *key, size_t val, size_t *old)
{
	size_t before = m->n, stored = util_strmap_put(m, key, val);
	if (stored == SIZE_MAX)
		return -1;
	if (m->n > before)
		return 1;
	if (old)
		*old = stored;
	return 0;
}

bool util_strmap_has(const struct util_strmap *m, const char *key, size_t *val)
{
	size_t v = util_strmap_get(m, key);
	if (v == SIZE_MAX)
		return false;
	if (val)
		*val = v;
	return true;
}

const char *util_strmap_key2(const char *a, const char *b, char *buf, size_t size)
{
	snprintf(buf, size, "%s\n%s", a, b);
	return buf;
}
