#include "vmtriage/decode_report.h"

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
	const struct vt_class *cls = vt_class_get(rep->cls.id);
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
	if (!explain) {
		fprintf(fp, "why, advice as above for %s\n", cls->name);
		return;
	}
	fprintf(fp, "why         ");
	vt_out_wrap(fp, style, 12, 12, cls->explanation);
	fprintf(fp, "advice      ");
	vt_out_wrap(fp, style, 12, 12, cls->advice);
}

void vt_insn_write_json(struct vt_jw *w, const char *key, const struct vt_insn *insn, uint64_t base,
			bool close)
{
	vt_jw_object_begin(w, key);
	vt_jw_hex64(w, "address", insn->address);
	vt_jw_int(w, "offset", (long long)(insn->address - base));
	vt_jw_hexbytes(w, "bytes", insn->bytes, insn->size);
	vt_jw_string(w, "text", insn->valid ? insn->text : NULL);
	vt_jw_int(w, "length", insn->size);
	vt_jw_bool(w, "valid", insn->valid);
	if (close)
		vt_jw_object_end(w);
}

static void hex_byte_or_null(struct vt_jw *w, const char *key, uint8_t b)
{
	if (b)
		vt_jw_hexbytes(w, key, &b, 1);
	else
		vt_jw_null(w, key);
}

void vt_prefixes_write_json(struct vt_jw *w, const char *key, const struct vt_prefixes *p, unsigned mode)
{
	vt_jw_object_begin(w, key);
	hex_byte_or_null(w, "rep", p->rep);
	vt_jw_bool(w, "lock", p->lock);
	vt_jw_int(w, "operand_size", vt_operand_bits(p, mode));
	vt_jw_bool(w, "operand_size_override", p->opsize);
	vt_jw_int(w, "address_size", vt_address_bits(p, mode));
	vt_jw_bool(w, "address_size_override", p->addrsize);
	vt_jw_string(w, "segment_override", vt_seg_override_name(p->segment));
	hex_byte_or_null(w, "rex", p->rex);
	vt_jw_object_end(w);
}

void vt_string_io_write_json(struct vt_jw *w, const char *key, const struct vt_string_io *sio)
{
	vt_jw_object_begin(w, key);
	vt_jw_string(w, "direction", sio->in ? "in" : "out");
	vt_jw_int(w, "element_size", sio->size);
	vt_jw_int(w, "address_size", sio->addr_bits);
	vt_jw_bool(w, "rep", sio->rep);
	vt_jw_string(w, "segment", vt_seg_name(sio->segment));
	vt_jw_object_end(w);
}

static void int_or_null(struct vt_jw *w, const char *key, int v)
{
	if (v >= 0)
		vt_jw_int(w, key, v);
	else
		vt_jw_null(w, key);
}

void vt_decode_report_write_json(struct vt_jw *w, const struct vt_decode_report *rep)
{
	const struct vt_class *cls = vt_class_get(rep->cls.id);
	const struct vt_exit_bytes *eb = &rep->eb;

	vt_jw_object_begin(w, NULL);
	vt_jw_string(w, "input", rep->input);
	if (eb->redacted)
		vt_jw_null(w, "bytes");
	else
		vt_jw_hexbytes(w, "bytes", eb->bytes, eb->count);
	int_or_null(w, "len", eb->len);
	vt_jw_string(w, "radix", vt_radix_name(eb->radix));
	vt_jw_bool(w, "ambiguous", eb->ambiguous);
	vt_jw_string(w, "form", vt_input_form_name(eb->form));
	int_or_null(w, "vcpu", eb->vcpu);
	vt_jw_int(w, "mode", rep->dec.mode);
	if (rep->has_rip)
		vt_jw_hex64(w, "rip", rep->rip);
	else
		vt_jw_null(w, "rip");
	if (rep->decoded) {
		vt_insn_write_json(w, "instruction", &rep->dec.faulting, rep->rip, false);
		vt_prefixes_write_json(w, "prefixes", &rep->dec.prefixes, rep->dec.mode);
		if (rep->dec.is_string_io)
			vt_string_io_write_json(w, "string_io", &rep->dec.sio);
		else
			vt_jw_null(w, "string_io");
		vt_jw_object_end(w);
	} else {
		vt_jw_null(w, "instruction");
	}
	vt_jw_array_begin(w, "following");
	for (size_t i = 0; rep->decoded && i < rep->dec.nfollowing; i++)
		vt_insn_write_json(w, NULL, &rep->dec.following[i], rep->rip, true);
	vt_jw_array_end(w);
	/* The class table's texts are constants, checked clean by test_classes. */
	vt_jw_literal(w, "class", cls->name);
	vt_jw_literal(w, "summary", cls->summary);
	vt_jw_string(w, "detail", rep->cls.detail);
	vt_jw_literal(w, "explanation", cls->explanation);
	vt_jw_literal(w, "advice", cls->advice);
	vt_jw_object_end(w);
}

/* cJSON trees for callers that embed these objects in their own reports:
 * written once by the streaming writer and parsed back, so the field lists
 * exist in one place only. */
typedef void (*json_writer_fn)(struct vt_jw *w, const void *arg);

static cJSON *to_cjson(json_writer_fn fn, const void *arg)
{
	char *buf = NULL;
	size_t size = 0;
	struct vt_jw w;
	FILE *fp = open_memstream(&buf, &size);
	cJSON *j;

	if (!fp)
		return NULL;
	vt_jw_init(&w, fp, false);
	fn(&w, arg);
	vt_jw_flush(&w);
	fclose(fp);
	j = cJSON_Parse(buf);
	free(buf);
	return j;
}

static void write_report(struct vt_jw *w, const void *arg)
{
	vt_decode_report_write_json(w, arg);
}

cJSON *vt_decode_report_json(const struct vt_decode_report *rep)
{
	return to_cjson(write_report, rep);
}

struct insn_arg {
	const struct vt_insn *insn;
	uint64_t base;
};

static void write_insn(struct vt_jw *w, const void *arg)
{
	const struct insn_arg *a = arg;
	vt_insn_write_json(w, NULL, a->insn, a->base, true);
}

cJSON *vt_insn_json(const struct vt_insn *insn, uint64_t base)
{
	struct insn_arg a = { insn, base };
	return to_cjson(write_insn, &a);
}

struct prefixes_arg {
	const struct vt_prefixes *p;
	unsigned mode;
};

static void write_prefixes(struct vt_jw *w, const void *arg)
{
	const struct prefixes_arg *a = arg;
	vt_prefixes_write_json(w, NULL, a->p, a->mode);
}

cJSON *vt_prefixes_json(const struct vt_prefixes *p, unsigned mode)
{
	struct prefixes_arg a = { p, mode };
	return to_cjson(write_prefixes, &a);
}

static void write_string_io(struct vt_jw *w, const void *arg)
{
	vt_string_io_write_json(w, NULL, arg);
}

cJSON *vt_string_io_json(const struct vt_string_io *sio)
{
	return to_cjson(write_string_io, sio);
}
