#include "vmtriage/classify.h"

#include <stdio.h>
#include <string.h>

const char *vt_exit_kind_name(enum vt_exit_kind kind)
{
	static const char *const names[VT_KIND_COUNT] = {
		"InstEmul", "Paging", "VmxError", "SvmError", "Unknown", "Debug",
		"VcpuError", "TripleFault", "Panic",
	};
	return (unsigned)kind < VT_KIND_COUNT ? names[kind] : "?";
}

static bool all_same(const uint8_t *b, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (b[i] != b[0])
			return false;
	return true;
}

/* Instructions the CPU decodes for the VMM itself (IOIO, CPUID, MSR exits...):
 * seeing them in an InstEmul exit is odd, but not proof of garbage. */
static bool is_system_insn(const char *text)
{
	static const char *const names[] = {
		"in ", "out ", "hlt", "cpuid", "rdmsr", "wrmsr", "int ", "int3", "into", "iret",
		"syscall", "sysenter", "vmcall", "vmmcall", "xsetbv", "invlpg", "lgdt", "lidt",
		"mov cr", "mov dr", "rdtsc", "pause", "monitor", "mwait",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strncmp(text, names[i], strlen(names[i])) == 0)
			return true;
	return false;
}

static void string_io_detail(const struct vt_string_io *sio, char *buf, size_t size)
{
	static const char *const regs[3][3] = {
		{ "SI", "DI", "CX" }, { "ESI", "EDI", "ECX" }, { "RSI", "RDI", "RCX" },
	};
	int r = sio->addr_bits == 16 ? 0 : sio->addr_bits == 32 ? 1 : 2;
	char seg[4];
	const char *s = vt_seg_name(sio->segment);
	snprintf(seg, sizeof seg, "%c%c", s[0] - 32, s[1] - 32);
	snprintf(buf, size, "%s%s: %u-byte elements %s %s:[%s] %s port DX, %s, %u-bit addresses%s",
		 sio->rep ? "REP " : "", vt_string_io_mnemonic(sio), sio->size,
		 sio->in ? "into" : "from", seg, regs[r][sio->in ? 1 : 0], sio->in ? "from" : "to",
		 sio->rep ? (r == 0 ? "CX times" : r == 1 ? "ECX times" : "RCX times") : "one element",
		 sio->addr_bits, sio->seg_overridden ? " (segment override)" : "");
}

/* Whether bhyve's in-kernel emulator (vmm_instruction_emul.c, its opcode
 * tables) decodes the instruction: then an InstEmul exit for it came from a
 * linear-address mismatch or a failed MMIO access, not from the decoder. */
static bool bhyve_decodes(const struct vt_insn *in, unsigned mode)
{
	static const uint8_t one_byte[] = { 0x03, 0x0B, 0x23, 0x2B, 0x39, 0x3B, 0x80, 0x81, 0x83, 0x88, 0x89,
					    0x8A, 0x8B, 0x8F, 0xA1, 0xA3, 0xA4, 0xA5, 0xAA, 0xAB, 0xC6, 0xC7,
					    0xF6, 0xF7, 0xFF };
	static const uint8_t two_byte[] = { 0x06, 0x20, 0x22, 0xAE, 0xAF, 0xB6, 0xB7, 0xBA, 0xBE };
	size_t i = 0;
	while (i < in->size && memchr("\x66\x67\xF2\xF3\x2E\x36\x3E\x26\x64\x65\xF0", in->bytes[i], 11))
		i++;
	if (mode == 64 && i < in->size && (in->bytes[i] & 0xF0) == 0x40)
		i++;
	if (i >= in->size)
		return false;
	if (in->bytes[i] != 0x0F)
		return memchr(one_byte, in->bytes[i], sizeof one_byte) != NULL;
	return i + 1 < in->size && memchr(two_byte, in->bytes[i + 1], sizeof two_byte) != NULL;
}

