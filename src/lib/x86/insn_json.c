/* The instruction record (docs/json.md), streamed. */
#include "vmtriage/insn_json.h"

#include "util/util_int.h"
#include "x86/insn_json_int.h"

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

void vt_instruction_write_json(struct vt_jw *w, const char *key, const struct vt_insn *insn, unsigned bits,
			       uint64_t base)
{
	struct vt_prefixes p;
	struct vt_string_io sio;

	vt_insn_write_json(w, key, insn, base, false);
	vt_prefixes_scan(insn->bytes, insn->size, bits, &p);
	vt_prefixes_write_json(w, "prefixes", &p, bits);
	if (insn->valid && vt_string_io_decode(insn->bytes, insn->size, bits, &sio) == VT_SIO_OK)
		vt_string_io_write_json(w, "string_io", &sio);
	else
		vt_jw_null(w, "string_io");
	vt_jw_object_end(w);
}


struct instruction_arg {
	const struct vt_insn *insn;
	unsigned bits;
	uint64_t base;
};

static void write_instruction(struct vt_jw *w, const void *arg)
{
	const struct instruction_arg *a = arg;
	vt_instruction_write_json(w, NULL, a->insn, a->bits, a->base);
}

cJSON *x86_instruction_json(const struct vt_insn *insn, unsigned bits, uint64_t base)
{
	struct instruction_arg a = { insn, bits, base };
	return util_jw_tree(write_instruction, &a);
}
