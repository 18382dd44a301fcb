#include "vmtriage/decode_report.h"
#include "vmtriage/insn_json.h"

#include "util/util_int.h"

#include <stdlib.h>
#include <string.h>

int vt_decode_report_build(struct vt_decoder *decoder, const char *text, size_t n,
			   const struct vt_decode_opts *opts, struct vt_decode_report *rep,
			   struct vt_error *err)
{
	int rc;
	size_t valid;

	memset(rep, 0, sizeof *rep);
	memcpy(rep->input, text, n < sizeof rep->input ? n : sizeof rep->input - 1);
	rc = vt_bytes_parse(text, n, opts->radix, &rep->eb, err);
	if (rc)
		return rc;
	rep->has_rip = opts->has_rip || rep->eb.has_rip;
	rep->rip = opts->has_rip ? opts->rip : rep->eb.rip;

	valid = vt_exit_bytes_valid(&rep->eb);
	if (!rep->eb.redacted && valid > 0 && rep->eb.len != 0) {
		rc = vt_decode(decoder, rep->eb.bytes, valid, opts->mode, rep->rip, &rep->dec, err);
		if (rc)
			return rc;
		rep->decoded = true;
	} else {
		rep->dec.mode = opts->mode;
	}
	vt_classify_inst(rep->eb.bytes, valid, rep->eb.len, rep->eb.redacted,
			 rep->decoded ? &rep->dec : NULL, &rep->cls);
	/* The rip as given is the linear address: where code cannot be, as scan judges it. */
	if (rep->has_rip)
		vt_classify_place(&rep->cls, rep->rip, opts->mode == 16);
	/* Without --hypervisor, the input's own form says who printed it. */
	rep->hypervisor = opts->hypervisor                     ? opts->hypervisor
			  : rep->eb.notation == VT_NOTATION_STANDALONE ? VT_HV_PROPOLIS_STANDALONE
			  : rep->eb.notation == VT_NOTATION_QEMU_CODE  ? VT_HV_QEMU_KVM
			  : rep->eb.notation == VT_NOTATION_PANIC || rep->eb.notation == VT_NOTATION_UNEMULATED ? VT_HV_PROPOLIS
											  : VT_HV_UNKNOWN;
	vt_classify_for(&rep->cls, rep->hypervisor);
	vt_cluster_signature_of(VT_KIND_INST_EMUL, rep->cls.id, rep->decoded ? &rep->dec : NULL,
				rep->signature, rep->signature_id);
	return VT_OK;
}

static size_t pad_to(char *line, size_t at, size_t col)
{
	while (at < col)
		line[at++] = ' ';
	return at;
}

/* One instruction line, built in a buffer and written once: this runs for
 * every instruction of a batch, where per-character stdio calls dominated. */
/* `end` (an SGR reset, or "") goes before the newline: a terminal must not
 * carry the colour into the next line's margin. */
static void text_insn(FILE *fp, const struct vt_decode_report *rep, const struct vt_insn *in, const char *end)
{
	char line[320];
	size_t at = 0, start;

	/* An offset from the first byte, or with --rip an address: 0x either way. */
	if (!rep->has_rip)
		line[at++] = '+';
	line[at++] = '0';
	line[at++] = 'x';
	at += vt_hex_u64(in->address, line + at);
	at = pad_to(line, at, rep->has_rip ? 20 : 6);
	start = at;
	vt_hex_bytes(in->bytes, in->size, ' ', line + at, sizeof line - at);
	at += strlen(line + at);
	at = pad_to(line, at, start + 22);
	size_t tl = strnlen(in->text, sizeof line - at - 2);
	memcpy(line + at, in->text, tl);
	at += tl;
	fwrite(line, 1, at, fp);
	fprintf(fp, "%s\n", end);
}

static void text_prefixes(FILE *fp, const struct vt_decoded *d)
{
	const struct vt_prefixes *p = &d->prefixes;
	fprintf(fp, "prefixes    ");
	if (p->rep)
		fprintf(fp, "%s (%02x), ", p->rep == 0xF3 ? "rep" : "repne", p->rep);
	if (p->lock)
		fprintf(fp, "lock, ");
	fprintf(fp, "operand size %u%s, address size %u%s", vt_operand_bits(p, d->mode),
		p->opsize ? " (66)" : " (default)", vt_address_bits(p, d->mode),
		p->addrsize ? " (67)" : " (default)");
	if (p->segment)
		fprintf(fp, ", segment %s (%02x)", vt_seg_override_name(p->segment), p->segment);
	if (p->rex)
		fprintf(fp, ", rex %02x", p->rex);
	fputc('\n', fp);
}

