/* Firmware scan report as text: what an operator reads before booting a
 * guest without DecodeAssist. */
#include "vmtriage/firmware_report.h"

#include <stdlib.h>

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static void list_volumes(FILE *fp, const struct vt_fw_report *rep)
{
	fprintf(fp, "\nvolumes:\n");
	for (size_t i = 0; i < rep->nvolumes; i++) {
		const struct vt_fw_volume *v = &rep->volumes[i];
		const char *fs = vt_firmware_fs_name(v->fs_guid);
		char g[40] = "", where[64];
		if (v->parent < 0)
			snprintf(where, sizeof where, "image 0x%llx", (unsigned long long)v->offset);
		else
			snprintf(where, sizeof where, "in module #%d", v->parent);
		if (v->has_name) { /* the volume's own name from its extended header */
			g[0] = g[1] = ' ';
			vt_firmware_guid_text(v->name, g + 2);
		}
		fprintf(fp, "  #%-3zu %-18s %-5s length 0x%-8llx %3u file%-1s%s\n", i, where, fs ? fs : "?",
			(unsigned long long)v->length, v->nfiles, plural(v->nfiles), g);
	}
}

static void list_modules(FILE *fp, const struct vt_fw_report *rep)
{
	fprintf(fp, "\nmodules:\n");
	for (size_t i = 0; i < rep->nmodules; i++) {
		const struct vt_fw_module *m = &rep->modules[i];
		char g[37], tb[8], code[16] = "";
		vt_firmware_guid_text(m->guid, g);
		if (m->code[0])
			snprintf(code, sizeof code, "%s/%u", m->code, m->code_bits);
		fprintf(fp, "  #%-3zu v%-2u %-12s %-8s %3u site%-1s  %-28s %s\n", i, m->volume,
			vt_firmware_file_type_name(m->type, tb), code, m->nsites, plural(m->nsites),
			m->name[0] ? m->name : "-", g);
	}
}

/* One address space in the listing: the linked address, the one Capstone's
 * branch targets and a guest's RIP are in. A context instruction lies in
 * the site's section, so it is as far from the site there as in the image. */
static void print_insn(FILE *fp, const struct vt_style *st, const struct vt_fw_site *s,
		       const struct vt_fw_insn *in, bool site)
{
	char hex[3 * VT_INSN_MAX + 1], addr[24];
	vt_hex_bytes(in->bytes, in->size, ' ', hex, sizeof hex);
	snprintf(addr, sizeof addr, "0x%llx", (unsigned long long)(s->address + (in->offset - s->offset)));
	fprintf(fp, "  %s%s %-10s %-24s %s%s\n", site ? vt_sgr(st, VT_SGR_BOLD) : "", site ? ">" : " ", addr, hex,
		in->text, site ? vt_sgr(st, VT_SGR_RESET) : "");
}

static void print_site(FILE *fp, const struct vt_style *st, const struct vt_fw_report *rep,
		       const struct vt_fw_site *s)
{
	const struct vt_fw_module *m = &rep->modules[s->module];
	char g[37], lb[37];
	vt_firmware_guid_text(m->guid, g);
	fprintf(fp, "\n%s%s%s %s  %s %s  %s%s%s at 0x%llx\n", vt_sgr(st, VT_SGR_BOLD),
		vt_firmware_module_label(m, lb), vt_sgr(st, VT_SGR_RESET), g, s->section, s->code_section,
		vt_sgr(st, s->reached ? VT_SGR_YELLOW : VT_SGR_DIM), s->mnemonic, vt_sgr(st, VT_SGR_RESET),
		(unsigned long long)s->address);
	fprintf(fp, "  %u-bit; addresses are linked addresses (this one: rva 0x%x, offset 0x%llx in the %s image)",
		s->bits, (unsigned)s->rva, (unsigned long long)s->offset, s->section);
	if (s->in_image)
		fprintf(fp, ", image offset 0x%llx", (unsigned long long)s->image_offset);
	else
		fprintf(fp, ", in compressed data");
	fprintf(fp, "%s\n", s->reached ? "" : "; not reached by control flow (may be data)");
	if (s->verdict)
		fprintf(fp, "  %s: %s\n", rep->model, s->verdict_reason[0] ? s->verdict_reason : s->verdict);
	for (unsigned k = 0; k < s->ncontext; k++)
		print_insn(fp, st, s, &s->context[k], k == s->at);
}

static void print_tally(FILE *fp, const struct vt_fw_report *rep, enum vt_fw_tally_by by, const char *label)
{
	struct vt_fw_tally *rows;
	long n = vt_firmware_tally(rep, by, &rows);
	fprintf(fp, "  %-11s", label);
	for (long i = 0; i < n; i++)
		fprintf(fp, "%s%s %zu", i ? ", " : "", rows[i].key, rows[i].count);
	fprintf(fp, "%s\n", n > 0 ? "" : "-");
	free(rows);
}

static void print_summary(FILE *fp, const struct vt_fw_report *rep)
{
	bool any = false;
	char lb[37];
	fprintf(fp, "\nsummary:\n");
	print_tally(fp, rep, VT_FW_BY_MNEMONIC, "by form:");
	print_tally(fp, rep, VT_FW_BY_BYTES, "by bytes:");
	if (rep->model) {
		char label[40];
		snprintf(label, sizeof label, "%s:", rep->model);
		print_tally(fp, rep, VT_FW_BY_VERDICT, label);
	}
	fprintf(fp, "  %-11s", "by module:");
	for (size_t i = 0; i < rep->nmodules; i++) {
		const struct vt_fw_module *m = &rep->modules[i];
		if (m->nsites) {
			fprintf(fp, "%s%s %u", any ? ", " : "", vt_firmware_module_label(m, lb), m->nsites);
			any = true;
		}
	}
	fprintf(fp, "%s\n", any ? "" : "-");
}

void vt_firmware_report_text(FILE *fp, const struct vt_style *style, const struct vt_fw_render *how,
			     const struct vt_fw_report *rep)
{
	size_t with_code = 0;
	for (size_t i = 0; i < rep->nmodules; i++)
		with_code += rep->modules[i].code_bits != 0;
	size_t sites = vt_firmware_reached_sites(rep);
	fprintf(fp, "%s: %zu volume%s, %zu module%s (%zu with x86 code), %zu code section%s, %zu string-I/O site%s",
		rep->image, rep->nvolumes, plural(rep->nvolumes), rep->nmodules, plural(rep->nmodules), with_code,
		rep->code_sections, plural(rep->code_sections), sites, plural(sites));
	if (rep->unreached)
		fprintf(fp, " (+%zu INS/OUTS bytes no control flow reaches, %zu of them REP: data in code sections, "
			    "or routines nothing calls, linked whole from an assembly file; --all shows them)",
			rep->unreached, rep->unreached_rep);
	if (rep->unswept)
		fprintf(fp, "; INCOMPLETE: %zu code section%s not swept (--max-code-bytes)", rep->unswept,
			plural(rep->unswept));
	fprintf(fp, "\n");
	if (how && how->list) {
		list_volumes(fp, rep);
		list_modules(fp, rep);
	}
	for (size_t i = 0; i < rep->nsites; i++)
		print_site(fp, style, rep, &rep->sites[i]);
	print_summary(fp, rep);
}
