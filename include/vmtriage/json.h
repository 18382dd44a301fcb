/* A JSON value built by the library and handed to its caller: the records
 * the CLI assembles into documents (scan's crashes and warnings, corpus
 * check and gate reports, firmware images, the merged report, fleet rows).
 * Opaque: the library's JSON implementation is its own business, so no
 * third-party type reaches this API. Large outputs stream through the
 * writer of vmtriage/jsonw.h instead. */
#ifndef VMTRIAGE_JSON_H
#define VMTRIAGE_JSON_H

#include <stdbool.h>
#include <stdio.h>

#include "vmtriage/output.h"

struct vt_json;

/* An empty object or array; NULL when out of memory. */
struct vt_json *vt_json_object_new(void);
struct vt_json *vt_json_array_new(void);
/* Free a value that is not part of another one, with everything in it;
 * NULL is fine. */
void vt_json_free(struct vt_json *v);

/* Members of an object, in the order they are added (the order printed).
 * Each returns the member, owned by obj, or NULL when out of memory or obj
 * is NULL. vt_json_add adopts value: it belongs to obj afterwards, or is
 * freed when it cannot be added. */
struct vt_json *vt_json_add(struct vt_json *obj, const char *key, struct vt_json *value);
/* s NULL: null. */
struct vt_json *vt_json_add_string(struct vt_json *obj, const char *key, const char *s);
struct vt_json *vt_json_add_number(struct vt_json *obj, const char *key, double v);
struct vt_json *vt_json_add_bool(struct vt_json *obj, const char *key, bool v);
struct vt_json *vt_json_add_object(struct vt_json *obj, const char *key);
struct vt_json *vt_json_add_array(struct vt_json *obj, const char *key);
/* Append value to an array, adopting it as vt_json_add does. */
struct vt_json *vt_json_append(struct vt_json *arr, struct vt_json *value);

/* The member key of obj (borrowed), or NULL when obj is not an object or
 * has no such member. */
const struct vt_json *vt_json_get(const struct vt_json *obj, const char *key);

/* Print a value and a newline: pretty for VT_FORMAT_JSON, one line for
 * NDJSON. Strings are printed as valid UTF-8 (a byte of an invalid sequence
 * becomes '?'). Returns 0, or -1 when out of memory or the write failed. */
int vt_json_print(FILE *fp, const struct vt_json *v, enum vt_format fmt);

#endif
