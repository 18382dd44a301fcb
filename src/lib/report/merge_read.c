/* Reports back into crash and bundle records: crash rows through the one
 * crash reader, bundle rows checked as untrusted input. */
#include "report/merge_int.h"

#include <stdlib.h>
#include <string.h>

#include "report/crash_sign_int.h"
#include "scan/crash_read_int.h"
#include "vmtriage/bundle.h"
#include "vmtriage/timestamp.h"

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A label shared by many crashes: kept once. */
const char *merge_intern(struct vt_merge *m, const char *s)
{
	struct vt_merge_index *ix = merge_index_of(m);
	if (!s || !s[0] || !ix)
		return NULL;
	size_t i = util_strmap_get(&ix->labels, s);
	if (i != SIZE_MAX)
		return m->labels[i];
	long k = util_strv_push(&m->labels, &m->nlabels, s);
	if (k < 0 || util_strmap_put(&ix->labels, s, (size_t)k) == SIZE_MAX)
		return NULL;
	return m->labels[k];
}

static bool evidence_of(const char *name, enum vt_evidence *out)
{
	for (int e = 0; name && e <= VT_EVIDENCE_LOG; e++)
		if (strcmp(vt_evidence_name((enum vt_evidence)e), name) == 0)
			return *out = (enum vt_evidence)e, true;
	return false;
}

/* "<kind>/<class>/<form>": the form is what follows the second '/'. */
static void form_of_signature(const char *sig, char *out, size_t size)
{
	const char *p = strchr(sig, '/');
	p = p ? strchr(p + 1, '/') : NULL;
	snprintf(out, size, "%s", p ? p + 1 : "");
}


