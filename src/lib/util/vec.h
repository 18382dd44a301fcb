/* Growing arrays: one helper instead of the same realloc dance everywhere. */
#ifndef VMTRIAGE_VEC_H
#define VMTRIAGE_VEC_H

#include <stdlib.h>

/* Make room for `need` elements of `size` bytes in *v (capacity *cap),
 * doubling from 16. Returns 0, or -1 when out of memory (*v unchanged). */
static inline int vt_vec_reserve(void *v, size_t *cap, size_t need, size_t size)
{
	void **p = v;
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap * 2 : 16;
	while (n < need)
		n *= 2;
	void *grown = realloc(*p, n * size);
	if (!grown)
		return -1;
	*p = grown;
	*cap = n;
	return 0;
}

#endif
