/* Merge reports: add (read), finish (dedupe, cluster, per sled). */
#include "report/merge_int.h"
#include "util/util_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>


void vt_merge_init(struct vt_merge *m)
{
	memset(m, 0, sizeof *m);
}

static size_t find_bundle(const struct vt_bundles_result *r, const char *zone, const char *id)
{
	for (size_t i = 0; zone && id && i < r->nbundles; i++)
		if (strcmp(r->bundles[i].zone, zone) == 0 && strcmp(r->bundles[i].bundle_id, id) == 0)
			return i;
	return SIZE_MAX;
}

static int add_bundle(struct vt_merge *m, const cJSON *o, struct vt_error *err)
{
	struct vt_bundles_result *r = &m->result;
	const char *zone = cJSON_GetObjectItemCaseSensitive(o, "zone")->valuestring;
	const char *id = cJSON_GetObjectItemCaseSensitive(o, "bundle_id")->valuestring;
	size_t i = find_bundle(r, zone, id);
	if (i != SIZE_MAX)
		return merge_bundle_of(o, &r->bundles[i], true, err);
	size_t cap = util_vec_cap(r->nbundles);
	if (util_vec_reserve(&r->bundles, &cap, r->nbundles + 1, sizeof *r->bundles) < 0)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	memset(&r->bundles[r->nbundles], 0, sizeof r->bundles[0]);
	return merge_bundle_of(o, &r->bundles[r->nbundles++], false, err);
}

static int add_crash(struct vt_merge *m, const cJSON *o, struct vt_error *err)
{
	struct vt_bundles_result *r = &m->result;
	struct vt_found f;
	int rc = merge_found_of(m, o, &f, err);
	size_t cap = util_vec_cap(r->ncrashes);
	if (rc == VT_OK && util_vec_reserve(&r->crashes, &cap, r->ncrashes + 1, sizeof *r->crashes) < 0)
		rc = vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	if (rc != VT_OK) {
		vt_found_free(&f);
		return rc;
	}
	f.bundle = f.evidence == VT_EVIDENCE_BUNDLE ? find_bundle(r, f.zone, f.bundle_id) : SIZE_MAX;
	r->crashes[r->ncrashes++] = f;
	m->rows++;
	return VT_OK;
}

static bool has_warning(const struct vt_warnings *w, const char *where, const char *what)
{
	for (size_t i = 0; i < w->n; i++)
		if (strcmp(w->v[i].where, where) == 0 && strcmp(w->v[i].what, what) == 0)
			return true;
	return false;
}

/* Overlapping reports repeat warnings about the same files: keep one. */
static int add_warnings(struct vt_merge *m, const cJSON *a)
{
	const cJSON *w;
	cJSON_ArrayForEach(w, a) {
		const cJSON *where = cJSON_GetObjectItemCaseSensitive(w, "where");
		const cJSON *what = cJSON_GetObjectItemCaseSensitive(w, "message"); /* schema 2 */
		if (!what)
			what = cJSON_GetObjectItemCaseSensitive(w, "what"); /* 0.1 */
		if (cJSON_IsString(where) && cJSON_IsString(what) &&
		    !has_warning(&m->result.warnings, where->valuestring, what->valuestring) &&
		    vt_warnings_add(&m->result.warnings, where->valuestring, "%s", what->valuestring) < 0)
			return VT_ERR_NOMEM;
	}
	return VT_OK;
}

int vt_merge_add_json(struct vt_merge *m, const char *name, const cJSON *report, struct vt_error *err)
{
	const cJSON *crashes = cJSON_GetObjectItemCaseSensitive(report, "crashes");
	const cJSON *bundles = cJSON_GetObjectItemCaseSensitive(report, "bundles"), *o;
	int rc = VT_OK;
	size_t i = 0;
	if (!cJSON_IsObject(report) || !cJSON_IsArray(crashes))
		return vt_error_set(err, VT_ERR_INPUT, "%s: not a vmtriage bundles --json report (no \"crashes\" array)", name);
	cJSON_ArrayForEach(o, bundles) /* first: crashes point at them */
		if (rc == VT_OK && merge_is_bundle(o))
			rc = add_bundle(m, o, err);
	cJSON_ArrayForEach(o, crashes) {
		if (rc != VT_OK)
			break;
		if ((rc = add_crash(m, o, err)) != VT_OK && rc != VT_ERR_NOMEM)
			vt_error_prefix(err, "%s: crashes[%zu]", name, i);
		i++;
	}
	if (rc == VT_OK && add_warnings(m, cJSON_GetObjectItemCaseSensitive(report, "warnings")) != VT_OK)
		rc = vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	m->reports += rc == VT_OK;
	return rc;
}

static int read_all(FILE *fp, const char *path, char **out, struct vt_error *err)
{
	size_t n;
	int rc = util_read_fd(fileno(fp), VT_MERGE_REPORT_MAX, out, &n);
	if (rc == VT_ERR_NOMEM)
		return vt_error_set(err, rc, "out of memory");
	if (rc == VT_ERR_IO)
		return vt_error_set(err, rc, "%s: %s", path, strerror(errno));
	if (rc == VT_ERR_LIMIT)
		return vt_error_set(err, rc, "%s: larger than %u bytes", path, VT_MERGE_REPORT_MAX);
	return VT_OK;
}

int vt_merge_add_file(struct vt_merge *m, const char *path, struct vt_error *err)
{
	bool in = strcmp(path, "-") == 0;
	const char *name = in ? "(stdin)" : path;
	FILE *fp = in ? stdin : fopen(path, "r");
	char *text = NULL;
	if (!fp)
		return vt_error_set(err, VT_ERR_IO, "%s: %s", path, strerror(errno));
	int rc = read_all(fp, name, &text, err);
	if (!in)
		fclose(fp);
	if (rc != VT_OK)
		return rc;
	cJSON *doc = cJSON_Parse(text);
	free(text);
	rc = doc ? vt_merge_add_json(m, name, doc, err)
		 : vt_error_set(err, VT_ERR_INPUT, "%s: not JSON (a bundles --json report is expected)", name);
	cJSON_Delete(doc);
	return rc;
}
