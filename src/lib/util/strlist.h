/* The string list: an array of malloc'ed copies, kept as a (char **, count)
 * pair so it can live in a public struct (paths, labels, sleds). */
#ifndef VMTRIAGE_STRLIST_H
#define VMTRIAGE_STRLIST_H

#include <stddef.h>

/* Append a copy of s; returns its index, or -1 when out of memory. */
long vt_strv_push(char ***v, size_t *n, const char *s);
/* Index of s in v[0..n), or -1. */
long vt_strv_find(char *const *v, size_t n, const char *s);
/* The index of s, appending a copy when absent; -1 when out of memory. */
long vt_strv_intern(char ***v, size_t *n, const char *s);
/* Free every string and the array; *v = NULL, *n = 0. */
void vt_strv_free(char ***v, size_t *n);

#endif
