/* JSON for bundles reports. 64-bit values are hex strings (output.h);
 * times are RFC 3339 strings; absent values are null, never omitted. */
#include "report/bundles_json_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay/models_int.h"
#include "util/json_int.h"
#include "vmtriage/crash_report.h"

static cJSON *time_or_null(int64_t t)
{
	char buf[32];
	if (t == VT_TIME_UNKNOWN)
		return cJSON_CreateNull();
	vt_bundle_time_format(t, buf, sizeof buf);
	return cJSON_CreateString(buf);
}

static cJSON *timestamp_or_null(const struct vt_timestamp *t)
{
	char buf[VT_TIMESTAMP_TEXT_MAX];
	if (!t->known)
		return cJSON_CreateNull();
	vt_timestamp_format(t, buf, sizeof buf);
	return cJSON_CreateString(buf);
}

/* A full time as text, normalised (UTC, "Z"); null when it is not one. */
static cJSON *rfc3339_or_null(const char *text)
{
	struct vt_timestamp t;
	char buf[VT_TIMESTAMP_TEXT_MAX];
	if (!text[0] || !vt_timestamp_parse(text, strlen(text), NULL, &t) || !t.known)
		return cJSON_CreateNull();
	vt_timestamp_format(&t, buf, sizeof buf);
	return cJSON_CreateString(buf);
}

static cJSON *strings(char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

static void add_int_or_null(cJSON *o, const char *key, long long v, bool known)
{
	if (known)
		cJSON_AddNumberToObject(o, key, (double)v);
	else
		cJSON_AddNullToObject(o, key);
}

static void add_bytes_or_null(cJSON *o, const char *key, const uint8_t *b, size_t n, bool known)
{
	char hex[2 * VT_INSN_MAX + 1];
	if (!known) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	vt_hex_bytes(b, n < VT_INSN_MAX ? n : VT_INSN_MAX, 0, hex, sizeof hex);
	cJSON_AddStringToObject(o, key, hex);
}

/* A crash read back from a report (merge) has only what the report kept:
 * a record rebuilt from those fields, the rest unknown. */
static void crash_of_found(const struct vt_found *f, struct vt_crash *c)
{
	vt_crash_init(c);
	c->line = c->end_line = f->line;
	snprintf(c->time, sizeof c->time, "%s", f->time);
	c->vcpu = f->vcpu;
	c->kind = f->kind;
	c->has_inst = f->has_inst;
	c->redacted = f->redacted;
	memcpy(c->inst, f->inst, f->ninst);
	c->ninst = f->ninst;
	c->len = f->len;
	c->cls.id = f->cls;
	c->hypervisor = f->hypervisor;
	c->mode = f->code_bits;
	vt_crash_place_time(c, NULL);
	if (f->at.known)
		c->when = f->at;
}

cJSON *bnd_crash_json(const struct vt_bundles_result *r, size_t i)
{
	const struct vt_found *f = &r->crashes[i];
	const struct vt_bundle_rec *b = f->bundle < r->nbundles ? &r->bundles[f->bundle] : NULL;
	struct vt_crash_where w = { f->path, f->member, f->zone, f->bundle_id, f->sled, f->rack };
	struct vt_crash *tmp = NULL;
	const struct vt_crash *c = f->crash;
	cJSON *o;

	if (!c) {
		if (!(tmp = malloc(sizeof *tmp)))
			return NULL;
		crash_of_found(f, tmp);
		c = tmp;
	}
	o = util_cjson(vt_crash_json(c, &w));
	free(tmp);
	/* A crash read back keeps the signature it was clustered by. */
	cJSON_ReplaceItemInObjectCaseSensitive(o, "signature", cJSON_CreateString(f->signature));
	cJSON_ReplaceItemInObjectCaseSensitive(o, "signature_id", cJSON_CreateString(f->signature_id));
	cJSON_AddItemToObject(o, "time_created", b && b->has_meta ? rfc3339_or_null(b->meta.time_created) : cJSON_CreateNull());
	util_json_add_string_or_null(o, "cause", b && b->has_meta ? b->meta.cause : NULL);
	cJSON_AddStringToObject(o, "evidence", vt_evidence_name(f->evidence));
	return o;
}

/* The location fields of a crash record. */
static cJSON *example_json(const struct vt_found *f)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "path", f->path);
	util_json_add_string_or_null(o, "member", f->member);
	cJSON_AddNumberToObject(o, "line", (double)f->line);
	cJSON_AddNumberToObject(o, "end_line", (double)(f->crash ? f->crash->end_line : f->line));
	util_json_add_string_or_null(o, "zone", f->zone);
	util_json_add_string_or_null(o, "bundle_id", f->bundle_id);
	util_json_add_string_or_null(o, "sled", f->sled);
	util_json_add_string_or_null(o, "rack", f->rack);
	return o;
}

#define VT_EXAMPLES 3

