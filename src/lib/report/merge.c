/* Merge reports: add (read), finish (dedupe, cluster, per sled). */
#include "report/merge_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scan/crash_read_int.h"
#include "util/util_int.h"

void vt_merge_init(struct vt_merge *m)
{
	memset(m, 0, sizeof *m);
}

static int add_bundle(struct vt_merge *m, const cJSON *o, struct vt_error *err)
{
	const char *zone = cJSON_GetObjectItemCaseSensitive(o, "zone")->valuestring;
	const char *id = cJSON_GetObjectItemCaseSensitive(o, "bundle_id")->valuestring;
	size_t i = merge_find_bundle(m, zone, id);
	if (i != SIZE_MAX)
		return merge_bundle_of(o, &m->result.bundles[i], true, err);
	struct vt_bundle_rec *b = merge_new_bundle(m, zone, id);
	if (!b)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	return merge_bundle_of(o, b, false, err);
}

static int add_crash(struct vt_merge *m, const cJSON *o, struct vt_error *err)
{
	struct vt_bundles_result *r = &m->result;
	struct vt_found f;
	int rc = merge_found_of(m, o, &f, err);
	if (rc == VT_OK && util_vec_reserve(&r->crashes, &m->capcrashes, r->ncrashes + 1, sizeof *r->crashes) < 0)
		rc = vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	if (rc != VT_OK) {
		vt_found_free(&f);
		return rc;
	}
	r->crashes[r->ncrashes++] = f;
	m->rows++;
	return VT_OK;
}

/* Overlapping reports repeat warnings about the same files: keep one.
 * Schema 2 says "message" (and "line"), version 1 "what". */
static int add_warnings(struct vt_merge *m, const cJSON *a)
{
	const cJSON *w;
	struct vt_merge_index *ix = merge_index_of(m);
	if (!ix)
		return VT_ERR_NOMEM;
	cJSON_ArrayForEach(w, a) {
		const cJSON *where = cJSON_GetObjectItemCaseSensitive(w, "where");
		const cJSON *what = cJSON_GetObjectItemCaseSensitive(w, "message");
		if (!cJSON_IsString(what))
			what = cJSON_GetObjectItemCaseSensitive(w, "what");
		if (!cJSON_IsString(where) || !cJSON_IsString(what))
			continue;
		char *k = merge_key(where->valuestring, what->valuestring);
		size_t n = m->result.warnings.n;
		if (!k || util_strmap_put(&ix->warnings, k, n) == SIZE_MAX ||
		    (util_strmap_get(&ix->warnings, k) == n &&
		     vt_warnings_add(&m->result.warnings, where->valuestring, "%s", what->valuestring) < 0)) {
			free(k);
			return VT_ERR_NOMEM;
		}
		free(k);
	}
	return VT_OK;
}

int merge_add_json(struct vt_merge *m, const char *name, const cJSON *doc, struct vt_error *err)
{
	const cJSON *crashes = scan_crash_doc_list(doc);
	const cJSON *bundles = cJSON_GetObjectItemCaseSensitive(doc, "bundles"), *o;
	int rc = VT_OK;
	size_t i = 0, nb = 0;
	if (!crashes && !cJSON_GetObjectItemCaseSensitive(doc, "line"))
		return vt_error_set(err, VT_ERR_INPUT,
				    "%s: not a vmtriage report (no \"crashes\" array), crash row or crash", name);
	cJSON_ArrayForEach(o, bundles) { /* first: crashes point at them */
		if (rc == VT_OK && merge_is_bundle(o) && (rc = add_bundle(m, o, err)) != VT_OK && rc != VT_ERR_NOMEM)
			vt_error_prefix(err, "%s: bundles[%zu]", name, nb);
		nb++;
	}
	if (!crashes) {
		rc = add_crash(m, doc, err); /* one crash object */
		if (rc != VT_OK && rc != VT_ERR_NOMEM)
			vt_error_prefix(err, "%s", name);
	}
	cJSON_ArrayForEach(o, crashes) {
		if (rc != VT_OK)
			break;
		if ((rc = add_crash(m, o, err)) != VT_OK && rc != VT_ERR_NOMEM)
			vt_error_prefix(err, "%s: crash %zu", name, i);
		i++;
	}
	if (rc == VT_OK && add_warnings(m, cJSON_GetObjectItemCaseSensitive(doc, "warnings")) != VT_OK)
		rc = vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	m->reports += rc == VT_OK;
	return rc;
}

static int read_all(FILE *fp, const char *path, char **out, size_t *len, struct vt_error *err)
{
	size_t n = 0, cap = 1 << 16, k;
	char *buf = malloc(cap);
	do {
		if (buf && n + 1 == cap) {
			char *nb = realloc(buf, cap *= 2);
			if (!nb)
				free(buf);
			buf = nb;
		}
		if (!buf)
			return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		n += k = fread(buf + n, 1, cap - n - 1, fp);
	} while (k && n <= VT_MERGE_REPORT_MAX);
	buf[n] = '\0';
	int rc = ferror(fp) ? vt_error_set(err, VT_ERR_IO, "%s: %s", path, strerror(errno))
	       : n > VT_MERGE_REPORT_MAX ? vt_error_set(err, VT_ERR_LIMIT, "%s: larger than %u bytes", path, VT_MERGE_REPORT_MAX)
					 : VT_OK;
	if (rc != VT_OK)
		free(buf);
	else
		*out = buf, *len = n;
	return rc;
}

int vt_merge_add_file(struct vt_merge *m, const char *path, struct vt_error *err)
{
	bool in = strcmp(path, "-") == 0;
	const char *name = in ? "(stdin)" : path;
	FILE *fp = in ? stdin : fopen(path, "r");
	char *text = NULL;
	size_t len = 0;
	if (!fp)
		return vt_error_set(err, VT_ERR_IO, "%s: %s", path, strerror(errno));
	int rc = read_all(fp, name, &text, &len, err);
	if (!in)
		fclose(fp);
	if (rc != VT_OK)
		return rc;
	cJSON *doc = scan_json_doc_parse(name, text, len, err);
	free(text);
	rc = doc ? merge_add_json(m, name, doc, err) : err->status;
	cJSON_Delete(doc);
	return rc;
}
