/* The crash record of schema version 2 (docs/json.md): the one writer for
 * every command that prints a crash (scan, bundles, merge, fleet). */
#include "vmtriage/crash_report.h"

#include "scan/crash_snapshot_int.h"
#include "util/json_int.h"
#include "x86/insn_json_int.h"

#include <string.h>

#include "vmtriage/cluster.h"
#include "vmtriage/decode_report.h"

static cJSON *origin_json(unsigned origin)
{
	cJSON *a = cJSON_CreateArray();
	for (unsigned i = 0; i < 32; i++)
		if (origin & (1u << i))
			cJSON_AddItemToArray(a, cJSON_CreateString(vt_crash_origin_name(i)));
	return a;
}

/* {"rax": "0x..", ..., "segments": {"cs": {...}}, "cpl", "redacted"}. */
static cJSON *regs_json(const struct vt_regs *r)
{
	cJSON *o = cJSON_CreateObject();
	scan_regs_json_fill(o, o, r, VT_SREG_COUNT);
	if (r->cpl >= 0)
		cJSON_AddNumberToObject(o, "cpl", r->cpl);
	else
		cJSON_AddNullToObject(o, "cpl");
	cJSON_AddBoolToObject(o, "redacted", r->redacted);
	return o;
}

static void add_int_or_null(cJSON *o, const char *key, bool has, double v)
{
	if (has)
		cJSON_AddNumberToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

static void add_hex_or_null(cJSON *o, const char *key, bool has, uint64_t v)
{
	if (has)
		cJSON_AddItemToObject(o, key, util_json_hex64(v));
	else
		cJSON_AddNullToObject(o, key);
}

static void add_bytes(cJSON *o, const char *key, const uint8_t *b, size_t n)
{
	char hex[2 * VT_INSN_MAX + 1];
	vt_hex_bytes(b, n < VT_INSN_MAX ? n : VT_INSN_MAX, 0, hex, sizeof hex);
	cJSON_AddStringToObject(o, key, hex);
}

void vt_crash_signature(const struct vt_crash *c, struct vt_crash_sig *out)
{
	/* the same functions as decode's signature (cluster.c): one id per crash everywhere */
	const struct vt_decoded *dec = c->decoded ? &c->dec : NULL;
	vt_cluster_instruction_text(dec, out->instruction, sizeof out->instruction);
	vt_cluster_form(out->instruction, out->form, sizeof out->form);
	vt_cluster_signature_of(c->kind, c->cls.id, dec, out->signature, out->id);
}

static void location_json(cJSON *o, const struct vt_crash *c, const struct vt_crash_where *w)
{
	cJSON_AddStringToObject(o, "path", w && w->path ? w->path : c->source);
	util_json_add_string_or_null(o, "member", w ? w->member : NULL);
	cJSON_AddNumberToObject(o, "line", (double)c->line);
	cJSON_AddNumberToObject(o, "end_line", (double)c->end_line);
	util_json_add_string_or_null(o, "zone", w ? w->zone : NULL);
	util_json_add_string_or_null(o, "bundle_id", w ? w->bundle_id : NULL);
	util_json_add_string_or_null(o, "sled", w ? w->sled : NULL);
	util_json_add_string_or_null(o, "rack", w ? w->rack : NULL);
}

static void exit_json(cJSON *o, const struct vt_crash *c)
{
	util_json_add_string_or_null(o, "hypervisor", vt_hypervisor_name(c->hypervisor));
	add_int_or_null(o, "vcpu", c->vcpu >= 0, c->vcpu);
	cJSON_AddStringToObject(o, "exit_kind", vt_exit_kind_name(c->kind));
	util_json_add_string_or_null(o, "exit_detail", c->detail[0] ? c->detail : NULL);
	add_int_or_null(o, "exit_code", c->has_code, (double)c->code);
	add_hex_or_null(o, "gpa", c->has_gpa, c->gpa);
	add_int_or_null(o, "fault_type", c->has_gpa, c->fault_type);
	cJSON *extra = cJSON_AddArrayToObject(o, "qemu_extra");
	for (size_t i = 0; i < c->nextra; i++)
		cJSON_AddItemToArray(extra, util_json_hex64(c->extra[i]));
	cJSON_AddStringToObject(o, "form", vt_message_dialect_name(c->dialect));
	cJSON_AddItemToObject(o, "origin", origin_json(c->origin));
	cJSON_AddBoolToObject(o, "merged", c->paired);
	cJSON_AddBoolToObject(o, "truncated", c->truncated);
	cJSON_AddNumberToObject(o, "restarts", c->restarts);
}

static void time_json(cJSON *o, const struct vt_crash *c)
{
	char t[VT_TIMESTAMP_TEXT_MAX];
	if (c->when.known) {
		vt_timestamp_format(&c->when, t, sizeof t);
		cJSON_AddStringToObject(o, "time", t);
	} else {
		cJSON_AddNullToObject(o, "time");
	}
	util_json_add_string_or_null(o, "time_text", c->time[0] ? c->time : NULL);
	cJSON_AddStringToObject(o, "time_origin", vt_time_origin_name(c->time_origin));
}

/* bytes: the valid ones; bytes_printed: all the log printed, when more. */
static void bytes_json(cJSON *o, const struct vt_crash *c)
{
	size_t valid = vt_crash_inst_valid(c);
	bool have = c->has_inst && !c->redacted;
	if (have)
		add_bytes(o, "bytes", c->inst, valid);
	else
		cJSON_AddNullToObject(o, "bytes");
	add_int_or_null(o, "len", c->len >= 0, c->len);
	if (have && c->ninst > valid)
		add_bytes(o, "bytes_printed", c->inst, c->ninst);
	else
		cJSON_AddNullToObject(o, "bytes_printed");
	cJSON_AddBoolToObject(o, "redacted", c->redacted);
}

static void cpu_json(cJSON *o, const struct vt_crash *c)
{
	uint64_t rip = 0;
	enum vt_mode mode;
	bool has_mode = vt_regs_mode(&c->regs, &mode);
	bool has_rip = vt_crash_rip(c, &rip);
	add_hex_or_null(o, "rip", has_rip, rip);
	add_int_or_null(o, "bits", c->decoded || has_mode, has_mode ? vt_mode_code_bits(mode) : c->mode);
	util_json_add_string_or_null(o, "mode", has_mode ? vt_mode_name(mode) : NULL);
	if (vt_regs_count(&c->regs) || c->regs.redacted)
		cJSON_AddItemToObject(o, "registers", regs_json(&c->regs));
	else
		cJSON_AddNullToObject(o, "registers");
}

static void instruction_json(cJSON *o, const struct vt_crash *c)
{
	uint64_t base = 0;
	vt_crash_rip(c, &base);
	cJSON *following = cJSON_CreateArray();
	if (c->decoded) {
		/* the instruction record's one writer (x86/insn_json.c), as decode, replay, firmware */
		cJSON_AddItemToObject(o, "instruction", x86_instruction_json(&c->dec.faulting, c->dec.mode, base));
		for (size_t i = 0; i < c->dec.nfollowing; i++)
			cJSON_AddItemToArray(following, x86_instruction_json(&c->dec.following[i], c->dec.mode, base));
	} else {
		cJSON_AddNullToObject(o, "instruction");
	}
	cJSON_AddItemToObject(o, "following", following);
}

static void class_json(cJSON *o, const struct vt_crash *c)
{
	const struct vt_class *cls = vt_class_for(c->cls.id, c->hypervisor);
	struct vt_crash_sig sig;
	vt_crash_signature(c, &sig);
	cJSON_AddStringToObject(o, "class", cls->name);
	cJSON_AddStringToObject(o, "summary", cls->summary);
	util_json_add_string_or_null(o, "class_detail", c->cls.detail[0] ? c->cls.detail : NULL);
	cJSON_AddStringToObject(o, "explanation", cls->explanation);
	cJSON_AddStringToObject(o, "advice", cls->advice);
	cJSON_AddStringToObject(o, "signature", sig.signature);
	cJSON_AddStringToObject(o, "signature_id", sig.id);
}

struct vt_json *vt_crash_json(const struct vt_crash *c, const struct vt_crash_where *where)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "schema", VT_SCHEMA_CRASH);
	location_json(o, c, where);
	exit_json(o, c);
	time_json(o, c);
	bytes_json(o, c);
	cpu_json(o, c);
	instruction_json(o, c);
	class_json(o, c);
	if (c->excerpt[0])
		cJSON_AddStringToObject(o, "excerpt", c->excerpt);
	return util_json(o);
}

struct vt_json *vt_warning_json(const char *where, uint64_t line, const char *message)
{
	cJSON *w = cJSON_CreateObject();
	cJSON_AddStringToObject(w, "where", where);
	add_int_or_null(w, "line", line > 0, (double)line);
	cJSON_AddStringToObject(w, "message", message);
	return util_json(w);
}
