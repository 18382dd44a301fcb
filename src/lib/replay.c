/* Replay results: lifetime, the reference run, and JSON per
 * snapshot-format.md ("Replay result"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmtriage/replay.h"

static const char *const verdict_names[VT_VERDICT_COUNT] = {
	"emulated", "guest-fault", "unknown-memory", "limit-reached",
	"not-string-io", "not-handled", "invalid",
};

const char *vt_verdict_name(enum vt_verdict v)
{
	return (unsigned)v < VT_VERDICT_COUNT ? verdict_names[v] : "?";
}

int vt_verdict_from_name(const char *name, enum vt_verdict *out)
{
	for (unsigned i = 0; i < VT_VERDICT_COUNT; i++)
		if (strcmp(name, verdict_names[i]) == 0) {
			*out = (enum vt_verdict)i;
			return 0;
		}
	return -1;
}

void vt_result_init(struct vt_result *r)
{
	memset(r, 0, sizeof *r);
}

void vt_result_free(struct vt_result *r)
{
	vt_io_trace_free(&r->io);
	vt_mem_ranges_free(&r->memory_writes);
	vt_mem_ranges_free(&r->page_table_writes);
	vt_result_init(r);
}

void vt_result_invalid(struct vt_result *r, const char *why)
{
	vt_result_free(r);
	r->verdict = VT_VERDICT_INVALID;
	r->has_verdict = true;
	snprintf(r->detail, sizeof r->detail, "%s", why);
}

int vt_replay_run(const struct vt_snapshot *snap, uint64_t max_elements, struct vt_result *out,
		  struct vt_error *err)
{
	struct vt_emu_input in = snap->input;
	struct vt_emu *e;
	int rc;

	if (max_elements)
		in.max_elements = max_elements;
	if (!(e = vt_emu_new(&in, err)))
		return VT_ERR_NOMEM;
	rc = vt_emu_run(e, out);
	vt_emu_free(e);
	if (rc)
		return vt_error_set(err, rc, "out of memory replaying %s", snap->name);
	return VT_OK;
}

cJSON *vt_io_access_json(const struct vt_io_access *a)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "dir", a->dir == VT_IO_IN ? "in" : "out");
	cJSON_AddItemToObject(o, "port", vt_json_hex64(a->port));
	cJSON_AddNumberToObject(o, "size", a->size);
	cJSON_AddItemToObject(o, "value", vt_json_hex64(a->value));
	return o;
}

static cJSON *instruction_json(const struct vt_result *r)
{
	cJSON *o = cJSON_CreateObject();
	char hex[2 * VT_INSN_MAX + 1], text[96];
	size_t n = r->decoded ? r->sio.length : 0;

	vt_hex_bytes(r->inst, n, 0, hex, sizeof hex);
	cJSON_AddStringToObject(o, "bytes", hex);
	if (r->decoded) {
		vt_string_io_text(&r->sio, text, sizeof text);
		cJSON_AddStringToObject(o, "text", text);
		cJSON_AddNumberToObject(o, "length", (double)r->sio.length);
	} else {
		cJSON_AddNullToObject(o, "text");
		cJSON_AddNullToObject(o, "length");
	}
	return o;
}

/* rip, rsi, rdi, rcx first (the format's order), then the rest in register order. */
cJSON *vt_result_regs_json(const struct vt_result *r)
{
	static const enum vt_reg first[] = { VT_REG_RIP, VT_REG_RSI, VT_REG_RDI, VT_REG_RCX };
	cJSON *o = cJSON_CreateObject();
	for (unsigned i = 0; i < 4; i++)
		if (r->regs_reported & (1u << first[i]))
			cJSON_AddItemToObject(o, vt_reg_name(first[i]), vt_json_hex64(r->regs_after[first[i]]));
	for (unsigned i = 0; i < VT_REG_COUNT; i++)
		if ((r->regs_reported & (1u << i)) && !(VT_RESULT_ALWAYS_REGS & (1u << i)))
			cJSON_AddItemToObject(o, vt_reg_name((enum vt_reg)i), vt_json_hex64(r->regs_after[i]));
	return o;
}

cJSON *vt_mem_ranges_json(const struct vt_mem_ranges *m)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < m->n; i++) {
		const struct vt_mem_range *g = &m->v[i];
		cJSON *o = cJSON_CreateObject();
		char *hex = malloc(g->len * 2 + 1);
		cJSON_AddItemToObject(o, "gpa", vt_json_hex64(g->gpa));
		if (hex) {
			vt_hex_bytes(m->data + g->offset, g->len, 0, hex, g->len * 2 + 1);
			cJSON_AddStringToObject(o, "hex", hex);
			free(hex);
		}
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static const char *vector_name(unsigned v)
{
	switch (v) {
	case VT_VEC_UD: return "#UD";
	case VT_VEC_SS: return "#SS";
	case VT_VEC_GP: return "#GP";
	case VT_VEC_PF: return "#PF";
	default: return "?";
	}
}

cJSON *vt_fault_json(const struct vt_fault *f)
{
	cJSON *o;
	if (!f->raised)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "vector", f->vector);
	cJSON_AddStringToObject(o, "name", vector_name(f->vector));
	if (f->has_error_code)
		cJSON_AddItemToObject(o, "error_code", vt_json_hex64(f->error_code));
	if (f->has_cr2)
		cJSON_AddItemToObject(o, "cr2", vt_json_hex64(f->cr2));
	return o;
}

cJSON *vt_io_json(const struct vt_io_trace *t)
{
	cJSON *a = cJSON_CreateArray();
	struct vt_io_iter it = { 0 };
	struct vt_io_access acc;
	while (vt_io_trace_next(t, &it, &acc))
		cJSON_AddItemToArray(a, vt_io_access_json(&acc));
	return a;
}

cJSON *vt_result_json(const struct vt_result *r, const char *name)
{
	cJSON *o = cJSON_CreateObject();

	vt_json_add_string_or_null(o, "snapshot", name);
	cJSON_AddStringToObject(o, "verdict", vt_verdict_name(r->verdict));
	if (r->detail[0])
		cJSON_AddStringToObject(o, "detail", r->detail);
	if (r->verdict == VT_VERDICT_INVALID) {
		cJSON_AddNullToObject(o, "instruction");
		return o;
	}
	cJSON_AddItemToObject(o, "instruction", instruction_json(r));
	cJSON_AddNumberToObject(o, "elements", (double)r->elements);
	cJSON_AddItemToObject(o, "io", vt_io_json(&r->io));
	cJSON_AddItemToObject(o, "regs_after", vt_result_regs_json(r));
	cJSON_AddItemToObject(o, "memory_writes", vt_mem_ranges_json(&r->memory_writes));
	cJSON_AddItemToObject(o, "page_table_writes", vt_mem_ranges_json(&r->page_table_writes));
	cJSON_AddItemToObject(o, "fault", vt_fault_json(&r->fault));
	if (r->verdict == VT_VERDICT_UNKNOWN_MEMORY) {
		cJSON *u = cJSON_CreateObject();
		cJSON_AddItemToObject(u, "gpa", vt_json_hex64(r->unknown_gpa));
		cJSON_AddStringToObject(u, "access", vt_access_kind_name(r->unknown_kind));
		cJSON_AddItemToObject(o, "unknown_memory", u);
	}
	return o;
}
