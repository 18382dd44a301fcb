/* util's helpers shared by every folder of src/lib (not installed): byte
 * strings, the checked growth helper, the bounded reader, the string
 * builder and the string list. */
#ifndef VMTRIAGE_UTIL_INT_H
#define VMTRIAGE_UTIL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "vmtriage/error.h"
#include "util/strmap_int.h"

/* Byte-string helpers shared by the byte-list parser and the log scanner:
 * lines may hold NULs, so nothing relies on NUL termination of the text. */

/* Length of the valid UTF-8 sequence at p[0..n) (1..4), or 0 when it is not
 * one (overlong, surrogate, above U+10FFFF, cut short); *cp gets the code
 * point (textsafe.c: the terminal escape and the JSON printer's scrub). */
size_t util_utf8_seq(const unsigned char *p, size_t n, unsigned long *cp);

/* The value of one hex digit, or -1. */
static inline int util_hex_digit(char c)
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
const char *util_memfind(const char *hay, size_t n, const char *needle);

/* An unsigned number at p[0..n) in base 10 or 16 ("0x" allowed for 16):
 * false when there is no digit or it overflows 64 bits; *used (if not
 * NULL) gets the bytes read. */
bool util_parse_u64(const char *p, size_t n, unsigned base, uint64_t *out, size_t *used);

/* Growing arrays: one helper instead of the same realloc dance everywhere. */

/* The capacity util_vec_reserve gives: 16, then doubling. */
#define UTIL_VEC_FIRST 16

/* Make room for exactly `need` elements (no doubling): for one allocation
 * of a size known up front (a REP's count, a bounded buffer's next step).
 * Returns 0, or -1 when out of memory or on overflow (*v, *cap unchanged). */
static inline int util_vec_reserve_exact(void *v, size_t *cap, size_t need, size_t size)
{
	void **p = v;
	if (need <= *cap)
		return 0;
	if (size && need > SIZE_MAX / size)
		return -1;
	void *grown = realloc(*p, need * size);
	if (!grown)
		return -1;
	*p = grown;
	*cap = need;
	return 0;
}

/* Make room for `need` elements of `size` bytes in *v (capacity *cap),
 * doubling from UTIL_VEC_FIRST. Returns 0, or -1 when out of memory or when
 * the size would not fit in a size_t (*v and *cap unchanged). */
static inline int util_vec_reserve(void *v, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : UTIL_VEC_FIRST;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return -1;
		n *= 2;
	}
	return util_vec_reserve_exact(v, cap, n, size);
}

/* The capacity util_vec_reserve has given an array of n elements that only
 * it grew: for arrays kept as (pointer, count) pairs in public structs,
 * which have no capacity field. */
static inline size_t util_vec_cap(size_t n)
{
	size_t cap = n ? UTIL_VEC_FIRST : 0;
	while (cap < n)
		cap *= 2;
	return cap;
}

/* The one bounded reader: a whole file or stream into memory, never more
 * than a cap the input cannot raise. Callers word their own errors. */

/* Read fd to its end into a malloc'ed buffer (a NUL after the data, not
 * counted in *len). Returns VT_OK; VT_ERR_LIMIT when fd holds more than max
 * bytes (max < SIZE_MAX); VT_ERR_IO with errno set; VT_ERR_NOMEM. *buf is NULL
 * on failure. */
int util_read_fd(int fd, size_t max, char **buf, size_t *len);

/* The string builder: a growing NUL-terminated string whose allocation
 * failure sticks (nomem), so a caller appends freely and checks once. */

struct util_sbuf {
	char *p;        /* NULL until the first append; free() it */
	size_t n, cap;
	bool nomem;
};
void util_sbuf_put(struct util_sbuf *b, const char *s, size_t n);
void util_sbuf_puts(struct util_sbuf *b, const char *s);

/* The string list: an array of malloc'ed copies, kept as a (char **, count)
 * pair so it can live in a public struct (paths, labels, sleds). Only these
 * functions grow it: they double through util_vec_reserve, taking the
 * capacity from the count (util_vec_cap). */

/* Append a copy of s; returns its index, or -1 when out of memory. */
long util_strv_push(char ***v, size_t *n, const char *s);
/* Index of s in v[0..n), or -1. */
long util_strv_find(char *const *v, size_t n, const char *s);
/* The index of s, appending a copy when absent; -1 when out of memory. */
long util_strv_intern(char ***v, size_t *n, const char *s);
/* Sort v[0..n) by strcmp. */
void util_strv_sort(char **v, size_t n);
/* Free every string and the array; *v = NULL, *n = 0. */
void util_strv_release(char ***v, size_t *n);

/* ---- Safe opens of untrusted inputs (openfile.c). */
/* Open path read-only with O_NONBLOCK (a FIFO cannot block the open) and
 * keep it only when it is a regular file: VT_OK with *fd, or VT_ERR_IO
 * ("not a regular file", or errno's text); the message does not name path. */
int util_open_regular(const char *path, int *fd, struct vt_error *err);

/* Open the regular file rel under dir one component at a time (openat with
 * O_NOFOLLOW): a symlink anywhere in rel, "..", or a leading '/' is
 * refused (VT_ERR_INPUT), so nothing outside dir can be reached. */
int util_open_beneath(const char *dir, const char *rel, int *fd, struct vt_error *err);

/* ---- The string map (strmap_int.h) as the walk and bundles use it. */
/* Add key -> val unless key is there (then *old, if not NULL, gets its
 * value). 1 added, 0 present, -1 out of memory. */
int util_strmap_add(struct util_strmap *m, const char *key, size_t val, size_t *old);
/* Whether key is there (*val, if not NULL, gets its value). */
bool util_strmap_has(const struct util_strmap *m, const char *key, size_t *val);
/* "a\nb" into buf (a zone and a bundle id, say): keys of two parts. */
const char *util_strmap_key2(const char *a, const char *b, char *buf, size_t size);

/* A cJSON tree from the streaming writer: the record types have one writer
 * each (jsonw), and the reports still built with cJSON parse its output
 * back rather than keep a second field list. Runs write(w, arg) into memory
 * and parses the value it wrote; NULL when out of memory. */
struct vt_jw;
struct cJSON;
struct cJSON *util_jw_tree(void (*write)(struct vt_jw *w, const void *arg), const void *arg);

/* CPU time for the stats of `bundles --stats`: per thread, so parallel
 * readers can split their own time between reading, inflating and scanning. */
/* Nanoseconds of CPU (user + system) used by the calling thread, from
 * CLOCK_THREAD_CPUTIME_ID (POSIX; Linux, illumos and the BSDs have it).
 * Where it is missing, monotonic wall time instead: then the figures are
 * upper bounds (util_thread_cpu_is_wall() says which). */
uint64_t util_thread_cpu_ns(void);
int util_thread_cpu_is_wall(void);
/* Monotonic wall-clock nanoseconds. */
uint64_t util_wall_ns(void);

#endif
