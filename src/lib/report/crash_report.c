/* Text, JSON and snapshot renderings of struct vt_crash. */
#include "vmtriage/crash_report.h"

#include <string.h>

#include "vmtriage/decode_report.h"

static const char *const origin_names[] = { "panic", "log-record", "standalone", "qemu" };

static cJSON *origin_json(unsigned origin)
{
	cJSON *a = cJSON_CreateArray();
	for (unsigned i = 0; i < 4; i++)
		if (origin & (1u << i))
			cJSON_AddItemToArray(a, cJSON_CreateString(origin_names[i]));
	return a;
}

static void origin_text(unsigned origin, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (unsigned i = 0; i < 4; i++)
		if (origin & (1u << i))
			o += (size_t)snprintf(buf + o, o < size ? size - o : 0, "%s%s", o ? " + " : "",
					      origin_names[i]);
}

/* The present registers (but `skip`) as hex strings, and a "segments" object
 * of the first nseg segment registers (access rights in the VMX layout, which
 * the snapshot format shares). */
static void regs_into(cJSON *o, cJSON *segparent, const struct vt_regs *r, int skip, int nseg)
{
	for (int k = 0; k < VT_REG_COUNT; k++) {
		enum vt_reg i = vt_reg_display_order[k];
		if (r->has[i] && (int)i != skip)
			cJSON_AddItemToObject(o, vt_reg_name(i), vt_json_hex64(r->v[i]));
	}
	cJSON *segs = cJSON_AddObjectToObject(segparent, "segments");
	for (int i = 0; i < nseg; i++) {
		const struct vt_segreg *s = &r->seg[i];
		if (!s->present)
			continue;
		cJSON *so = cJSON_AddObjectToObject(segs, vt_sreg_name((enum vt_sreg)i));
		cJSON_AddItemToObject(so, "selector", vt_json_hex64(s->selector));
		cJSON_AddItemToObject(so, "base", vt_json_hex64(s->base));
		cJSON_AddItemToObject(so, "limit", vt_json_hex64(s->limit));
		cJSON_AddItemToObject(so, "access", vt_json_hex64(s->access));
	}
}

cJSON *vt_regs_json(const struct vt_regs *r)
{
	cJSON *o = cJSON_CreateObject();
	regs_into(o, o, r, -1, VT_SREG_COUNT);
	if (r->cpl >= 0)
		cJSON_AddNumberToObject(o, "cpl", r->cpl);
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

static cJSON *decode_json(const struct vt_crash *c)
{
	uint64_t base = c->has_rip ? c->rip : 0;
	cJSON *insn = vt_insn_json(&c->dec.faulting, base);
	cJSON_AddItemToObject(insn, "prefixes", vt_prefixes_json(&c->dec.prefixes, c->dec.mode));
	if (c->dec.is_string_io)
		cJSON_AddItemToObject(insn, "string_io", vt_string_io_json(&c->dec.sio));
	else
		cJSON_AddNullToObject(insn, "string_io");
	cJSON *following = cJSON_AddArrayToObject(insn, "following");
	for (size_t i = 0; i < c->dec.nfollowing; i++)
		cJSON_AddItemToArray(following, vt_insn_json(&c->dec.following[i], base));
	return insn;
}

static void inst_json(cJSON *o, const struct vt_crash *c)
{
	char hex[2 * VT_INSN_MAX + 1];
	if (c->has_inst && !c->redacted) {
		vt_hex_bytes(c->inst, c->ninst, 0, hex, sizeof hex);
		cJSON_AddStringToObject(o, "inst_data", hex);
	} else {
		cJSON_AddNullToObject(o, "inst_data");
	}
	cJSON_AddBoolToObject(o, "redacted", c->redacted);
	add_int_or_null(o, "len", c->len >= 0, c->len);
	if (c->has_rip)
		cJSON_AddItemToObject(o, "rip", vt_json_hex64(c->rip));
	else
		cJSON_AddNullToObject(o, "rip");
}

static void details_json(cJSON *o, const struct vt_crash *c)
{
	if (c->has_gpa)
		cJSON_AddItemToObject(o, "gpa", vt_json_hex64(c->gpa));
	else
		cJSON_AddNullToObject(o, "gpa");
	add_int_or_null(o, "fault_type", c->has_gpa, c->fault_type);
	add_int_or_null(o, "code", c->has_code, (double)c->code);
	vt_json_add_string_or_null(o, "detail", c->detail[0] ? c->detail : NULL);
	cJSON *extra = cJSON_AddArrayToObject(o, "qemu_extra");
	for (size_t i = 0; i < c->nextra; i++)
		cJSON_AddItemToArray(extra, vt_json_hex64(c->extra[i]));
}

cJSON *vt_crash_report_json(const struct vt_crash *c)
{
	const struct vt_class *cls = vt_class_get(c->cls.id);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "source", c->source);
	cJSON_AddNumberToObject(o, "line", (double)c->line);
	cJSON_AddNumberToObject(o, "end_line", (double)c->end_line);
	vt_json_add_string_or_null(o, "time", c->time[0] ? c->time : NULL);
	cJSON_AddStringToObject(o, "time_origin", vt_time_origin_name(c->time_origin));
	add_int_or_null(o, "vcpu", c->vcpu >= 0, c->vcpu);
	cJSON_AddStringToObject(o, "kind", vt_exit_kind_name(c->kind));
	cJSON_AddItemToObject(o, "origin", origin_json(c->origin));
	cJSON_AddStringToObject(o, "form", vt_crash_form_name(c->form));
	cJSON_AddBoolToObject(o, "merged", c->merged);
	cJSON_AddBoolToObject(o, "truncated", c->truncated);
	cJSON_AddNumberToObject(o, "restarts", c->restarts);
	inst_json(o, c);
	details_json(o, c);
	if (vt_regs_count(&c->regs) || c->regs.redacted)
		cJSON_AddItemToObject(o, "registers", vt_regs_json(&c->regs));
	else
		cJSON_AddNullToObject(o, "registers");
	cJSON_AddNumberToObject(o, "mode", c->mode);
	if (c->decoded)
		cJSON_AddItemToObject(o, "instruction", decode_json(c));
	else
		cJSON_AddNullToObject(o, "instruction");
	cJSON_AddStringToObject(o, "class", cls->name);
	cJSON_AddStringToObject(o, "summary", cls->summary);
	cJSON_AddStringToObject(o, "class_detail", c->cls.detail);
	cJSON_AddStringToObject(o, "explanation", cls->explanation);
	cJSON_AddStringToObject(o, "advice", cls->advice);
	cJSON_AddStringToObject(o, "excerpt", c->excerpt);
	return o;
}

