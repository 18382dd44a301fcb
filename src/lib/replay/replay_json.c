/* Replay results as JSON (docs/json.md, "replay result"; vmtriage-replay(1)): one
 * streaming serializer (jsonw, so 10^8 io objects never become a tree);
 * the tree form for library users is parsed back from it. */
#include <stdlib.h>
#include <string.h>

#include "util/json_int.h"
#include "util/util_int.h"
#include "vmtriage/insn_json.h"
#include "vmtriage/jsonw.h"
#include "vmtriage/replay.h"
#include "vmtriage/replay_report.h"

void vt_io_access_write(struct vt_jw *w, const char *key, const struct vt_io_access *a)
{
	vt_jw_object_begin(w, key);
	vt_jw_literal(w, "direction", a->dir == VT_IO_IN ? "in" : "out");
	vt_jw_int(w, "port", a->port);
	vt_jw_int(w, "element_size", a->size);
	vt_jw_int(w, "value", a->value);
	vt_jw_object_end(w);
}

static void io_write(struct vt_jw *w, const char *key, const struct vt_io_trace *t)
{
	struct vt_io_iter it = { 0 };
	struct vt_io_access a;
	vt_jw_array_begin(w, key);
	while (vt_io_trace_next(t, &it, &a))
		vt_io_access_write(w, NULL, &a);
	vt_jw_array_end(w);
}

void vt_mem_ranges_write(struct vt_jw *w, const char *key, const struct vt_mem_ranges *m)
{
	vt_jw_array_begin(w, key);
	for (size_t i = 0; i < m->n; i++) {
		vt_jw_object_begin(w, NULL);
		vt_jw_hex64(w, "gpa", m->v[i].gpa);
		vt_jw_hexbytes(w, "bytes", m->data + m->v[i].offset, m->v[i].len);
		vt_jw_object_end(w);
	}
	vt_jw_array_end(w);
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

void vt_fault_write(struct vt_jw *w, const char *key, const struct vt_fault *f)
{
	if (!f->raised) {
		vt_jw_null(w, key);
		return;
	}
	vt_jw_object_begin(w, key);
	vt_jw_int(w, "vector", f->vector);
	vt_jw_string(w, "name", vector_name(f->vector));
	if (f->has_error_code)
		vt_jw_int(w, "error_code", f->error_code);
	else
		vt_jw_null(w, "error_code");
	if (f->has_cr2)
		vt_jw_hex64(w, "cr2", f->cr2);
	else
		vt_jw_null(w, "cr2");
	vt_jw_object_end(w);
}

/* rip, rsi, rdi, rcx first (the format's order), then the rest in register order. */
static void regs_write(struct vt_jw *w, const char *key, const struct vt_result *r, const uint64_t *v)
{
	static const enum vt_reg first[] = { VT_REG_RIP, VT_REG_RSI, VT_REG_RDI, VT_REG_RCX };
	vt_jw_object_begin(w, key);
	for (unsigned i = 0; i < 4; i++)
		if (r->regs_reported & (1u << first[i]))
			vt_jw_hex64(w, vt_reg_name(first[i]), v[first[i]]);
	for (unsigned i = 0; i < VT_REG_COUNT; i++)
		if ((r->regs_reported & (1u << i)) && !(VT_RESULT_ALWAYS_REGS & (1u << i)))
			vt_jw_hex64(w, vt_reg_name((enum vt_reg)i), v[i]);
	vt_jw_object_end(w);
}

void vt_result_regs_write(struct vt_jw *w, const char *key, const struct vt_result *r)
{
	regs_write(w, key, r, r->regs_after);
}

/* The instruction record (decode_report.h's writer): the INS/OUTS the
 * replay ran, or the bytes given when they are not one (text null). */
static void instruction_write(struct vt_jw *w, const struct vt_result *r)
{
	struct vt_insn in = { .address = r->regs_before[VT_REG_RIP] };
	in.size = (uint8_t)(r->decoded ? r->sio.length : r->inst_len);
	memcpy(in.bytes, r->inst, in.size);
	in.valid = r->decoded;
	if (r->decoded)
		vt_string_io_text(&r->sio, in.text, sizeof in.text);
	vt_instruction_write_json(w, "instruction", &in, r->code_bits ? r->code_bits : 64, in.address);
}

static void unknown_memory_write(struct vt_jw *w, const struct vt_result *r)
{
	if (r->verdict != VT_VERDICT_UNKNOWN_MEMORY) {
		vt_jw_null(w, "unknown_memory");
		return;
	}
	vt_jw_object_begin(w, "unknown_memory");
	vt_jw_hex64(w, "gpa", r->unknown_gpa);
	vt_jw_literal(w, "access", vt_access_kind_name(r->unknown_kind));
	vt_jw_object_end(w);
}

void vt_result_write_open(struct vt_jw *w, const char *key, const struct vt_result *r, const char *name,
			  const char *schema)
{
	bool ran = r->verdict != VT_VERDICT_INVALID;
	vt_jw_object_begin(w, key);
	if (schema)
		vt_jw_literal(w, "schema", schema);
	vt_jw_string(w, "snapshot", name);
	vt_jw_literal(w, "verdict", vt_verdict_name(r->verdict));
	vt_jw_string(w, "reason", r->detail[0] ? r->detail : NULL);
	if (ran)
		instruction_write(w, r);
	else
		vt_jw_null(w, "instruction");
	vt_jw_int(w, "elements", (long long)r->elements);
	io_write(w, "io", &r->io);
	if (ran) {
		regs_write(w, "registers_before", r, r->regs_before);
		regs_write(w, "registers_after", r, r->regs_after);
	} else {
		vt_jw_null(w, "registers_before");
		vt_jw_null(w, "registers_after");
	}
	vt_mem_ranges_write(w, "memory_writes", &r->memory_writes);
	vt_mem_ranges_write(w, "page_table_writes", &r->page_table_writes);
	vt_fault_write(w, "fault", &r->fault);
	unknown_memory_write(w, r);
}

void vt_result_write(struct vt_jw *w, const char *key, const struct vt_result *r, const char *name,
		     const char *schema)
{
	vt_result_write_open(w, key, r, name, schema);
	vt_jw_object_end(w);
}

/* ---- The tree form: serialised with the writer above and parsed back. */
struct result_call {
	const struct vt_result *r;
	const char *name, *schema;
};

static void write_result(struct vt_jw *w, const void *arg)
{
	const struct result_call *c = arg;
	vt_result_write(w, NULL, c->r, c->name, c->schema);
}

struct vt_json *vt_result_json(const struct vt_result *r, const char *name, const char *schema)
{
	struct result_call c = { r, name, schema };
	return util_json(util_jw_tree(write_result, &c));
}
