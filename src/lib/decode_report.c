#include "vmtriage/decode_report.h"

#include <string.h>

int vt_decode_report_build(struct vt_decoder *decoder, const char *text, size_t n,
			   const struct vt_decode_opts *opts, struct vt_decode_report *rep,
			   struct vt_error *err)
{
	int rc;
	size_t valid;

	memset(rep, 0, sizeof *rep);
	snprintf(rep->input, sizeof rep->input, "%.*s", (int)(n < sizeof rep->input ? n : sizeof rep->input - 1), text);
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
	return VT_OK;
}

static void format_addr(const struct vt_decode_report *rep, uint64_t addr, char *buf, size_t size)
{
	if (rep->has_rip)
		snprintf(buf, size, "%llx", (unsigned long long)addr);
	else
		snprintf(buf, size, "+%llx", (unsigned long long)addr);
}

static void text_insn(FILE *fp, const struct vt_decode_report *rep, const struct vt_insn *in)
{
	char addr[24], hex[3 * VT_INSN_MAX + 1];
	format_addr(rep, in->address, addr, sizeof addr);
	vt_hex_bytes(in->bytes, in->size, ' ', hex, sizeof hex);
	fprintf(fp, "%-*s  %-20s  %s\n", rep->has_rip ? 16 : 3, addr, hex, in->text);
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

void vt_decode_report_text(FILE *fp, const struct vt_style *style, const struct vt_decode_report *rep)
{
	const struct vt_class *cls = vt_class_get(rep->cls.id);
	const struct vt_exit_bytes *eb = &rep->eb;
	const char *b = vt_sgr(style, VT_SGR_BOLD), *r = vt_sgr(style, VT_SGR_RESET);
	char hex[3 * VT_INSN_MAX + 1];

	fprintf(fp, "input       %s\n", rep->input);
	if (eb->redacted) {
		fprintf(fp, "bytes       <guest data redacted>");
	} else {
		vt_hex_bytes(eb->bytes, eb->count, ' ', hex, sizeof hex);
		fprintf(fp, "bytes       %s  (%zu, %s%s)", hex, eb->count, vt_radix_name(eb->radix),
			eb->ambiguous ? ", ambiguous" : "");
	}
	if (eb->len >= 0)
		fprintf(fp, "  len %d", eb->len);
	if (eb->vcpu >= 0)
		fprintf(fp, "  vcpu %d", eb->vcpu);
	fputc('\n', fp);
	fprintf(fp, "mode        %u-bit\n", rep->dec.mode);
	if (rep->has_rip)
		fprintf(fp, "rip         %llx\n", (unsigned long long)rep->rip);
	if (rep->decoded) {
		fprintf(fp, "faulting    %s", b);
		text_insn(fp, rep, &rep->dec.faulting);
		fputs(r, fp);
		if (rep->dec.faulting.valid) {
			fprintf(fp, "length      %u\n", rep->dec.faulting.size);
			text_prefixes(fp, &rep->dec);
		}
		if (rep->dec.nfollowing) {
			fprintf(fp, "following bytes, not executed:\n");
			for (size_t i = 0; i < rep->dec.nfollowing; i++) {
				fprintf(fp, "            ");
				text_insn(fp, rep, &rep->dec.following[i]);
			}
		}
	}
	fprintf(fp, "class       %s%s%s: %s\n", b, cls->name, r, cls->summary);
	if (rep->cls.detail[0])
		fprintf(fp, "detail      %s\n", rep->cls.detail);
	fprintf(fp, "why         ");
	vt_out_wrap(fp, style, 12, 12, cls->explanation);
	fprintf(fp, "advice      ");
	vt_out_wrap(fp, style, 12, 12, cls->advice);
}

cJSON *vt_insn_json(const struct vt_insn *insn, uint64_t base)
{
	char hex[2 * VT_INSN_MAX + 1];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "address", vt_json_hex64(insn->address));
	cJSON_AddNumberToObject(o, "offset", (double)(insn->address - base));
	vt_hex_bytes(insn->bytes, insn->size, 0, hex, sizeof hex);
	cJSON_AddStringToObject(o, "bytes", hex);
	if (insn->valid)
		cJSON_AddStringToObject(o, "text", insn->text);
	else
		cJSON_AddNullToObject(o, "text");
	cJSON_AddNumberToObject(o, "length", insn->size);
	cJSON_AddBoolToObject(o, "valid", insn->valid);
	return o;
}

