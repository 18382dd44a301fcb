/* Replay results as JSON (vmtriage-replay(1), OUTPUT): one
 * streaming serializer (jsonw, so 10^8 io objects never become a tree);
 * the cJSON forms for library users are parsed back from it. */
#include <stdlib.h>
#include <string.h>

#include "vmtriage/jsonw.h"
#include "vmtriage/replay.h"
#include "vmtriage/replay_report.h"

void vt_io_access_write(struct vt_jw *w, const char *key, const struct vt_io_access *a)
{
	vt_jw_object_begin(w, key);
	vt_jw_string(w, "dir", a->dir == VT_IO_IN ? "in" : "out");
	vt_jw_hex64(w, "port", a->port);
	vt_jw_int(w, "size", a->size);
	vt_jw_hex64(w, "value", a->value);
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
		vt_jw_hexbytes(w, "hex", m->data + m->v[i].offset, m->v[i].len);
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
		vt_jw_hex64(w, "error_code", f->error_code);
	if (f->has_cr2)
		vt_jw_hex64(w, "cr2", f->cr2);
	vt_jw_object_end(w);
}

/* rip, rsi, rdi, rcx first (the format's order), then the rest in register order. */
void vt_result_regs_write(struct vt_jw *w, const char *key, const struct vt_result *r)
{
	static const enum vt_reg first[] = { VT_REG_RIP, VT_REG_RSI, VT_REG_RDI, VT_REG_RCX };
	vt_jw_object_begin(w, key);
	for (unsigned i = 0; i < 4; i++)
		if (r->regs_reported & (1u << first[i]))
			vt_jw_hex64(w, vt_reg_name(first[i]), r->regs_after[first[i]]);
	for (unsigned i = 0; i < VT_REG_COUNT; i++)
		if ((r->regs_reported & (1u << i)) && !(VT_RESULT_ALWAYS_REGS & (1u << i)))
			vt_jw_hex64(w, vt_reg_name((enum vt_reg)i), r->regs_after[i]);
	vt_jw_object_end(w);
}

static void instruction_write(struct vt_jw *w, const struct vt_result *r)
{
	char text[96];
	vt_jw_object_begin(w, "instruction");
	/* Not INS/OUTS: every byte given, since its length is unknown here. */
	vt_jw_hexbytes(w, "bytes", r->inst, r->decoded ? r->sio.length : r->inst_len);
	if (r->decoded) {
		vt_string_io_text(&r->sio, text, sizeof text);
		vt_jw_string(w, "text", text);
		vt_jw_int(w, "length", (long long)r->sio.length);
	} else {
		vt_jw_null(w, "text");
		vt_jw_null(w, "length");
	}
	vt_jw_object_end(w);
}

void vt_result_write(struct vt_jw *w, const char *key, const struct vt_result *r, const char *name)
{
	vt_jw_object_begin(w, key);
	vt_jw_string(w, "snapshot", name);
	vt_jw_string(w, "verdict", vt_verdict_name(r->verdict));
	if (r->detail[0])
		vt_jw_string(w, "detail", r->detail);
	if (r->verdict == VT_VERDICT_INVALID) {
		vt_jw_null(w, "instruction");
		vt_jw_object_end(w);
		return;
	}
	instruction_write(w, r);
	vt_jw_int(w, "elements", (long long)r->elements);
	io_write(w, "io", &r->io);
	vt_result_regs_write(w, "regs_after", r);
	vt_mem_ranges_write(w, "memory_writes", &r->memory_writes);
	vt_mem_ranges_write(w, "page_table_writes", &r->page_table_writes);
	vt_fault_write(w, "fault", &r->fault);
	if (r->verdict == VT_VERDICT_UNKNOWN_MEMORY) {
		vt_jw_object_begin(w, "unknown_memory");
		vt_jw_hex64(w, "gpa", r->unknown_gpa);
		vt_jw_string(w, "access", vt_access_kind_name(r->unknown_kind));
		vt_jw_object_end(w);
	}
	vt_jw_object_end(w);
}

/* ---- cJSON forms: serialise with the writer above, parse back. */
struct jw_call {
	int what;
	const void *arg;
	const char *name;
};
enum { J_RESULT, J_IO };

static void dispatch(struct vt_jw *w, const struct jw_call *c)
{
	if (c->what == J_RESULT)
		vt_result_write(w, NULL, c->arg, c->name);
	else
		io_write(w, NULL, c->arg);
}

static cJSON *via_writer(int what, const void *arg, const char *name)
{
	struct jw_call c = { what, arg, name };
	struct vt_jw *w = malloc(sizeof *w);
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = w ? open_memstream(&buf, &len) : NULL;
	cJSON *j = NULL;

	if (fp) {
		vt_jw_init(w, fp, false);
		dispatch(w, &c);
		vt_jw_end_document(w);
		if (fclose(fp) == 0)
			j = cJSON_ParseWithLength(buf, len);
	}
	free(buf);
	free(w);
	return j;
}

cJSON *vt_result_json(const struct vt_result *r, const char *name)
{
	return via_writer(J_RESULT, r, name);
}

cJSON *vt_io_json(const struct vt_io_trace *t)
{
	return via_writer(J_IO, t, NULL);
}

