/* A streaming JSON writer: no allocation, no float formatting, so large
 * NDJSON outputs stay fast (cJSON formats every number through printf and
 * sscanf and allocates a tree per object). */
#ifndef VMTRIAGE_JSONW_H
#define VMTRIAGE_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define VT_JW_MAX_DEPTH 32

struct vt_jw {
	FILE *fp;
	bool pretty;              /* indented, as --json prints; else one line (NDJSON) */
	int depth;
	bool has_items[VT_JW_MAX_DEPTH];
	size_t len;               /* bytes buffered in buf: stdio per call was the bottleneck */
	char buf[16384];
};

void vt_jw_init(struct vt_jw *w, FILE *fp, bool pretty);

/* key is the member name inside an object, NULL inside an array or at top
 * level. Each call below is an inline wrapper that measures the key where
 * it is a literal, so the compiler folds its length (this runs for every
 * member of every object); the _k functions take the length given. */
static inline size_t vt_jw_klen(const char *key) { return key ? strlen(key) : 0; }

void vt_jw_object_begin_k(struct vt_jw *w, const char *key, size_t klen);
void vt_jw_array_begin_k(struct vt_jw *w, const char *key, size_t klen);
void vt_jw_stringn_k(struct vt_jw *w, const char *key, size_t klen, const char *s, size_t n);
void vt_jw_string_k(struct vt_jw *w, const char *key, size_t klen, const char *s);
void vt_jw_literal_k(struct vt_jw *w, const char *key, size_t klen, const char *s);
void vt_jw_int_k(struct vt_jw *w, const char *key, size_t klen, long long v);
void vt_jw_bool_k(struct vt_jw *w, const char *key, size_t klen, bool v);
void vt_jw_null_k(struct vt_jw *w, const char *key, size_t klen);
void vt_jw_hex64_k(struct vt_jw *w, const char *key, size_t klen, uint64_t v);
void vt_jw_hexbytes_k(struct vt_jw *w, const char *key, size_t klen, const uint8_t *b, size_t n);
void vt_jw_raw_k(struct vt_jw *w, const char *key, size_t klen, const char *json);

static inline void vt_jw_object_begin(struct vt_jw *w, const char *key)
{ vt_jw_object_begin_k(w, key, vt_jw_klen(key)); }
void vt_jw_object_end(struct vt_jw *w);
static inline void vt_jw_array_begin(struct vt_jw *w, const char *key)
{ vt_jw_array_begin_k(w, key, vt_jw_klen(key)); }
void vt_jw_array_end(struct vt_jw *w);
/* NULL s -> null */
static inline void vt_jw_string(struct vt_jw *w, const char *key, const char *s)
{ vt_jw_string_k(w, key, vt_jw_klen(key), s); }
/* A program constant known to need no escaping (no control bytes, '"' or
 * '\\'), such as the class table's texts, written without the byte scan. */
static inline void vt_jw_literal(struct vt_jw *w, const char *key, const char *s)
{ vt_jw_literal_k(w, key, vt_jw_klen(key), s); }
static inline void vt_jw_int(struct vt_jw *w, const char *key, long long v)
{ vt_jw_int_k(w, key, vt_jw_klen(key), v); }
static inline void vt_jw_bool(struct vt_jw *w, const char *key, bool v)
{ vt_jw_bool_k(w, key, vt_jw_klen(key), v); }
static inline void vt_jw_null(struct vt_jw *w, const char *key)
{ vt_jw_null_k(w, key, vt_jw_klen(key)); }
/* "0x1f" */
static inline void vt_jw_hex64(struct vt_jw *w, const char *key, uint64_t v)
{ vt_jw_hex64_k(w, key, vt_jw_klen(key), v); }
/* "f36e" */
static inline void vt_jw_hexbytes(struct vt_jw *w, const char *key, const uint8_t *b, size_t n)
{ vt_jw_hexbytes_k(w, key, vt_jw_klen(key), b, n); }
/* A value already serialised as JSON by the caller (one complete value). */
static inline void vt_jw_raw(struct vt_jw *w, const char *key, const char *json)
{ vt_jw_raw_k(w, key, vt_jw_klen(key), json); }
/* End a top-level value: a newline, and flush to the FILE. */
void vt_jw_end_document(struct vt_jw *w);
/* Write out what is buffered (also done by vt_jw_end_document). */
void vt_jw_flush(struct vt_jw *w);

#endif
