/* A streaming JSON writer: no allocation, no float formatting, so large
 * NDJSON outputs stay fast (cJSON formats every number through printf and
 * sscanf and allocates a tree per object). */
#ifndef VMTRIAGE_JSONW_H
#define VMTRIAGE_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

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
/* key is the member name inside an object, NULL inside an array or at top level. */
void vt_jw_object_begin(struct vt_jw *w, const char *key);
void vt_jw_object_end(struct vt_jw *w);
void vt_jw_array_begin(struct vt_jw *w, const char *key);
void vt_jw_array_end(struct vt_jw *w);
void vt_jw_string(struct vt_jw *w, const char *key, const char *s);     /* NULL -> null */
void vt_jw_stringn(struct vt_jw *w, const char *key, const char *s, size_t n);
void vt_jw_int(struct vt_jw *w, const char *key, long long v);
void vt_jw_bool(struct vt_jw *w, const char *key, bool v);
void vt_jw_null(struct vt_jw *w, const char *key);
void vt_jw_hex64(struct vt_jw *w, const char *key, uint64_t v);          /* "0x1f" */
void vt_jw_hexbytes(struct vt_jw *w, const char *key, const uint8_t *b, size_t n); /* "f36e" */
/* End a top-level value: a newline, and flush to the FILE. */
void vt_jw_end_document(struct vt_jw *w);
/* Write out what is buffered (also done by vt_jw_end_document). */
void vt_jw_flush(struct vt_jw *w);

#endif
