/* The text rendering of struct vt_crash. */
#include "vmtriage/crash_report.h"

#include <string.h>

static void origin_text(unsigned origin, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (unsigned i = 0; origin >> i; i++)
		if (origin & (1u << i))
			o += (size_t)snprintf(buf + o, o < size ? size - o : 0, "%s%s", o ? " + " : "",
					      vt_crash_origin_name(i));
}

static void regs_text(FILE *fp, const struct vt_regs *r)
{
	int col = 0;
	if (r->redacted && !vt_regs_count(r)) {
		fprintf(fp, "registers   <guest data redacted>\n");
		return;
	}
	/* Three a row, values as every address in text output: 0x, lowercase,
	 * no zero padding; columns as wide as the widest value, padded with
	 * blanks (none at a row's end). */
	int pad = 0, width = 3;
	for (int i = 0; i < VT_REG_COUNT; i++) {
		char value[24];
		int n = r->has[i] ? snprintf(value, sizeof value, "0x%llx", (unsigned long long)r->v[i]) : 0;
		width = n > width ? n : width;
	}
	for (int k = 0; k < VT_REG_COUNT; k++) {
		enum vt_reg i = vt_reg_display_order[k];
		char value[24];
		if (!r->has[i])
			continue;
		snprintf(value, sizeof value, "0x%llx", (unsigned long long)r->v[i]);
		if (col == 0)
			fputs("registers   ", fp);
		else if (col % 3 == 0)
			fputs("\n            ", fp);
		else
			fprintf(fp, "%*s", pad + 2, "");
		fprintf(fp, "%-6s %s", vt_reg_name(i), value);
		pad = width - (int)strlen(value);
		col++;
	}
	if (col)
		fputc('\n', fp);
	for (int i = 0; i < VT_SREG_COUNT; i++) {
		const struct vt_segreg *s = &r->seg[i];
		if (s->present)
			fprintf(fp, "            %-4s sel 0x%x base 0x%llx limit 0x%x access 0x%x\n",
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
	uint64_t rip;
	if (vt_crash_rip(c, &rip))
		fprintf(fp, "rip         0x%llx\n", (unsigned long long)rip);
	if (c->decoded)
		fprintf(fp, "faulting    %s%s%s  (%u-bit)\n", sp->b,
			c->dec.faulting.valid ? c->dec.faulting.text : "(does not decode)", sp->r, c->mode);
}

void vt_crash_report_text(FILE *fp, const struct vt_style *style, const struct vt_crash *c,
			  unsigned index)
{
	const struct vt_class *cls = vt_class_for(c->cls.id, c->hypervisor);
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
	fprintf(fp, "exit        %s  (%s%sfrom %s%s)", vt_exit_kind_name(c->kind),
		c->hypervisor ? vt_hypervisor_name(c->hypervisor) : "", c->hypervisor ? ": " : "", origin,
		c->truncated ? ", cut off" : "");
	if (c->restarts)
		fprintf(fp, "  after %u restart%s", c->restarts, c->restarts == 1 ? "" : "s");
	fputc('\n', fp);
	inst_text(fp, &sp, c);
	if (c->has_gpa)
		fprintf(fp, "gpa         0x%llx  fault type %d\n", (unsigned long long)c->gpa, c->fault_type);
	/* The class detail often repeats the message and adds to it. */
	if (c->detail[0] && c->kind != VT_KIND_INST_EMUL && strncmp(c->detail, c->cls.detail, strlen(c->detail)) != 0)
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

