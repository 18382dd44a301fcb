/* The opaque JSON value of vmtriage/json.h over cJSON, and the helpers the
 * library's cJSON writers share. */
#include "util/json_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/util_int.h"

cJSON *util_json_hex64(uint64_t v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)v);
	return cJSON_CreateString(buf);
}

cJSON *util_json_add_string_or_null(cJSON *obj, const char *key, const char *s)
{
	return s ? cJSON_AddStringToObject(obj, key, s) : cJSON_AddNullToObject(obj, key);
}

/* Logs hold whatever a crashed system wrote, and cJSON copies bytes >= 0x80
 * into strings as they are: make the text valid UTF-8 (JSON requires it) by
 * turning each byte of an invalid sequence into '?'. */
static void utf8_scrub(char *s)
{
	unsigned char *p = (unsigned char *)s;
	size_t left = strlen(s);
	unsigned long cp;
	while (left) {
		size_t n = util_utf8_seq(p, left, &cp);
		if (n == 0)
			*p = '?', n = 1;
		p += n;
		left -= n;
	}
}

int util_json_print(FILE *fp, const cJSON *value, enum vt_format fmt)
{
	char *s = fmt == VT_FORMAT_NDJSON ? cJSON_PrintUnformatted(value) : cJSON_Print(value);
	int rc = 0;
	if (!s)
		return -1;
	utf8_scrub(s);
	if (fputs(s, fp) == EOF || fputc('\n', fp) == EOF)
		rc = -1;
	free(s);
	return rc;
}

struct vt_json *vt_json_object_new(void)
{
	return util_json(cJSON_CreateObject());
}

struct vt_json *vt_json_array_new(void)
{
	return util_json(cJSON_CreateArray());
}

void vt_json_free(struct vt_json *v)
{
	cJSON_Delete(util_cjson(v));
}

struct vt_json *vt_json_add(struct vt_json *obj, const char *key, struct vt_json *value)
{
	cJSON *o = util_cjson(obj), *v = util_cjson(value);
	if (!v)
		return NULL;
	if (!cJSON_IsObject(o) || !cJSON_AddItemToObject(o, key, v)) {
		cJSON_Delete(v);
		return NULL;
	}
	return value;
}

struct vt_json *vt_json_add_string(struct vt_json *obj, const char *key, const char *s)
{
	return util_json(util_json_add_string_or_null(util_cjson(obj), key, s));
}

struct vt_json *vt_json_add_number(struct vt_json *obj, const char *key, double v)
{
	return util_json(cJSON_AddNumberToObject(util_cjson(obj), key, v));
}

struct vt_json *vt_json_add_bool(struct vt_json *obj, const char *key, bool v)
{
	return util_json(cJSON_AddBoolToObject(util_cjson(obj), key, v));
}

struct vt_json *vt_json_add_object(struct vt_json *obj, const char *key)
{
	return util_json(cJSON_AddObjectToObject(util_cjson(obj), key));
}

struct vt_json *vt_json_add_array(struct vt_json *obj, const char *key)
{
	return util_json(cJSON_AddArrayToObject(util_cjson(obj), key));
}

struct vt_json *vt_json_append(struct vt_json *arr, struct vt_json *value)
{
	cJSON *a = util_cjson(arr), *v = util_cjson(value);
	if (!v)
		return NULL;
	if (!cJSON_IsArray(a) || !cJSON_AddItemToArray(a, v)) {
		cJSON_Delete(v);
		return NULL;
	}
	return value;
}

const struct vt_json *vt_json_get(const struct vt_json *obj, const char *key)
{
	const cJSON *o = util_cjson_const(obj);
	return cJSON_IsObject(o) ? util_json_const(cJSON_GetObjectItemCaseSensitive(o, key)) : NULL;
}

int vt_json_print(FILE *fp, const struct vt_json *v, enum vt_format fmt)
{
	return util_json_print(fp, util_cjson_const(v), fmt);
}