void vt_decode_report_text(FILE *fp, const struct vt_style *style, const struct vt_decode_report *rep,
			   bool explain)
{
	const struct vt_class *cls = vt_class_for(rep->cls.id, rep->hypervisor);
	const struct vt_exit_bytes *eb = &rep->eb;
	const char *b = vt_sgr(style, VT_SGR_BOLD), *r = vt_sgr(style, VT_SGR_RESET);
	char hex[3 * VT_INSN_MAX + 1];

	/* The input is what the user pasted or piped: a stdin line may hold anything. */
	fputs("input       ", fp);
	vt_text_puts(fp, rep->input);
	fputc('\n', fp);
	if (eb->redacted) {
		fprintf(fp, "bytes       <guest data redacted>");
	} else {
		vt_hex_bytes(eb->bytes, eb->count, ' ', hex, sizeof hex);
		fprintf(fp, "bytes       %s  (%zu bytes, %s%s)", hex, eb->count, vt_radix_name(eb->radix),
			eb->ambiguous ? ", ambiguous" : "");
	}
	if (eb->len >= 0)
		fprintf(fp, "  len %d", eb->len);
	if (eb->vcpu >= 0)
		fprintf(fp, "  vcpu %d", eb->vcpu);
	fputc('\n', fp);
	fprintf(fp, "mode        %u-bit\n", rep->dec.mode);
	if (rep->has_rip)
		fprintf(fp, "rip         0x%llx\n", (unsigned long long)rep->rip);
	if (rep->decoded) {
		fprintf(fp, "faulting    %s", b);
		text_insn(fp, rep, &rep->dec.faulting, r);
		if (rep->dec.faulting.valid) {
			fprintf(fp, "length      %u\n", rep->dec.faulting.size);
			text_prefixes(fp, &rep->dec);
		}
		if (rep->dec.nfollowing) {
			fprintf(fp, "following bytes, not executed:\n");
			for (size_t i = 0; i < rep->dec.nfollowing; i++) {
				fprintf(fp, "            ");
				text_insn(fp, rep, &rep->dec.following[i], "");
			}
		}
	}
	fprintf(fp, "class       %s%s%s: %s\n", b, cls->name, r, cls->summary);
	if (rep->cls.detail[0])
		fprintf(fp, "detail      %s\n", rep->cls.detail);
	fprintf(fp, "signature   %s  [%s]\n", rep->signature, rep->signature_id);
	if (!explain) {
		fprintf(fp, "why, advice as above for %s\n", cls->name);
		return;
	}
	fprintf(fp, "why         ");
	vt_out_wrap(fp, style, 12, 12, cls->explanation);
	fprintf(fp, "advice      ");
	vt_out_wrap(fp, style, 12, 12, cls->advice);
}

static void int_or_null(struct vt_jw *w, const char *key, int v)
{
	if (v >= 0)
		vt_jw_int(w, key, v);
	else
		vt_jw_null(w, key);
}

/* bytes (the valid ones), len, bytes_printed (all parsed, when more than
 * the valid ones), redacted: the crash record's byte fields. */
static void bytes_write(struct vt_jw *w, const struct vt_exit_bytes *eb)
{
	size_t valid = vt_exit_bytes_valid(eb);
	if (eb->redacted)
		vt_jw_null(w, "bytes");
	else
		vt_jw_hexbytes(w, "bytes", eb->bytes, valid);
	int_or_null(w, "len", eb->len);
	if (eb->redacted || valid == eb->count)
		vt_jw_null(w, "bytes_printed");
	else
		vt_jw_hexbytes(w, "bytes_printed", eb->bytes, eb->count);
	vt_jw_bool(w, "redacted", eb->redacted);
}

void vt_decode_report_write_json(struct vt_jw *w, const struct vt_decode_report *rep, const char *schema)
{
	const struct vt_class *cls = vt_class_for(rep->cls.id, rep->hypervisor);
	const struct vt_exit_bytes *eb = &rep->eb;
	unsigned bits = rep->dec.mode;

	vt_jw_object_begin(w, NULL);
	if (schema)
		vt_jw_literal(w, "schema", schema);
	vt_jw_string(w, "input", rep->input);
	vt_jw_string(w, "form", vt_input_notation_name(eb->notation));
	vt_jw_string(w, "radix", eb->redacted ? NULL : vt_radix_name(eb->radix)); /* null: no bytes read */
	vt_jw_bool(w, "ambiguous", eb->ambiguous);
	int_or_null(w, "vcpu", eb->vcpu);
	if (rep->has_rip)
		vt_jw_hex64(w, "rip", rep->rip);
	else
		vt_jw_null(w, "rip");
	vt_jw_int(w, "bits", bits);
	vt_jw_null(w, "mode"); /* bytes carry no registers to tell the CPU mode */
	bytes_write(w, eb);
	if (rep->decoded)
		vt_instruction_write_json(w, "instruction", &rep->dec.faulting, bits, rep->rip);
	else
		vt_jw_null(w, "instruction");
	vt_jw_array_begin(w, "following");
	for (size_t i = 0; rep->decoded && i < rep->dec.nfollowing; i++)
		vt_instruction_write_json(w, NULL, &rep->dec.following[i], bits, rep->rip);
	vt_jw_array_end(w);
	/* The class table's texts are constants, checked clean by test_classes. */
	vt_jw_literal(w, "class", cls->name);
	vt_jw_literal(w, "summary", cls->summary);
	vt_jw_string(w, "class_detail", rep->cls.detail[0] ? rep->cls.detail : NULL);
	vt_jw_literal(w, "explanation", cls->explanation);
	vt_jw_literal(w, "advice", cls->advice);
	vt_jw_string(w, "signature", rep->signature);
	vt_jw_literal(w, "signature_id", rep->signature_id);
	vt_jw_object_end(w);
}
