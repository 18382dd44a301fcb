#include "util/util_int.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

long util_strv_push(char ***v, size_t *n, const char *s)
{
	size_t cap = util_vec_cap(*n);
	if (*n >= LONG_MAX || util_vec_reserve(v, &cap, *n + 1, sizeof **v) < 0 || !((*v)[*n] = strdup(s)))
		return -1;
	return (long)(*n)++;
}

static int by_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void util_strv_sort(char **v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, by_strcmp);
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
