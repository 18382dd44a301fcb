#include "util/util_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

long util_strv_push(char ***v, size_t *n, const char *s)
{
	if (*n >= SIZE_MAX / sizeof **v - 1)
		return -1;
	char **nv = realloc(*v, (*n + 1) * sizeof *nv);
	if (!nv)
		return -1;
	*v = nv;
	if (!(nv[*n] = strdup(s)))
		return -1;
	return (long)(*n)++;
}

long util_strv_find(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return (long)i;
	return -1;
}

long util_strv_intern(char ***v, size_t *n, const char *s)
{
	long i = util_strv_find(*v, *n, s);
	return i >= 0 ? i : util_strv_push(v, n, s);
}

void util_strv_release(char ***v, size_t *n)
{
	if (!v)
		return;
	for (size_t i = 0; i < *n; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
	*n = 0;
}