cJSON *bnd_cluster_json(const struct vt_bundles_result *r, size_t i)
{
	const struct vt_cluster *cl = &r->clusters[i];
	/* A cluster's crashes share a signature; the first one's hypervisor speaks for it. */
	const struct vt_class *c = vt_class_for(cl->cls, cl->count ? r->crashes[cl->crashes[0]].hypervisor : VT_HV_UNKNOWN);
	cJSON *o = cJSON_CreateObject(), *ex = cJSON_CreateArray(), *vars = cJSON_CreateArray();

	cJSON_AddStringToObject(o, "signature", cl->signature);
	cJSON_AddStringToObject(o, "signature_id", cl->id);
	cJSON_AddStringToObject(o, "exit_kind", vt_exit_kind_name(cl->kind));
	cJSON_AddStringToObject(o, "class", c ? c->name : "unknown");
	util_json_add_string_or_null(o, "instruction_form", cl->form[0] ? cl->form : NULL);
	cJSON_AddNumberToObject(o, "count", (double)cl->count);
	cJSON_AddNumberToObject(o, "zones", (double)cl->nzones);
	cJSON_AddNumberToObject(o, "bundles", (double)cl->nbundles);
	cJSON_AddItemToObject(o, "first_seen", timestamp_or_null(&cl->first_at));
	cJSON_AddItemToObject(o, "last_seen", timestamp_or_null(&cl->last_at));
	for (size_t k = 0; k < cl->count && k < VT_EXAMPLES; k++)
		cJSON_AddItemToArray(ex, example_json(&r->crashes[cl->crashes[k]]));
	cJSON_AddItemToObject(o, "examples", ex);
	for (size_t k = 0; k < cl->nvariants; k++) {
		const struct vt_cluster_variant *v = &cl->variants[k];
		cJSON *vo = cJSON_CreateObject();
		cJSON_AddStringToObject(vo, "variant_id", v->id);
		add_bytes_or_null(vo, "bytes", v->bytes, v->nbytes, !v->redacted);
		add_int_or_null(vo, "len", (long long)v->nbytes, !v->redacted);
		cJSON_AddNumberToObject(vo, "count", (double)v->count);
		cJSON_AddItemToArray(vars, vo);
	}
	cJSON_AddItemToObject(o, "variants", vars);
	if (r->assessments) /* the model assessment's one writer (models_report.c) */
		cJSON_AddItemToObject(o, "model", model_assessment_json(r->model,
			vt_assess_name(r->assessments[i].verdict), r->assessments[i].reason));
	cJSON_AddStringToObject(o, "summary", c ? c->summary : "");
	cJSON_AddStringToObject(o, "explanation", c ? c->explanation : "");
	cJSON_AddStringToObject(o, "advice", c ? c->advice : "");
	return o;
}

cJSON *bnd_bundle_json(const struct vt_bundle_rec *b)
{
	cJSON *o = cJSON_CreateObject(), *cores = cJSON_CreateArray();
	cJSON_AddStringToObject(o, "zone", b->zone);
	cJSON_AddStringToObject(o, "bundle_id", b->bundle_id);
	cJSON_AddItemToObject(o, "paths", strings(b->paths, b->npaths));
	cJSON_AddItemToObject(o, "time_created", b->has_meta ? rfc3339_or_null(b->meta.time_created) : cJSON_CreateNull());
	util_json_add_string_or_null(o, "cause", b->has_meta ? b->meta.cause : NULL);
	cJSON_AddBoolToObject(o, "cause_known", b->has_meta && vt_bundle_cause_known(b->meta.cause));
	add_int_or_null(o, "version", b->meta.version, b->has_meta && b->meta.version >= 0);
	cJSON_AddNumberToObject(o, "members", b->members);
	cJSON_AddNumberToObject(o, "logs", b->logs);
	cJSON_AddBoolToObject(o, "propolis_log", b->propolis_log);
	cJSON_AddBoolToObject(o, "damaged", b->damaged);
	cJSON_AddNumberToObject(o, "crashes", (double)b->crashes);
	cJSON_AddNumberToObject(o, "ext_crashes", (double)b->ext_crashes);
	cJSON_AddItemToObject(o, "ext_logs", strings(b->ext_logs, b->next_logs));
	for (size_t i = 0; i < b->ncores; i++) {
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "path", b->cores[i].path);
		cJSON_AddNumberToObject(c, "size", (double)b->cores[i].size); /* a byte count, exact below 2^53 */
		cJSON_AddItemToObject(c, "time", time_or_null(b->cores[i].time));
		cJSON_AddItemToArray(cores, c);
	}
	cJSON_AddItemToObject(o, "cores", cores);
	return o;
}

cJSON *bnd_report_json(const struct vt_bundles_result *r)
{
	cJSON *o = cJSON_CreateObject(), *a;
	cJSON_AddStringToObject(o, "schema", VT_SCHEMA_BUNDLES);
	cJSON_AddItemToObject(o, "clusters", a = cJSON_CreateArray());
	for (size_t i = 0; i < r->nclusters; i++)
		cJSON_AddItemToArray(a, bnd_cluster_json(r, i));
	cJSON_AddItemToObject(o, "crashes", a = cJSON_CreateArray());
	for (size_t i = 0; i < r->ncrashes; i++)
		cJSON_AddItemToArray(a, bnd_crash_json(r, i));
	cJSON_AddItemToObject(o, "bundles", a = cJSON_CreateArray());
	for (size_t i = 0; i < r->nbundles; i++)
		cJSON_AddItemToArray(a, bnd_bundle_json(&r->bundles[i]));
	cJSON_AddItemToObject(o, "warnings", a = cJSON_CreateArray());
	for (size_t i = 0; i < r->warnings.n; i++)
		cJSON_AddItemToArray(a, util_cjson(vt_warning_json(r->warnings.v[i].where, 0,
								   r->warnings.v[i].what)));
	return o;
}

int vt_bundles_report_print(FILE *fp, const struct vt_bundles_result *r, enum vt_format fmt)
{
	if (fmt != VT_FORMAT_NDJSON) {
		cJSON *o = bnd_report_json(r);
		int rc = o ? util_json_print(fp, o, VT_FORMAT_JSON) : -1;
		cJSON_Delete(o);
		return rc;
	}
	for (size_t i = 0; i < r->ncrashes; i++) {
		cJSON *o = bnd_crash_json(r, i);
		int rc = o ? util_json_print(fp, o, VT_FORMAT_NDJSON) : -1;
		cJSON_Delete(o);
		if (rc < 0)
			return rc;
	}
	return 0;
}
