/* A crash record (any form the crash reader takes) as a row of
 * vmtriage.crashes: exactly the table's columns, the labels never null (the
 * columns are String: a null is an HTTP 400), the time null when it could
 * not be placed (a year-less log time is not the year 2000). */
#include "fleet/fleet_int.h"

#include <string.h>

#include <cjson/cJSON.h>

#include "vmtriage/classes.h"
#include "vmtriage/crash_read.h"
#include "vmtriage/output.h"

static void add_text(cJSON *o, const char *key, const char *s)
{
	if (s && s[0])
		cJSON_AddStringToObject(o, key, s);
	else
		cJSON_AddNullToObject(o, key);
}

static void add_int(cJSON *o, const char *key, long long v, bool known)
{
	if (known)
		cJSON_AddNumberToObject(o, key, (double)v);
	else
		cJSON_AddNullToObject(o, key);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

cJSON *fleet_crash_row(const struct vt_crash *c, const struct vt_crash_rec *w, const char *sled,
			  const char *rack)
{
	const struct vt_class *cls = vt_class_get(c->cls.id);
	char hex[2 * VT_INSN_MAX + 1];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "sled", w->sled[0] ? w->sled : sled ? sled : "");
	cJSON_AddStringToObject(o, "rack", w->rack[0] ? w->rack : rack ? rack : "");
	add_text(o, "zone", w->zone);
	add_text(o, "bundle_id", w->bundle_id);
	cJSON_AddStringToObject(o, "path", w->path);
	cJSON_AddStringToObject(o, "member", w->has_member ? w->member : base_name(w->path));
	cJSON_AddNumberToObject(o, "line", (double)c->line);
	add_text(o, "time", w->time);
	add_text(o, "time_text", c->time);
	add_text(o, "time_created", w->time_created);
	add_text(o, "cause", w->cause);
	add_int(o, "vcpu", c->vcpu, c->vcpu >= 0);
	cJSON_AddStringToObject(o, "exit_kind", vt_exit_kind_name(c->kind));
	cJSON_AddNumberToObject(o, "redacted", c->redacted);
	add_int(o, "len", c->len, c->len >= 0);
	vt_hex_bytes(c->inst, vt_crash_inst_valid(c), 0, hex, sizeof hex);
	add_text(o, "bytes", c->has_inst && !c->redacted ? hex : NULL);
	if (c->has_inst && !c->redacted && !hex[0])
		cJSON_ReplaceItemInObjectCaseSensitive(o, "bytes", cJSON_CreateString("")); /* len 0 */
	cJSON_AddStringToObject(o, "class", cls ? cls->name : "unknown");
	add_text(o, "instruction", w->instruction);
	cJSON_AddStringToObject(o, "signature", w->signature);
	cJSON_AddStringToObject(o, "signature_id", w->signature_id);
	cJSON_AddStringToObject(o, "evidence", w->evidence[0] ? w->evidence : w->bundle_id[0] ? "bundle" : "log");
	return o;
}