static void regs_text(FILE *fp, const struct vt_regs *r)
{
	int col = 0;
	if (r->redacted && !vt_regs_count(r)) {
		fprintf(fp, "registers   <guest data redacted>\n");
		return;
	}
	for (int k = 0; k < VT_REG_COUNT; k++) {
		enum vt_reg i = vt_reg_display_order[k];
		if (!r->has[i])
			continue;
		fprintf(fp, "%s%-6s %016llx", col == 0 ? "registers   " : col % 3 ? "  " : "\n            ",
			vt_reg_name(i), (unsigned long long)r->v[i]);
		col++;
	}
	if (col)
		fputc('\n', fp);
	for (int i = 0; i < VT_SREG_COUNT; i++) {
		const struct vt_segreg *s = &r->seg[i];
		if (s->present)
			fprintf(fp, "            %-4s sel %04x base %016llx limit %08x access %04x\n",
				vt_sreg_name((enum vt_sreg)i), s->selector, (unsigned long long)s->base,
				s->limit, s->access);
	}
}

struct style_pair {
	const char *b, *r;
};

static void inst_text(FILE *fp, const struct style_pair *sp, const struct vt_crash *c)
{
	char hex[3 * VT_INSN_MAX + 1];
	if (c->redacted)
		fprintf(fp, "inst_data   <guest data redacted>");
	else if (c->has_inst) {
		vt_hex_bytes(c->inst, c->ninst, ' ', hex, sizeof hex);
		fprintf(fp, "inst_data   %s", hex);
	}
	if (c->has_inst || c->redacted)
		fprintf(fp, c->len >= 0 ? "  (len %d)\n" : "\n", c->len);
	if (c->has_rip)
		fprintf(fp, "rip         %llx\n", (unsigned long long)c->rip);
	if (c->decoded)
		fprintf(fp, "faulting    %s%s%s  (%u-bit)\n", sp->b,
			c->dec.faulting.valid ? c->dec.faulting.text : "(does not decode)", sp->r, c->mode);
}

