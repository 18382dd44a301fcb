#include "memfind.h"

#include <string.h>

const char *vt_memfind(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	if (m == 0)
		return hay;
	while (n >= m) { /* memchr for the first byte, then compare */
		const char *p = memchr(hay, needle[0], n - m + 1);
		if (!p)
			return NULL;
		if (memcmp(p, needle, m) == 0)
			return p;
		n -= (size_t)(p - hay) + 1;
		hay = p + 1;
	}
	return NULL;
}
