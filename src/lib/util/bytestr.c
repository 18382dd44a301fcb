#include "util/util_int.h"

#include <string.h>

const char *util_memfind(const char *hay, size_t n, const char *needle)
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

bool util_parse_u64(const char *p, size_t n, unsigned base, uint64_t *out, size_t *used)
{
	size_t i = 0;
	uint64_t v = 0;
	if (base == 16 && n >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		i = 2;
	size_t start = i;
	for (; i < n; i++) {
		int d = util_hex_digit(p[i]);
		if (d < 0 || (unsigned)d >= base)
			break;
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			return false;
		v = v * base + (uint64_t)d;
	}
	if (i == start)
		return false;
	*out = v;
	if (used)
		*used = i;
	return true;
}