cJSON *vt_prefixes_json(const struct vt_prefixes *p, unsigned mode)
{
	char buf[8];
	cJSON *o = cJSON_CreateObject();
	snprintf(buf, sizeof buf, "%02x", p->rep);
	vt_json_add_string_or_null(o, "rep", p->rep ? buf : NULL);
	cJSON_AddBoolToObject(o, "lock", p->lock);
	cJSON_AddNumberToObject(o, "operand_size", vt_operand_bits(p, mode));
	cJSON_AddBoolToObject(o, "operand_size_override", p->opsize);
	cJSON_AddNumberToObject(o, "address_size", vt_address_bits(p, mode));
	cJSON_AddBoolToObject(o, "address_size_override", p->addrsize);
	vt_json_add_string_or_null(o, "segment_override", vt_seg_override_name(p->segment));
	snprintf(buf, sizeof buf, "%02x", p->rex);
	vt_json_add_string_or_null(o, "rex", p->rex ? buf : NULL);
	return o;
}

cJSON *vt_string_io_json(const struct vt_string_io *sio)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "direction", sio->in ? "in" : "out");
	cJSON_AddNumberToObject(o, "element_size", sio->size);
	cJSON_AddNumberToObject(o, "address_size", sio->addr_bits);
	cJSON_AddBoolToObject(o, "rep", sio->rep);
	cJSON_AddStringToObject(o, "segment", vt_seg_name(sio->segment));
	return o;
}

cJSON *vt_decode_report_json(const struct vt_decode_report *rep)
{
	const struct vt_class *cls = vt_class_get(rep->cls.id);
	const struct vt_exit_bytes *eb = &rep->eb;
	char hex[2 * VT_INSN_MAX + 1];
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "input", rep->input);
	if (eb->redacted) {
		cJSON_AddNullToObject(o, "bytes");
	} else {
		vt_hex_bytes(eb->bytes, eb->count, 0, hex, sizeof hex);
		cJSON_AddStringToObject(o, "bytes", hex);
	}
	if (eb->len >= 0)
		cJSON_AddNumberToObject(o, "len", eb->len);
	else
		cJSON_AddNullToObject(o, "len");
	cJSON_AddStringToObject(o, "radix", vt_radix_name(eb->radix));
	cJSON_AddBoolToObject(o, "ambiguous", eb->ambiguous);
	cJSON_AddStringToObject(o, "form", vt_input_form_name(eb->form));
	if (eb->vcpu >= 0)
		cJSON_AddNumberToObject(o, "vcpu", eb->vcpu);
	else
		cJSON_AddNullToObject(o, "vcpu");
	cJSON_AddNumberToObject(o, "mode", rep->dec.mode);
	if (rep->has_rip)
		cJSON_AddItemToObject(o, "rip", vt_json_hex64(rep->rip));
	else
		cJSON_AddNullToObject(o, "rip");

	if (rep->decoded) {
		cJSON *insn = vt_insn_json(&rep->dec.faulting, rep->rip);
		cJSON_AddItemToObject(insn, "prefixes", vt_prefixes_json(&rep->dec.prefixes, rep->dec.mode));
		if (rep->dec.is_string_io)
			cJSON_AddItemToObject(insn, "string_io", vt_string_io_json(&rep->dec.sio));
		else
			cJSON_AddNullToObject(insn, "string_io");
		cJSON_AddItemToObject(o, "instruction", insn);
	} else {
		cJSON_AddNullToObject(o, "instruction");
	}
	cJSON *following = cJSON_AddArrayToObject(o, "following");
	for (size_t i = 0; rep->decoded && i < rep->dec.nfollowing; i++)
		cJSON_AddItemToArray(following, vt_insn_json(&rep->dec.following[i], rep->rip));
	cJSON_AddStringToObject(o, "class", cls->name);
	cJSON_AddStringToObject(o, "summary", cls->summary);
	cJSON_AddStringToObject(o, "detail", rep->cls.detail);
	cJSON_AddStringToObject(o, "explanation", cls->explanation);
	cJSON_AddStringToObject(o, "advice", cls->advice);
	return o;
}
