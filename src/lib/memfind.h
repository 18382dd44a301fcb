/* Byte-string search shared by the byte-list parser and the log scanner:
 * lines may hold NULs, so nothing relies on NUL termination of the text. */
#ifndef VMTRIAGE_MEMFIND_H
#define VMTRIAGE_MEMFIND_H

#include <stddef.h>

/* The first occurrence of the NUL-terminated needle in hay[0..n), or NULL;
 * an empty needle matches at hay. (memmem, which POSIX does not have.) */
const char *vt_memfind(const char *hay, size_t n, const char *needle);

#endif
