/* Growing arrays: one helper instead of the same realloc dance everywhere. */
#ifndef VMTRIAGE_VEC_H
#define VMTRIAGE_VEC_H

#include <stdint.h>
#include <stdlib.h>

/* The capacity vt_vec_reserve gives: 16, then doubling. */
#define VT_VEC_FIRST 16

/* Make room for `need` elements of `size` bytes in *v (capacity *cap),
 * doubling from VT_VEC_FIRST. Returns 0, or -1 when out of memory or when
 * the size would not fit in a size_t (*v and *cap unchanged). */
static inline int vt_vec_reserve(void *v, size_t *cap, size_t need, size_t size)
{
	void **p = v;
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : VT_VEC_FIRST;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return -1;
		n *= 2;
	}
	if (size && n > SIZE_MAX / size)
		return -1;
	void *grown = realloc(*p, n * size);
	if (!grown)
		return -1;
	*p = grown;
	*cap = n;
	return 0;
}

/* The capacity vt_vec_reserve has given an array of n elements that only
 * it grew: for arrays kept as (pointer, count) pairs in public structs,
 * which have no capacity field. */
static inline size_t vt_vec_cap(size_t n)
{
	size_t cap = n ? VT_VEC_FIRST : 0;
	while (cap < n)
		cap *= 2;
	return cap;
}

#endif
