/* Reports back into crash and bundle records: the inverse of
 * bundles_json.c, checked as untrusted input. */
#include "report/merge_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/util_int.h"
#include "vmtriage/timestamp.h"

#include "vmtriage/bundle.h"

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static long num_or(const cJSON *o, const char *key, long dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsNumber(v) ? (long)v->valuedouble : dflt;
}

/* A label shared by many crashes: kept once. */
const char *merge_intern(struct vt_merge *m, const char *s)
{
	if (!s)
		return NULL;
	long i = util_strv_intern(&m->labels, &m->nlabels, s);
	return i < 0 ? NULL : m->labels[i];
}

static bool kind_of(const char *name, enum vt_exit_kind *out)
{
	for (int k = 0; name && k < VT_KIND_COUNT; k++)
		if (strcmp(vt_exit_kind_name((enum vt_exit_kind)k), name) == 0)
			return *out = (enum vt_exit_kind)k, true;
	return false;
}

static bool evidence_of(const char *name, enum vt_evidence *out)
{
	for (int e = 0; name && e <= VT_EVIDENCE_LOG; e++)
		if (strcmp(vt_evidence_name((enum vt_evidence)e), name) == 0)
			return *out = (enum vt_evidence)e, true;
	return false;
}

/* Schema 2 "bytes" (hex), else 0.1's "inst_data" (an array of numbers). */
static void inst_of(const cJSON *o, struct vt_found *f)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "inst_data"), *b;
	const char *hex = str_of(o, "bytes");
	f->redacted = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "redacted"));
	f->has_inst = f->redacted || cJSON_IsArray(a) || hex;
	for (size_t i = 0; hex && hex[i] && hex[i + 1] && f->ninst < VT_INSN_MAX; i += 2) {
		int hi = util_hex_digit(hex[i]), lo = util_hex_digit(hex[i + 1]);
		if (hi < 0 || lo < 0)
			break;
		f->inst[f->ninst++] = (uint8_t)(hi << 4 | lo);
	}
	cJSON_ArrayForEach(b, a)
		if (f->ninst < VT_INSN_MAX && cJSON_IsNumber(b))
			f->inst[f->ninst++] = (uint8_t)b->valueint;
}

static int64_t when_of(const struct vt_found *f, const char *created)
{
	int64_t t;
	if (f->time[0] && vt_bundle_time_parse(f->time, &t))
		return t;
	return created && vt_bundle_time_parse(created, &t) ? t : VT_TIME_UNKNOWN;
}

static int required(const cJSON *o, const char **member, const char **path, const char **sig, struct vt_error *err)
{
	*member = str_of(o, "member");
	*path = str_of(o, "path");
	*sig = str_of(o, "signature");
	if (!*member || !*path || !*sig || !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(o, "line")))
		return vt_error_set(err, VT_ERR_INPUT, "a crash lacks path, member, line or signature");
	return VT_OK;
}

static int classes_of(const cJSON *o, struct vt_found *f, struct vt_error *err)
{
	const struct vt_class *c = vt_class_by_name(str_of(o, "class") ? str_of(o, "class") : "");
	if (!kind_of(str_of(o, "exit_kind"), &f->kind))
		return vt_error_set(err, VT_ERR_INPUT, "unknown exit_kind \"%s\"", str_of(o, "exit_kind") ? str_of(o, "exit_kind") : "");
	if (!c)
		return vt_error_set(err, VT_ERR_INPUT, "unknown class \"%s\"", str_of(o, "class") ? str_of(o, "class") : "");
	if (!evidence_of(str_of(o, "evidence"), &f->evidence))
		return vt_error_set(err, VT_ERR_INPUT, "unknown evidence \"%s\"", str_of(o, "evidence") ? str_of(o, "evidence") : "");
	f->cls = c->id;
	return VT_OK;
}

