/* The opaque JSON value of vmtriage/json.h over cJSON, and the helpers the
 * library's cJSON writers share. */
#include "util/json_int.h"

#include <stdlib.h>

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

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];
	if (c < 0x80)
		return 1;
	/* The second byte's range depends on the lead (no overlongs, no
	 * surrogates, nothing past U+10FFFF); a NUL ends the text early. */
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
	else
		return 0;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

/* Logs hold whatever a crashed system wrote, and cJSON copies bytes >= 0x80
 * into strings as they are: make the text valid UTF-8 (JSON requires it) by
 * turning each byte of an invalid sequence into '?'. */
static void utf8_scrub(char *s)
{
	unsigned char *p = (unsigned char *)s;
	while (*p) {
		size_t n = utf8_len(p);
		if (n == 0)
			*p++ = '?';
		else
			p += n;
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
