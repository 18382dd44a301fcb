#include "vmtriage/decode.h"

#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vt_decoder {
	csh handle[3];      /* 16, 32, 64 */
	cs_insn *insn[3];   /* reused: no allocation per decode */
};

static int mode_index(unsigned mode)
{
	return mode == 16 ? 0 : mode == 32 ? 1 : mode == 64 ? 2 : -1;
}

struct vt_decoder *vt_decoder_new(struct vt_error *err)
{
	static const cs_mode modes[3] = { CS_MODE_16, CS_MODE_32, CS_MODE_64 };
	struct vt_decoder *dec = calloc(1, sizeof *dec);
	if (!dec) {
		vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		return NULL;
	}
	for (int i = 0; i < 3; i++) {
		cs_err e = cs_open(CS_ARCH_X86, modes[i], &dec->handle[i]);
		if (e != CS_ERR_OK) {
			vt_error_set(err, VT_ERR_INTERNAL, "capstone: %s", cs_strerror(e));
			vt_decoder_free(dec);
			return NULL;
		}
		cs_option(dec->handle[i], CS_OPT_DETAIL, CS_OPT_ON);
		dec->insn[i] = cs_malloc(dec->handle[i]);
		if (!dec->insn[i]) {
			vt_error_set(err, VT_ERR_NOMEM, "out of memory");
			vt_decoder_free(dec);
			return NULL;
		}
	}
	return dec;
}

void vt_decoder_free(struct vt_decoder *dec)
{
	if (!dec)
		return;
	for (int i = 0; i < 3; i++) {
		if (dec->insn[i])
			cs_free(dec->insn[i], 1);
		if (dec->handle[i])
			cs_close(&dec->handle[i]);
	}
	free(dec);
}

/* Instructions whose memory operand is an address computation, not an access. */
static bool operand_not_accessed(const char *mnemonic)
{
	return strcmp(mnemonic, "lea") == 0 || strncmp(mnemonic, "nop", 3) == 0 ||
	       strncmp(mnemonic, "prefetch", 8) == 0;
}

static void find_memory_operand(const cs_insn *ci, struct vt_insn *out)
{
	const cs_x86 *x = &ci->detail->x86;
	bool has_mem = false;
	for (int i = 0; i < x->op_count; i++)
		if (x->operands[i].type == X86_OP_MEM)
			has_mem = true;
	if (!has_mem || operand_not_accessed(ci->mnemonic))
		return;
	out->touches_memory = true;
	/* op_str is "a, b": pick the operand that holds the brackets. */
	const char *s = ci->op_str;
	while (*s) {
		const char *comma = strstr(s, ", ");
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		if (memchr(s, '[', len)) {
			if (len >= sizeof out->memory_operand)
				len = sizeof out->memory_operand - 1;
			memcpy(out->memory_operand, s, len);
			out->memory_operand[len] = '\0';
			return;
		}
		if (!comma)
			break;
		s = comma + 2;
	}
}

static void fill_insn(const cs_insn *ci, struct vt_insn *out)
{
	memset(out, 0, sizeof *out);
	out->address = ci->address;
	out->size = (uint8_t)(ci->size > VT_INSN_MAX ? VT_INSN_MAX : ci->size);
	memcpy(out->bytes, ci->bytes, out->size);
	out->valid = true;
	/* Plain copies, not snprintf: this runs for every instruction of a batch. */
	size_t m = strnlen(ci->mnemonic, sizeof out->text - 1);
	memcpy(out->text, ci->mnemonic, m);
	if (ci->op_str[0] && m + 1 < sizeof out->text - 1) {
		out->text[m++] = ' ';
		size_t o = strnlen(ci->op_str, sizeof out->text - 1 - m);
		memcpy(out->text + m, ci->op_str, o);
		m += o;
	}
	out->text[m] = '\0';
	find_memory_operand(ci, out);
}

static void raw_byte(uint8_t b, uint64_t address, struct vt_insn *out)
{
	memset(out, 0, sizeof *out);
	out->address = address;
	out->size = 1;
	out->bytes[0] = b;
	static const char hex[] = "0123456789abcdef";
	memcpy(out->text, "db 0x", 5);
	out->text[5] = hex[b >> 4];
	out->text[6] = hex[b & 15];
	out->text[7] = '\0';
}

/* Decode one instruction at bytes[off]; a raw byte when it does not decode. */
static void decode_one(struct vt_decoder *dec, int mi, const uint8_t *bytes, size_t n, size_t off,
		       uint64_t rip, struct vt_insn *out)
{
	const uint8_t *code = bytes + off;
	size_t size = n - off;
	uint64_t addr = rip + off;
	if (cs_disasm_iter(dec->handle[mi], &code, &size, &addr, dec->insn[mi]))
		fill_insn(dec->insn[mi], out);
	else
		raw_byte(bytes[off], rip + off, out);
}

int vt_decode(struct vt_decoder *dec, const uint8_t *bytes, size_t n, unsigned mode, uint64_t rip,
	      struct vt_decoded *out, struct vt_error *err)
{
	int mi = mode_index(mode);
	size_t off;

	if (mi < 0)
		return vt_error_set(err, VT_ERR_INPUT, "mode %u is not 16, 32 or 64", mode);
	if (n > VT_INSN_MAX)
		n = VT_INSN_MAX;
	memset(out, 0, sizeof *out);
	out->mode = mode;
	out->rip = rip;
	if (n == 0)
		return VT_OK;

	vt_prefixes_scan(bytes, n, mode, &out->prefixes);
	if (vt_string_io_decode(bytes, n, mode, &out->sio) != VT_SIO_OK) {
		decode_one(dec, mi, bytes, n, 0, rip, &out->faulting);
	} else {
		/* Our own prefix rules decide the form: Capstone 4 mis-sizes `66 f3 6f`. */
		out->is_string_io = true;
		out->faulting.address = rip;
		out->faulting.valid = true;
		out->faulting.size = (uint8_t)out->sio.length;
		memcpy(out->faulting.bytes, bytes, out->sio.length);
		vt_string_io_text(&out->sio, out->faulting.text, sizeof out->faulting.text);
		out->faulting.touches_memory = true;
		vt_string_io_memory_operand(&out->sio, out->faulting.memory_operand,
					    sizeof out->faulting.memory_operand);
	}
	for (off = out->faulting.size; off < n && out->nfollowing < VT_INSN_MAX; out->nfollowing++) {
		struct vt_insn *f = &out->following[out->nfollowing];
		decode_one(dec, mi, bytes, n, off, rip, f);
		off += f->size;
	}
	return VT_OK;
}