int merge_found_of(struct vt_merge *m, const cJSON *o, struct vt_found *f, struct vt_error *err)
{
	const char *member, *path, *sig;
	int rc;
	memset(f, 0, sizeof *f);
	if (!cJSON_IsObject(o))
		return vt_error_set(err, VT_ERR_INPUT, "a crash is not a JSON object");
	if ((rc = required(o, &member, &path, &sig, err)) != VT_OK || (rc = classes_of(o, f, err)) != VT_OK)
		return rc;
	f->line = (uint64_t)cJSON_GetObjectItemCaseSensitive(o, "line")->valuedouble;
	/* schema 2: time (normalised) and time_text (as printed); 0.1: time as printed */
	const char *t = str_of(o, "time"), *text = str_of(o, "time_text");
	snprintf(f->time, sizeof f->time, "%s", text ? text : t ? t : "");
	if (t)
		vt_timestamp_parse(t, strlen(t), NULL, &f->at);
	f->when = f->at.known ? f->at.sec : when_of(f, str_of(o, "time_created"));
	f->vcpu = (int)num_or(o, "vcpu", -1);
	f->len = (int)num_or(o, "len", -1);
	inst_of(o, f);
	if (str_of(o, "instruction")) { /* 0.1: the instruction's text */
		snprintf(f->instruction, sizeof f->instruction, "%s", str_of(o, "instruction"));
		vt_cluster_form(f->instruction, f->form, sizeof f->form);
	} else if (strchr(sig, '/') && strchr(strchr(sig, '/') + 1, '/')) { /* the signature's form */
		snprintf(f->form, sizeof f->form, "%s", strchr(strchr(sig, '/') + 1, '/') + 1);
	}
	snprintf(f->signature, sizeof f->signature, "%s", sig);
	snprintf(f->signature_id, sizeof f->signature_id, "%s", str_of(o, "signature_id") ? str_of(o, "signature_id") : "");
	f->sled = merge_intern(m, str_of(o, "sled"));
	f->rack = merge_intern(m, str_of(o, "rack"));
	f->zone = dup_or_null(str_of(o, "zone"));
	f->bundle_id = dup_or_null(str_of(o, "bundle_id"));
	f->path = strdup(path);
	f->member = strdup(member);
	f->bundle = SIZE_MAX;
	if (!f->path || !f->member || (str_of(o, "zone") && !f->zone) || (str_of(o, "bundle_id") && !f->bundle_id))
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	return VT_OK;
}

static int strings_of(const cJSON *a, char ***v, size_t *n)
{
	const cJSON *s;
	cJSON_ArrayForEach(s, a)
		if (cJSON_IsString(s) && merge_add_string(v, n, s->valuestring) < 0)
			return -1;
	return 0;
}

int merge_add_string(char ***v, size_t *n, const char *s)
{
	return util_strv_intern(v, n, s) < 0 ? -1 : 0;
}

static int cores_of(const cJSON *a, struct vt_bundle_rec *b)
{
	const cJSON *c;
	cJSON_ArrayForEach(c, a) {
		struct vt_core *v = realloc(b->cores, (b->ncores + 1) * sizeof *v);
		if (!v)
			return -1;
		b->cores = v;
		struct vt_core *k = &v[b->ncores];
		if (!(k->path = strdup(str_of(c, "path") ? str_of(c, "path") : "")))
			return -1;
		const cJSON *size = cJSON_GetObjectItemCaseSensitive(c, "size");
		k->size = cJSON_IsNumber(size) ? (uint64_t)size->valuedouble : 0;
		if (!str_of(c, "time") || !vt_bundle_time_parse(str_of(c, "time"), &k->time))
			k->time = VT_TIME_UNKNOWN;
		b->ncores++;
	}
	return 0;
}

static void meta_of(const cJSON *o, struct vt_bundle_rec *b)
{
	const char *created = str_of(o, "time_created"), *cause = str_of(o, "cause");
	b->has_meta = created || cause;
	snprintf(b->meta.time_created, sizeof b->meta.time_created, "%s", created ? created : "");
	snprintf(b->meta.cause, sizeof b->meta.cause, "%s", cause ? cause : "");
	b->meta.version = (int)num_or(o, "version", -1);
}

/* Fill b from a report's bundle; on a later copy of a known bundle only
 * its paths are added. */
int merge_bundle_of(const cJSON *o, struct vt_bundle_rec *b, bool known, struct vt_error *err)
{
	if (!known) {
		b->zone = strdup(str_of(o, "zone"));
		b->bundle_id = strdup(str_of(o, "bundle_id"));
		meta_of(o, b);
		b->members = (unsigned)num_or(o, "members", 0);
		b->logs = (unsigned)num_or(o, "logs", 0);
		b->propolis_log = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "propolis_log"));
		b->damaged = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "damaged"));
		b->ext_crashes = (size_t)num_or(o, "ext_crashes", 0);
		if (!b->zone || !b->bundle_id || cores_of(cJSON_GetObjectItemCaseSensitive(o, "cores"), b) < 0)
			return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
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
