/* JSON for bundles reports. 64-bit values are hex strings (output.h);
 * times are RFC 3339 strings; absent values are null, never omitted. */
#include "vmtriage/bundles_report.h"

#include <stdio.h>

static cJSON *time_or_null(int64_t t)
{
	char buf[32];
	if (t == VT_TIME_UNKNOWN)
		return cJSON_CreateNull();
	vt_bundle_time_format(t, buf, sizeof buf);
	return cJSON_CreateString(buf);
}

static cJSON *strings(char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

static cJSON *byte_array(const uint8_t *b, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateNumber(b[i]));
	return a;
}

static void add_int_or_null(cJSON *o, const char *key, long long v, bool known)
{
	if (known)
		cJSON_AddNumberToObject(o, key, (double)v);
	else
		cJSON_AddNullToObject(o, key);
}

cJSON *vt_bundles_crash_json(const struct vt_bundles_result *r, size_t i)
{
	const struct vt_found *f = &r->crashes[i];
	const struct vt_bundle_rec *b = f->bundle < r->nbundles ? &r->bundles[f->bundle] : NULL;
	const struct vt_class *c = vt_class_for(f->cls, f->hypervisor);
	cJSON *o = cJSON_CreateObject();

	vt_json_add_string_or_null(o, "sled", f->sled);
	vt_json_add_string_or_null(o, "rack", f->rack);
	vt_json_add_string_or_null(o, "zone", f->zone);
	vt_json_add_string_or_null(o, "bundle_id", f->bundle_id);
	cJSON_AddItemToObject(o, "bundle_paths", b ? strings(b->paths, b->npaths) : strings(&f->path, 1));
	cJSON_AddStringToObject(o, "path", f->path);
	cJSON_AddStringToObject(o, "member", f->member);
	cJSON_AddNumberToObject(o, "line", (double)f->line);
	vt_json_add_string_or_null(o, "time", f->time[0] ? f->time : NULL);
	vt_json_add_string_or_null(o, "time_created", b && b->has_meta && b->meta.time_created[0] ? b->meta.time_created : NULL);
	vt_json_add_string_or_null(o, "cause", b && b->has_meta ? b->meta.cause : NULL);
	add_int_or_null(o, "vcpu", f->vcpu, f->vcpu >= 0);
	cJSON_AddStringToObject(o, "exit_kind", vt_exit_kind_name(f->kind));
	vt_json_add_string_or_null(o, "hypervisor", vt_hypervisor_name(f->hypervisor));
	if (f->has_inst && !f->redacted)
		cJSON_AddItemToObject(o, "inst_data", byte_array(f->inst, f->ninst));
	else
		cJSON_AddNullToObject(o, "inst_data");
	cJSON_AddBoolToObject(o, "redacted", f->redacted);
	add_int_or_null(o, "len", f->len, f->len >= 0);
	cJSON_AddStringToObject(o, "class", c ? c->name : "unknown");
	vt_json_add_string_or_null(o, "instruction", f->instruction[0] ? f->instruction : NULL);
	cJSON_AddStringToObject(o, "signature", f->signature);
	cJSON_AddStringToObject(o, "signature_id", f->signature_id);
	cJSON_AddStringToObject(o, "evidence", vt_evidence_name(f->evidence));
	return o;
}

static cJSON *example_json(const struct vt_found *f)
{
	cJSON *o = cJSON_CreateObject();
	vt_json_add_string_or_null(o, "zone", f->zone);
	vt_json_add_string_or_null(o, "bundle_id", f->bundle_id);
	cJSON_AddStringToObject(o, "path", f->path);
	cJSON_AddStringToObject(o, "member", f->member);
	cJSON_AddNumberToObject(o, "line", (double)f->line);
	return o;
}

#define VT_EXAMPLES 3