static char *dup_or_null(const char *s)
{
	return s[0] ? strdup(s) : NULL;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static void fill(struct vt_found *f, const struct vt_crash *c, const struct vt_crash_rec *w)
{
	vt_found_set_crash(f, c);
	snprintf(f->instruction, sizeof f->instruction, "%s", w->instruction);
	snprintf(f->signature, sizeof f->signature, "%s", w->signature);
	form_of_signature(f->signature, f->form, sizeof f->form);
	if (w->signature_id[0])
		snprintf(f->signature_id, sizeof f->signature_id, "%s", w->signature_id);
	else
		vt_cluster_hash(f->signature, NULL, 0, f->signature_id);
	if (!evidence_of(w->evidence, &f->evidence))
		f->evidence = w->bundle_id[0] ? VT_EVIDENCE_BUNDLE : VT_EVIDENCE_LOG;
}

/* The crash's bundle: the report's, else one made from the row (NDJSON
 * has no bundle list). */
static int bundle_of_row(struct vt_merge *m, const cJSON *o, struct vt_found *f, const struct vt_crash_rec *w)
{
	if (!f->zone || !f->bundle_id || f->evidence != VT_EVIDENCE_BUNDLE)
		return VT_OK; /* a support bundle's id names no zone bundle */
	f->bundle = merge_find_bundle(m, f->zone, f->bundle_id);
	if (f->bundle != SIZE_MAX)
		return VT_OK;
	struct vt_bundle_rec *b = merge_new_bundle(m, f->zone, f->bundle_id);
	const cJSON *paths = cJSON_GetObjectItemCaseSensitive(o, "bundle_paths"), *p;
	if (!b)
		return VT_ERR_NOMEM;
	f->bundle = (size_t)(b - m->result.bundles);
	b->has_meta = w->time_created[0] || str_of(o, "cause");
	snprintf(b->meta.time_created, sizeof b->meta.time_created, "%s", w->time_created);
	snprintf(b->meta.cause, sizeof b->meta.cause, "%s", str_of(o, "cause") ? str_of(o, "cause") : "");
	b->meta.version = -1;
	cJSON_ArrayForEach(p, paths)
		if (cJSON_IsString(p) && util_strv_intern(&b->paths, &b->npaths, p->valuestring) < 0)
			return VT_ERR_NOMEM;
	return b->npaths || util_strv_push(&b->paths, &b->npaths, f->path) >= 0 ? VT_OK : VT_ERR_NOMEM;
}

static int found_of(struct vt_merge *m, const cJSON *o, struct vt_crash *c, struct vt_crash_rec *w,
		    struct vt_found *f, struct vt_error *err)
{
	int rc = scan_crash_from_json(o, c, w, err);
	if (rc != VT_OK)
		return rc;
	if (!w->path[0])
		return vt_error_set(err, VT_ERR_INPUT, "a crash has no \"path\" (or \"source\", \"member\")");
	if ((rc = crash_sign_complete(c, w, &m->decoder, err)) != VT_OK)
		return rc;
	fill(f, c, w);
	f->sled = merge_intern(m, w->sled);
	f->rack = merge_intern(m, w->rack);
	f->zone = dup_or_null(w->zone);
	f->bundle_id = dup_or_null(w->bundle_id);
	f->path = strdup(w->path);
	f->member = strdup(w->has_member ? w->member : base_name(w->path));
	if (!f->path || !f->member || (w->zone[0] && !f->zone) || (w->bundle_id[0] && !f->bundle_id) ||
	    (w->sled[0] && !f->sled) || (w->rack[0] && !f->rack) || bundle_of_row(m, o, f, w) != VT_OK)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	/* The crash's own time when placed, else its bundle's creation. */
	const struct vt_bundle_rec *b = f->bundle < m->result.nbundles ? &m->result.bundles[f->bundle] : NULL;
	const char *created = b && b->has_meta ? b->meta.time_created : w->time_created;
	f->at = c->when;
	if (!f->at.known && created[0])
		vt_timestamp_parse(created, strlen(created), NULL, &f->at);
	f->when = f->at.known ? f->at.sec : VT_TIME_UNKNOWN;
	return VT_OK;
}

int merge_found_of(struct vt_merge *m, const cJSON *o, struct vt_found *f, struct vt_error *err)
{
	struct vt_crash *c = malloc(sizeof *c);
	struct vt_crash_rec *w = malloc(sizeof *w);
	memset(f, 0, sizeof *f);
	f->bundle = SIZE_MAX;
	int rc = c && w ? found_of(m, o, c, w, f, err) : vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	if (rc == VT_OK) {
		c->excerpt[0] = '\0'; /* as bundles keeps it: the report points at the log */
		f->crash = c; /* registers, exit details, decode: the merged record is whole */
	} else {
		free(c);
	}
	free(w);
	return rc;
}

static int strings_of(const cJSON *a, char ***v, size_t *n)
{
	const cJSON *s;
	cJSON_ArrayForEach(s, a)
		if (cJSON_IsString(s) && util_strv_intern(v, n, s->valuestring) < 0)
			return -1;
	return 0;
}

#define SIZE_LIMIT 9007199254740991 /* 2^53 - 1: exact in a double */

static int cores_of(const cJSON *a, struct vt_bundle_rec *b, struct vt_error *err)
{
	const cJSON *c;
	cJSON_ArrayForEach(c, a) {
		int64_t size = 0;
		if (scan_json_int_field(c, "size", 0, SIZE_LIMIT, &size, err) < 0) {
			vt_error_prefix(err, "cores[%zu]", b->ncores);
			return VT_ERR_INPUT;
		}
		size_t cap = util_vec_cap(b->ncores);
		if (util_vec_reserve(&b->cores, &cap, b->ncores + 1, sizeof *b->cores) < 0)
			return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		struct vt_core *k = &b->cores[b->ncores];
		if (!(k->path = strdup(str_of(c, "path") ? str_of(c, "path") : "")))
			return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		k->size = (uint64_t)size;
		if (!str_of(c, "time") || !vt_bundle_time_parse(str_of(c, "time"), &k->time))
			k->time = VT_TIME_UNKNOWN;
		b->ncores++;
	}
	return VT_OK;
}

static int counts_of(const cJSON *o, struct vt_bundle_rec *b, struct vt_error *err)
{
	int64_t members = 0, logs = 0, ext = 0, version = -1;
	if (scan_json_int_field(o, "members", 0, UINT32_MAX, &members, err) < 0 ||
	    scan_json_int_field(o, "logs", 0, UINT32_MAX, &logs, err) < 0 ||
	    scan_json_int_field(o, "ext_crashes", 0, SIZE_LIMIT, &ext, err) < 0 ||
	    scan_json_int_field(o, "version", -1, INT32_MAX, &version, err) < 0)
		return VT_ERR_INPUT;
	b->members = (unsigned)members;
	b->logs = (unsigned)logs;
	b->ext_crashes = (size_t)ext;
	b->meta.version = (int)version;
	return VT_OK;
}

static void meta_of(const cJSON *o, struct vt_bundle_rec *b)
{
	const char *created = str_of(o, "time_created"), *cause = str_of(o, "cause");
	b->has_meta = created || cause;
	snprintf(b->meta.time_created, sizeof b->meta.time_created, "%s", created ? created : "");
	snprintf(b->meta.cause, sizeof b->meta.cause, "%s", cause ? cause : "");
}

/* Fill b from a report's bundle; on a later copy of a known bundle only
 * its paths are added. */
int merge_bundle_of(const cJSON *o, struct vt_bundle_rec *b, bool known, struct vt_error *err)
{
	int rc;
	if (!known) {
		meta_of(o, b);
		b->propolis_log = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "propolis_log"));
		b->damaged = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "damaged"));
		if ((rc = counts_of(o, b, err)) != VT_OK ||
		    (rc = cores_of(cJSON_GetObjectItemCaseSensitive(o, "cores"), b, err)) != VT_OK)
			return rc;
	}
	if (strings_of(cJSON_GetObjectItemCaseSensitive(o, "paths"), &b->paths, &b->npaths) < 0 ||
	    strings_of(cJSON_GetObjectItemCaseSensitive(o, "ext_logs"), &b->ext_logs, &b->next_logs) < 0)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	return VT_OK;
}

bool merge_is_bundle(const cJSON *o)
{
	return cJSON_IsObject(o) && str_of(o, "zone") && str_of(o, "bundle_id");
}