void vt_crash_report_text(FILE *fp, const struct vt_style *style, const struct vt_crash *c,
			  unsigned index)
{
	const struct vt_class *cls = vt_class_get(c->cls.id);
	struct style_pair sp = { vt_sgr(style, VT_SGR_BOLD), vt_sgr(style, VT_SGR_RESET) };
	char origin[64], safe[VT_CRASH_TEXT_MAX * 4];

	fprintf(fp, "%scrash %u%s  %s:%llu", sp.b, index, sp.r, vt_text_safe(c->source, safe, sizeof safe),
		(unsigned long long)c->line);
	if (c->time[0])
		fprintf(fp, "  %s%s", vt_text_safe(c->time, safe, sizeof safe),
			c->time_origin == VT_TIME_NEAREST ? " (nearest)" : "");
	if (c->vcpu >= 0)
		fprintf(fp, "  vCPU %d", c->vcpu);
	fputc('\n', fp);
	origin_text(c->origin, origin, sizeof origin);
	fprintf(fp, "exit        %s  (from %s%s)", vt_exit_kind_name(c->kind), origin,
		c->truncated ? ", cut off" : "");
	if (c->restarts)
		fprintf(fp, "  after %u restart%s", c->restarts, c->restarts == 1 ? "" : "s");
	fputc('\n', fp);
	inst_text(fp, &sp, c);
	if (c->has_gpa)
		fprintf(fp, "gpa         %llx  fault type %d\n", (unsigned long long)c->gpa, c->fault_type);
	if (c->detail[0] && c->kind != VT_KIND_INST_EMUL && strcmp(c->detail, c->cls.detail) != 0)
		fprintf(fp, "message     %s\n", vt_text_safe(c->detail, safe, sizeof safe));
	regs_text(fp, &c->regs);
	fprintf(fp, "class       %s%s%s: %s\n", sp.b, cls->name, sp.r, cls->summary);
	if (c->cls.detail[0])
		fprintf(fp, "detail      %s\n", vt_text_safe(c->cls.detail, safe, sizeof safe));
	fprintf(fp, "advice      ");
	vt_out_wrap(fp, style, 12, 12, cls->advice);
	fprintf(fp, "excerpt\n");
	for (const char *p = c->excerpt; *p;) {
		size_t n = strcspn(p, "\n");
		fputs("  | ", fp);
		vt_text_write(fp, p, n);
		fputc('\n', fp);
		p += n + (p[n] == '\n');
	}
}

const char *vt_regs_mode_name(const struct vt_regs *r)
{
	const struct vt_segreg *cs = &r->seg[VT_SREG_CS];
	bool lma = r->has[VT_REG_EFER] && (r->v[VT_REG_EFER] & 0x400);
	if (r->has[VT_REG_CR0] && !(r->v[VT_REG_CR0] & 1))
		return "real16";
	if (!cs->present || !r->has[VT_REG_CR0])
		return NULL;
	if (lma)
		return (cs->access & 0x2000) ? "long64" : "compat32";
	return (cs->access & 0x4000) ? "prot32" : "prot16";
}

bool vt_crash_snapshot_ok(const struct vt_crash *c)
{
	return c->kind == VT_KIND_INST_EMUL && c->has_inst && !c->redacted && c->ninst > 0 &&
	       c->regs.has[VT_REG_RIP] && !c->regs.redacted;
}

cJSON *vt_crash_snapshot_json(const struct vt_crash *c, const char *name)
{
	char hex[3 * VT_INSN_MAX + 1], desc[VT_CRASH_SOURCE_MAX + 96];
	const char *mode = vt_regs_mode_name(&c->regs);
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "vmtriage_snapshot", 1);
	cJSON_AddStringToObject(o, "name", name);
	snprintf(desc, sizeof desc, "from %s:%llu (vmtriage scan); add the guest memory the instruction touches",
		 c->source, (unsigned long long)c->line);
	cJSON_AddStringToObject(o, "description", desc);
	if (mode)
		cJSON_AddStringToObject(o, "mode", mode);
	vt_hex_bytes(c->inst, c->ninst, ' ', hex, sizeof hex);
	cJSON_AddStringToObject(o, "inst", hex);
	regs_into(cJSON_AddObjectToObject(o, "regs"), o, &c->regs, VT_REG_XCR0, VT_SEG_COUNT);
	/* CPL: QEMU prints it; otherwise SS.DPL (access bits 5-6) is the CPL. */
	if (c->regs.cpl >= 0)
		cJSON_AddNumberToObject(o, "cpl", c->regs.cpl);
	else if (c->regs.seg[VT_SREG_SS].present)
		cJSON_AddNumberToObject(o, "cpl", (c->regs.seg[VT_SREG_SS].access >> 5) & 3);
	cJSON_AddArrayToObject(o, "memory");
	cJSON_AddObjectToObject(o, "ports");
	return o;
}
