/* Documents that hold crash records: one object, an array, a --json
 * document with "crashes", or NDJSON rows. */
#include "scan/crash_read_int.h"

#include <string.h>

static size_t line_at(const char *text, const char *at)
{
	size_t line = 1;
	for (const char *p = text; at && p < at; p++)
		line += *p == '\n';
	return line;
}

static bool blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p >= end;
}

/* Each non-blank line one JSON value. */
static cJSON *ndjson(const char *name, const char *text, size_t len, struct vt_error *err)
{
	cJSON *rows = cJSON_CreateArray();
	const char *p = text, *end = text + len;
	size_t lineno = 0;
	while (rows && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *eol = nl ? nl : end, *stop;
		lineno++;
		if (!blank(p, eol)) {
			cJSON *v = cJSON_ParseWithLengthOpts(p, (size_t)(eol - p), &stop, false);
			if (!v || !blank(stop, eol)) {
				cJSON_Delete(v);
				cJSON_Delete(rows);
				vt_error_set(err, VT_ERR_INPUT, "%s:%zu: not valid JSON", name, lineno);
				return NULL;
			}
			cJSON_AddItemToArray(rows, v);
		}
		p = eol + 1;
	}
	if (!rows)
		vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	return rows;
}

cJSON *scan_json_doc_parse(const char *name, const char *text, size_t len, struct vt_error *err)
{
	const char *stop = NULL;
	cJSON *doc = cJSON_ParseWithLengthOpts(text, len, &stop, false);
	if (doc && blank(stop, text + len))
		return doc;
	cJSON_Delete(doc);
	/* Not one value: NDJSON when the first line is a value on its own. */
	const char *nl = memchr(text, '\n', len), *first_stop;
	cJSON *first = nl ? cJSON_ParseWithLengthOpts(text, (size_t)(nl - text), &first_stop, false) : NULL;
	bool rows = first && blank(first_stop, nl);
	cJSON_Delete(first);
	if (rows)
		return ndjson(name, text, len, err);
	if (!doc)
		stop = cJSON_GetErrorPtr();
	vt_error_set(err, VT_ERR_INPUT, "%s:%zu: not valid JSON", name, line_at(text, stop));
	return NULL;
}

const cJSON *scan_crash_doc_list(const cJSON *doc)
{
	const cJSON *crashes = cJSON_GetObjectItemCaseSensitive(doc, "crashes");
	if (cJSON_IsArray(doc))
		return doc;
	return cJSON_IsArray(crashes) ? crashes : NULL;
}

const cJSON *scan_crash_doc_pick(const cJSON *doc, size_t index, size_t *count)
{
	const cJSON *list = scan_crash_doc_list(doc);
	if (!list) {
		*count = cJSON_IsObject(doc);
		return index < *count ? doc : NULL;
	}
	*count = (size_t)cJSON_GetArraySize(list);
	return index < *count ? cJSON_GetArrayItem(list, (int)index) : NULL;
}

int vt_crash_read(const char *name, const char *text, size_t len, size_t index, struct vt_crash *c,
		  struct vt_crash_rec *w, size_t *count, struct vt_error *err)
{
	size_t n = 0;
	cJSON *doc = scan_json_doc_parse(name, text, len, err);
	if (!doc)
		return err && err->status ? err->status : VT_ERR_INPUT;
	const cJSON *o = scan_crash_doc_pick(doc, index, &n);
	int rc = VT_OK;
	if (count)
		*count = n;
	if (!o)
		rc = n ? vt_error_set(err, VT_ERR_INPUT, "%s: no crash %zu: it holds %zu crash%s (--index 0 to %zu)",
				      name, index, n, n == 1 ? "" : "es", n - 1)
		       : vt_error_set(err, VT_ERR_INPUT, "%s: it holds no crash", name);
	else if ((rc = scan_crash_from_json(o, c, w, err)) != VT_OK)
		vt_error_prefix(err, "%s: crash %zu", name, index);
	cJSON_Delete(doc);
	return rc;
}