cJSON *vt_bundles_cluster_json(const struct vt_bundles_result *r, size_t i)
{
	const struct vt_cluster *cl = &r->clusters[i];
	/* A cluster's crashes share a signature; the first one's hypervisor speaks for it. */
	const struct vt_class *c = vt_class_for(cl->cls, cl->count ? r->crashes[cl->crashes[0]].hypervisor : VT_HV_UNKNOWN);
	cJSON *o = cJSON_CreateObject(), *ex = cJSON_CreateArray(), *vars = cJSON_CreateArray();

	cJSON_AddStringToObject(o, "signature", cl->signature);
	cJSON_AddStringToObject(o, "signature_id", cl->id);
	cJSON_AddStringToObject(o, "exit_kind", vt_exit_kind_name(cl->kind));
	cJSON_AddStringToObject(o, "class", c ? c->name : "unknown");
	vt_json_add_string_or_null(o, "instruction", cl->form[0] ? cl->form : NULL);
	cJSON_AddNumberToObject(o, "count", (double)cl->count);
	cJSON_AddNumberToObject(o, "zones", (double)cl->nzones);
	cJSON_AddNumberToObject(o, "bundles", (double)cl->nbundles);
	cJSON_AddItemToObject(o, "first_seen", time_or_null(cl->first));
	cJSON_AddItemToObject(o, "last_seen", time_or_null(cl->last));
	for (size_t k = 0; k < cl->count && k < VT_EXAMPLES; k++)
		cJSON_AddItemToArray(ex, example_json(&r->crashes[cl->crashes[k]]));
	cJSON_AddItemToObject(o, "examples", ex);
	for (size_t k = 0; k < cl->nvariants; k++) {
		const struct vt_cluster_variant *v = &cl->variants[k];
		cJSON *vo = cJSON_CreateObject();
		cJSON_AddStringToObject(vo, "variant_id", v->id);
		cJSON_AddItemToObject(vo, "inst_data", v->redacted || !v->nbytes ? cJSON_CreateNull()
										 : byte_array(v->bytes, v->nbytes));
		cJSON_AddNumberToObject(vo, "count", (double)v->count);
		cJSON_AddItemToArray(vars, vo);
	}
	cJSON_AddItemToObject(o, "variants", vars);
	if (r->assessments) {
		cJSON *mo = cJSON_AddObjectToObject(o, "model");
		cJSON_AddStringToObject(mo, "name", r->model);
		cJSON_AddStringToObject(mo, "verdict", vt_assess_name(r->assessments[i].verdict));
		cJSON_AddStringToObject(mo, "reason", r->assessments[i].reason);
	}
	cJSON_AddStringToObject(o, "summary", c ? c->summary : "");
	cJSON_AddStringToObject(o, "explanation", c ? c->explanation : "");
	cJSON_AddStringToObject(o, "advice", c ? c->advice : "");
	return o;
}

cJSON *vt_bundles_bundle_json(const struct vt_bundle_rec *b)
{
	cJSON *o = cJSON_CreateObject(), *cores = cJSON_CreateArray();
	cJSON_AddStringToObject(o, "zone", b->zone);
	cJSON_AddStringToObject(o, "bundle_id", b->bundle_id);
	cJSON_AddItemToObject(o, "paths", strings(b->paths, b->npaths));
	vt_json_add_string_or_null(o, "time_created", b->has_meta && b->meta.time_created[0] ? b->meta.time_created : NULL);
	vt_json_add_string_or_null(o, "cause", b->has_meta ? b->meta.cause : NULL);
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

cJSON *vt_bundles_report_json(const struct vt_bundles_result *r)
{
	cJSON *o = cJSON_CreateObject(), *a;
	cJSON_AddItemToObject(o, "clusters", a = cJSON_CreateArray());
	for (size_t i = 0; i < r->nclusters; i++)
		cJSON_AddItemToArray(a, vt_bundles_cluster_json(r, i));
	cJSON_AddItemToObject(o, "crashes", a = cJSON_CreateArray());
	for (size_t i = 0; i < r->ncrashes; i++)
		cJSON_AddItemToArray(a, vt_bundles_crash_json(r, i));
	cJSON_AddItemToObject(o, "bundles", a = cJSON_CreateArray());
	for (size_t i = 0; i < r->nbundles; i++)
		cJSON_AddItemToArray(a, vt_bundles_bundle_json(&r->bundles[i]));
	cJSON_AddItemToObject(o, "warnings", a = cJSON_CreateArray());
	for (size_t i = 0; i < r->warnings.n; i++) {
		cJSON *w = cJSON_CreateObject();
		cJSON_AddStringToObject(w, "where", r->warnings.v[i].where);
		cJSON_AddStringToObject(w, "what", r->warnings.v[i].what);
		cJSON_AddItemToArray(a, w);
	}
	return o;
}
