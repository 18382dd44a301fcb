/* Byte-string helpers shared by the byte-list parser and the log scanner:
 * lines may hold NULs, so nothing relies on NUL termination of the text. */
#ifndef VMTRIAGE_BYTESTR_H
#define VMTRIAGE_BYTESTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The first occurrence of the NUL-terminated needle in hay[0..n), or NULL;
 * an empty needle matches at hay. (memmem, which POSIX does not have.) */
const char *vt_memfind(const char *hay, size_t n, const char *needle);

/* An unsigned number at p[0..n) in base 10 or 16 ("0x" allowed for 16):
 * false when there is no digit or it overflows 64 bits; *used (if not
 * NULL) gets the bytes read. */
bool vt_parse_u64(const char *p, size_t n, unsigned base, uint64_t *out, size_t *used);

#endif
