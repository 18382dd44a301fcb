/* Merge reports: add (read), finish (dedupe, cluster, per sled). */
#include "report/merge_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
		vt_found_release(&f);
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

/* The whole file, at most VT_MERGE_REPORT_MAX bytes. */
static int read_all(int fd, const char *name, char **out, size_t *len, struct vt_error *err)
{
	int rc = util_read_fd(fd, VT_MERGE_REPORT_MAX, out, len);
	if (rc == VT_ERR_IO)
		return vt_error_set(err, VT_ERR_IO, "%s: %s", name, strerror(errno));
	if (rc == VT_ERR_LIMIT)
		return vt_error_set(err, VT_ERR_LIMIT, "%s: larger than %u bytes", name, VT_MERGE_REPORT_MAX);
	if (rc != VT_OK)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	return VT_OK;
}

int vt_merge_add_file(struct vt_merge *m, const char *path, struct vt_error *err)
{
	bool in = strcmp(path, "-") == 0;
	const char *name = in ? "(stdin)" : path;
	int fd = in ? STDIN_FILENO : open(path, O_RDONLY);
	char *text = NULL;
	size_t len = 0;
	if (fd < 0)
		return vt_error_set(err, VT_ERR_IO, "%s: %s", path, strerror(errno));
	int rc = read_all(fd, name, &text, &len, err);
	if (!in)
		close(fd);
	if (rc != VT_OK)
		return rc;
	cJSON *doc = scan_json_doc_parse(name, text, len, err);
	free(text);
	rc = doc ? merge_add_json(m, name, doc, err) : err->status;
	cJSON_Delete(doc);
	return rc;
}
