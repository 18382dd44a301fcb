#include "vmtriage/insn.h"

#include <stdio.h>
#include <string.h>

static const char *const seg_names[VT_SEG_COUNT] = { "es", "cs", "ss", "ds", "fs", "gs" };

const char *vt_seg_name(enum vt_seg seg)
{
	return (unsigned)seg < VT_SEG_COUNT ? seg_names[seg] : "?";
}

enum vt_seg vt_seg_from_override(uint8_t byte)
{
	switch (byte) {
	case 0x26: return VT_SEG_ES;
	case 0x2E: return VT_SEG_CS;
	case 0x36: return VT_SEG_SS;
	case 0x64: return VT_SEG_FS;
	case 0x65: return VT_SEG_GS;
	default: return VT_SEG_DS;
	}
}

const char *vt_seg_override_name(uint8_t byte)
{
	switch (byte) {
	case 0x26: case 0x2E: case 0x36: case 0x3E: case 0x64: case 0x65:
		return vt_seg_name(vt_seg_from_override(byte));
	default:
		return NULL;
	}
}

void vt_prefixes_scan(const uint8_t *bytes, size_t n, unsigned code_bits, struct vt_prefixes *p)
{
	memset(p, 0, sizeof *p);
	for (size_t i = 0; i < n; i++) {
		uint8_t b = bytes[i];
		if (code_bits == 64 && b >= 0x40 && b <= 0x4F) {
			/* REX counts only when the opcode follows; a legacy prefix after it voids it. */
			p->rex = b;
			p->count = i + 1;
			continue;
		}
		switch (b) {
		case 0xF2: case 0xF3: p->rep = b; break;
		case 0xF0: p->lock = true; break;
		case 0x66: p->opsize = true; break;
		case 0x67: p->addrsize = true; break;
		case 0x26: case 0x2E: case 0x36: case 0x3E: case 0x64: case 0x65:
			p->segment = b;
			break;
		default:
			return;
		}
		p->rex = 0;
		p->count = i + 1;
	}
}

unsigned vt_operand_bits(const struct vt_prefixes *p, unsigned code_bits)
{
	if (code_bits == 64 && (p->rex & 0x08))
		return 64;
	if (code_bits == 16)
		return p->opsize ? 32 : 16;
	return p->opsize ? 16 : 32;
}

static unsigned addr_bits_for(unsigned code_bits, bool addrsize);

unsigned vt_address_bits(const struct vt_prefixes *p, unsigned code_bits)
{
	return addr_bits_for(code_bits, p->addrsize);
}

static unsigned addr_bits_for(unsigned code_bits, bool addrsize)
{
	if (code_bits == 64)
		return addrsize ? 32 : 64;
	if (code_bits == 32)
		return addrsize ? 16 : 32;
	return addrsize ? 32 : 16;
}

enum vt_sio_result vt_string_io_decode(const uint8_t *bytes, size_t n, unsigned code_bits,
				       struct vt_string_io *out)
{
	struct vt_prefixes p;
	uint8_t op;

	memset(out, 0, sizeof *out);
	if (n > VT_INSN_MAX)
		n = VT_INSN_MAX + 1; /* look one past the limit to tell "too long" apart */
	vt_prefixes_scan(bytes, n, code_bits, &p);
	if (p.count >= n)
		return p.count >= VT_INSN_MAX ? VT_SIO_TOO_LONG : VT_SIO_TRUNCATED;
	op = bytes[p.count];
	if (op < 0x6C || op > 0x6F)
		return VT_SIO_NOT_STRING_IO;
	if (p.count + 1 > VT_INSN_MAX)
		return VT_SIO_TOO_LONG;

	out->prefixes = p;
	out->opcode = op;
	out->code_bits = code_bits;
	out->length = p.count + 1;
	out->in = op == 0x6C || op == 0x6D;
	if (op == 0x6C || op == 0x6E) {
		out->size = 1;
	} else {
		/* REX.W cannot make an 8-byte element, but it still voids 66
		 * (SDM vol. 2, 2.2.1.2), as QEMU and KVM agree: 4 bytes. */
		bool wide = code_bits != 16;
		if (code_bits == 64 && (p.rex & 0x08))
			out->size = 4;
		else
			out->size = (wide != p.opsize) ? 4 : 2;
	}
	out->addr_bits = addr_bits_for(code_bits, p.addrsize);
	out->rep = p.rep != 0;
	if (out->in) {
		out->segment = VT_SEG_ES; /* the INS destination cannot be overridden */
	} else {
		out->segment = p.segment ? vt_seg_from_override(p.segment) : VT_SEG_DS;
		out->seg_overridden = p.segment != 0;
	}
	return VT_SIO_OK;
}

const char *vt_string_io_mnemonic(const struct vt_string_io *sio)
{
	static const char *const names[2][3] = {
		{ "OUTSB", "OUTSW", "OUTSD" },
		{ "INSB", "INSW", "INSD" },
	};
	unsigned idx = sio->size == 1 ? 0 : sio->size == 2 ? 1 : 2;
	return names[sio->in ? 1 : 0][idx];
}

/* Appends for the text builders below: snprintf was a hot spot in batch decodes. */
static size_t append(char *buf, size_t size, size_t at, const char *s)
{
	while (*s && at + 1 < size)
		buf[at++] = *s++;
	if (size)
		buf[at < size ? at : size - 1] = '\0';
	return at;
}

static const char *index_reg(const struct vt_string_io *sio)
{
	if (sio->addr_bits == 64)
		return sio->in ? "rdi" : "rsi";
	if (sio->addr_bits == 32)
		return sio->in ? "edi" : "esi";
	return sio->in ? "di" : "si";
}

void vt_string_io_memory_operand(const struct vt_string_io *sio, char *buf, size_t bufsize)
{
	static const char *const ptr_names[] = { "", "byte ptr ", "word ptr ", "", "dword ptr " };
	size_t at = append(buf, bufsize, 0, ptr_names[sio->size]);
	if (!sio->in && sio->seg_overridden) {
		at = append(buf, bufsize, at, vt_seg_name(sio->segment));
		at = append(buf, bufsize, at, ":");
	}
	at = append(buf, bufsize, at, "[");
	at = append(buf, bufsize, at, index_reg(sio));
	append(buf, bufsize, at, "]");
}

void vt_string_io_text(const struct vt_string_io *sio, char *buf, size_t bufsize)
{
	char mnem[16], mem[48];
	size_t i, at;

	const char *m = vt_string_io_mnemonic(sio);
	for (i = 0; m[i] && i < sizeof mnem - 1; i++)
		mnem[i] = (char)(m[i] | 0x20);
	mnem[i] = '\0';
	vt_string_io_memory_operand(sio, mem, sizeof mem);

	const char *rep = sio->prefixes.rep == 0xF3 ? "rep " : sio->prefixes.rep == 0xF2 ? "repne " : "";
	at = append(buf, bufsize, 0, rep);
	at = append(buf, bufsize, at, mnem);
	if (sio->in) {
		at = append(buf, bufsize, at, " ");
		at = append(buf, bufsize, at, mem);
		append(buf, bufsize, at, ", dx");
	} else {
		at = append(buf, bufsize, at, " dx, ");
		append(buf, bufsize, at, mem);
	}
}
