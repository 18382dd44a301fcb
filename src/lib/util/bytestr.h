/* Byte-string helpers shared by the byte-list parser and the log scanner:
 * lines may hold NULs, so nothing relies on NUL termination of the text. */
#ifndef VMTRIAGE_BYTESTR_H
#define VMTRIAGE_BYTESTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The value of one hex digit, or -1. */
static inline int vt_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The first occurrence of the NUL-terminated needle in hay[0..n), or NULL;
 * an empty needle matches at hay. (memmem, which POSIX does not have.) */
const char *vt_memfind(const char *hay, size_t n, const char *needle);

/* An unsigned number at p[0..n) in base 10 or 16 ("0x" allowed for 16):
 * false when there is no digit or it overflows 64 bits; *used (if not
 * NULL) gets the bytes read. */
bool vt_parse_u64(const char *p, size_t n, unsigned base, uint64_t *out, size_t *used);

#endif
