/* The library builds its JSON records with cJSON; the public API hands them
 * out as the opaque struct vt_json (vmtriage/json.h), which is a cJSON node
 * under another name. These casts are the one place the two names meet. */
#ifndef VMTRIAGE_UTIL_JSON_INT_H
#define VMTRIAGE_UTIL_JSON_INT_H

#include <stdint.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "vmtriage/json.h"

static inline cJSON *util_cjson(struct vt_json *v)
{
	return (cJSON *)(void *)v;
}

static inline const cJSON *util_cjson_const(const struct vt_json *v)
{
	return (const cJSON *)(const void *)v;
}

static inline struct vt_json *util_json(cJSON *c)
{
	return (struct vt_json *)(void *)c;
}

static inline const struct vt_json *util_json_const(const cJSON *c)
{
	return (const struct vt_json *)(const void *)c;
}

/* "0x7ff00010": the form every 64-bit quantity takes in JSON. */
cJSON *util_json_hex64(uint64_t v);
/* Add a string, or null when s is NULL. */
cJSON *util_json_add_string_or_null(cJSON *obj, const char *key, const char *s);
/* vt_json_print for the library's own trees. */
int util_json_print(FILE *fp, const cJSON *value, enum vt_format fmt);

#endif