void vt_classify_inst(const uint8_t *bytes, size_t n, int len, bool redacted,
		      const struct vt_decoded *dec, struct vt_classification *out)
{
	memset(out, 0, sizeof *out);
	if (redacted) {
		out->id = VT_CLASS_REDACTED;
		if (len >= 0)
			snprintf(out->detail, sizeof out->detail,
				 "inst_data: <guest data redacted>, len %d", len);
		else
			snprintf(out->detail, sizeof out->detail, "inst_data: <guest data redacted>");
		return;
	}
	if (len == 0 || n == 0 || (len < 0 && all_same(bytes, n) && bytes[0] == 0)) {
		out->id = VT_CLASS_EMPTY;
		snprintf(out->detail, sizeof out->detail, "len %d: no bytes were fetched", len < 0 ? 0 : len);
		return;
	}
	if (n >= 2 && all_same(bytes, n)) {
		out->id = VT_CLASS_GARBAGE;
		snprintf(out->detail, sizeof out->detail, "byte 0x%02x repeated %zu times%s", bytes[0], n,
			 bytes[0] == 0xAF ? " (0xAF fill decodes as SCAS)" : "");
		return;
	}
	if (!dec || !dec->faulting.valid) {
		out->id = VT_CLASS_GARBAGE;
		snprintf(out->detail, sizeof out->detail, "the first bytes do not decode as %u-bit code",
			 dec ? dec->mode : 64);
		return;
	}
	if (dec->is_string_io) {
		out->id = VT_CLASS_STRING_IO;
		string_io_detail(&dec->sio, out->detail, sizeof out->detail);
		return;
	}
	if (dec->faulting.touches_memory) {
		out->id = VT_CLASS_MMIO;
		snprintf(out->detail, sizeof out->detail, "`%s`: memory operand %s; %s", dec->faulting.text,
			 dec->faulting.memory_operand,
			 bhyve_decodes(&dec->faulting, dec->mode) ? "bhyve's emulator decodes it: the address or the access failed, not the decoder"
								  : "bhyve's emulator does not decode it");
		return;
	}
	if (is_system_insn(dec->faulting.text)) {
		out->id = VT_CLASS_UNKNOWN;
		snprintf(out->detail, sizeof out->detail,
			 "`%s` is normally decoded by the CPU for the VMM, not emulated from bytes",
			 dec->faulting.text);
		return;
	}
	out->id = VT_CLASS_GARBAGE;
	snprintf(out->detail, sizeof out->detail,
		 "`%s` uses no memory operand, so it cannot cause an instruction-emulation exit",
		 dec->faulting.text);
}

void vt_classify(enum vt_exit_kind kind, const uint8_t *bytes, size_t n, int len, bool redacted,
		 const struct vt_decoded *dec, struct vt_classification *out)
{
	static const enum vt_class_id by_kind[VT_KIND_COUNT] = {
		[VT_KIND_INST_EMUL] = VT_CLASS_UNKNOWN,
		[VT_KIND_PAGING] = VT_CLASS_PAGING,
		[VT_KIND_VMX_ERROR] = VT_CLASS_VMX_ERROR,
		[VT_KIND_SVM_ERROR] = VT_CLASS_SVM_ERROR,
		[VT_KIND_UNKNOWN] = VT_CLASS_UNKNOWN_EXIT,
		[VT_KIND_DEBUG] = VT_CLASS_DEBUG_EXIT,
		[VT_KIND_VCPU_ERROR] = VT_CLASS_VCPU_ERROR,
		[VT_KIND_TRIPLE_FAULT] = VT_CLASS_TRIPLE_FAULT,
		[VT_KIND_OTHER_PANIC] = VT_CLASS_OTHER_PANIC,
	};
	if (kind == VT_KIND_INST_EMUL) {
		vt_classify_inst(bytes, n, len, redacted, dec, out);
		return;
	}
	memset(out, 0, sizeof *out);
	out->id = (unsigned)kind < VT_KIND_COUNT ? by_kind[kind] : VT_CLASS_UNKNOWN;
}
