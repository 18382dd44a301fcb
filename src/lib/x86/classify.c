#include "vmtriage/classify.h"

#include <stdio.h>
#include <string.h>

/* What the mmio detail adds about bhyve's instruction decoder. */
#define BHYVE_NOTE "; bhyve's emulator "

const char *vt_exit_kind_name(enum vt_exit_kind kind)
{
	static const char *const names[VT_KIND_COUNT] = {
		"InstEmul", "Paging", "VmxError", "SvmError", "Unknown", "Debug",
		"VcpuError", "TripleFault", "Panic", "EntryFailure",
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

/* System instructions: they exit to the hypervisor by design (or KVM
 * emulates them), so one without a memory operand is no sign of garbage.
 * `where` names a firmware path known to execute it. */
static const struct {
	const char *prefix;
	const char *where;
} system_insns[] = {
	{ "rsm", "SeaBIOS's SMI handler ends in rsm (the return from SMM)" },
	{ "lmsw", "real-mode BIOS code (SeaBIOS, DOS extenders) uses lmsw to enter protected mode" },
	{ "smsw", NULL }, { "clts", NULL }, { "sgdt", NULL }, { "sidt", NULL }, { "lgdt", NULL },
	{ "lidt", NULL }, { "sldt", NULL }, { "lldt", NULL }, { "str ", NULL }, { "ltr ", NULL },
	{ "wbinvd", "firmware cache and MTRR setup and Linux's real-mode trampoline execute wbinvd" },
	{ "invd", NULL }, { "xgetbv", NULL }, { "xsetbv", NULL }, { "rdmsr", NULL }, { "wrmsr", NULL },
	{ "hlt", NULL }, { "in ", NULL }, { "out ", NULL }, { "cpuid", NULL }, { "int ", NULL },
	{ "int1", NULL }, { "int3", NULL }, { "into", NULL }, { "iret", NULL }, { "syscall", NULL },
	{ "sysenter", NULL }, { "sysexit", NULL }, { "sysret", NULL }, { "vmcall", NULL },
	{ "vmmcall", NULL }, { "invlpg", NULL }, { "mov cr", NULL }, { "mov dr", NULL },
	{ "rdtsc", NULL }, { "rdpmc", NULL }, { "pause", NULL }, { "monitor", NULL }, { "mwait", NULL },
};

static int system_insn(const char *text)
{
	for (size_t i = 0; i < sizeof system_insns / sizeof system_insns[0]; i++) {
		const char *p = system_insns[i].prefix;
		size_t n = strlen(p);
		/* A whole mnemonic ("into" is not "int "), or "mov crN"/"mov drN". */
		bool partial = p[n - 1] == ' ' || strncmp(p, "mov ", 4) == 0;
		if (strncmp(text, p, n) == 0 && (partial || text[n] == '\0' || text[n] == ' '))
			return (int)i;
	}
	return -1;
}

/* The smallest period (2..4) the bytes repeat with, or 0: blank VGA text
 * cells (20 07 20 07 ...) and other fill patterns longer than one byte. */
static size_t period_of(const uint8_t *b, size_t n)
{
	for (size_t p = 2; p <= 4; p++) {
		if (n < 3 * p)
			break;
		size_t i = p;
		while (i < n && b[i] == b[i % p])
			i++;
		if (i == n)
			return p;
	}
	return 0;
}

/* Instructions real code hardly ever runs in a row: legacy BCD and segment
 * loads, port I/O, interrupts, halts. */
static bool implausible(const struct vt_insn *in)
{
	static const char *const names[] = {
		"in ", "out", "ins", "outs", "hlt", "int ", "int1", "int3", "into", "iret", "aaa", "aas",
		"aad", "aam", "daa", "das", "salc", "xlat", "arpl", "bound", "les ", "lds ", "retf",
		"lcall", "ljmp", "icebp", "ud0", "ud1", "ud2", "fwait", "sahf", "lahf", "cmc",
	};
	if (!in->valid)
		return true;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strncmp(in->text, names[i], strlen(names[i])) == 0)
			return true;
	return false;
}

/* Whether the bytes decode to nonsense for several instructions: at least
 * three of the first five (the last, possibly cut short, not counted) are
 * undecodable or implausible. Writes the evidence. */
static bool nonsense(const struct vt_decoded *dec, char *buf, size_t size)
{
	const struct vt_insn *seq[5];
	size_t n = 0, bad = 0, o = 0;
	seq[n++] = &dec->faulting;
	for (size_t i = 0; i + 1 < dec->nfollowing && n < 5; i++)
		seq[n++] = &dec->following[i];
	if (n < 4)
		return false;
	for (size_t i = 0; i < n; i++)
		bad += implausible(seq[i]);
	if (bad < 3)
		return false;
	o = (size_t)snprintf(buf, size, "decodes to nonsense: %zu of %zu instructions are undecodable or "
				   "implausible in sequence (", bad, n);
	for (size_t i = 0; i < n && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s`%s`", i ? ", " : "",
				      seq[i]->valid ? seq[i]->text : "(bad)");
	if (o < size)
		snprintf(buf + o, size - o, ")");
	return true;
}

static void repeated_detail(const uint8_t *b, size_t n, char *buf, size_t size)
{
	const char *why = b[0] == 0xAF ? " (0xAF fill decodes as SCAS)"
			: b[0] == 0x00 ? ": the guest is executing zeroed memory"
			: b[0] == 0xFF ? ": unbacked memory reads as all ones"
				       : "";
	snprintf(buf, size, "byte 0x%02x repeated %zu times%s", b[0], n, why);
}

static void period_detail(const uint8_t *b, size_t n, size_t p, char *buf, size_t size)
{
	char pat[16];
	size_t o = 0;
	for (size_t i = 0; i < p; i++)
		o += (size_t)snprintf(pat + o, sizeof pat - o, "%s%02x", i ? " " : "", b[i]);
	if (p == 2 && b[0] == 0x20)
		snprintf(buf, size, "bytes `%s` repeat with period 2 over %zu bytes: blank VGA text cells "
			 "(a space with attribute 0x%02x), screen memory rather than code", pat, n, b[1]);
	else
		snprintf(buf, size, "bytes `%s` repeat with period %zu over %zu bytes: a fill pattern, not code",
			 pat, p, n);
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
	if (len == 0 || n == 0) {
		out->id = VT_CLASS_EMPTY;
		snprintf(out->detail, sizeof out->detail, "len %d: no bytes were fetched", len < 0 ? 0 : len);
		return;
	}
	size_t period;
	if (n >= 2 && all_same(bytes, n)) {
		out->id = VT_CLASS_GARBAGE;
		repeated_detail(bytes, n, out->detail, sizeof out->detail);
		return;
	}
	if ((period = period_of(bytes, n)) != 0) {
		out->id = VT_CLASS_GARBAGE;
		period_detail(bytes, n, period, out->detail, sizeof out->detail);
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
	if (nonsense(dec, out->detail, sizeof out->detail)) {
		out->id = VT_CLASS_GARBAGE;
		return;
	}
	if (dec->faulting.touches_memory) {
		out->id = VT_CLASS_MMIO;
		snprintf(out->detail, sizeof out->detail, "`%s`: memory operand %s" BHYVE_NOTE "%s", dec->faulting.text,
			 dec->faulting.memory_operand,
			 bhyve_decodes(&dec->faulting, dec->mode) ? "decodes it: the address or the access failed, not the decoder"
								  : "does not decode it");
		return;
	}
	int sys = system_insn(dec->faulting.text);
	if (sys >= 0) {
		out->id = VT_CLASS_SYSTEM;
		snprintf(out->detail, sizeof out->detail,
			 "`%s` is a system instruction without memory operand: it exits to the hypervisor "
			 "by design%s%s", dec->faulting.text, system_insns[sys].where ? "; " : "",
			 system_insns[sys].where ? system_insns[sys].where : "");
		return;
	}
	out->id = VT_CLASS_GARBAGE;
	snprintf(out->detail, sizeof out->detail,
		 "`%s` uses no memory operand, so it cannot cause an instruction-emulation exit",
		 dec->faulting.text);
}

void vt_classify_for(struct vt_classification *cls, enum vt_hypervisor hv)
{
	char *note;
	/* KVM's emulator is not bhyve's: what bhyve would decode says nothing there. */
	if (hv == VT_HV_QEMU_KVM && cls->id == VT_CLASS_MMIO && (note = strstr(cls->detail, BHYVE_NOTE)))
		*note = '\0';
}

void vt_classify_place(struct vt_classification *cls, uint64_t linear, bool real16)
{
	const char *why = NULL;
	if (cls->id == VT_CLASS_REDACTED || cls->id == VT_CLASS_EMPTY)
		return;
	/* SMRAM lies under the VGA window (firmware moves SMBASE to 0xA0000) and
	 * its handler runs system instructions there, RSM last. */
	if (real16 && linear >= 0xA0000 && linear < 0xC0000 && cls->id != VT_CLASS_SYSTEM)
		why = "is in the VGA window (0xA0000-0xBFFFF), video memory where no code runs";
	else if (real16 && linear < 0x500)
		why = "is in the real-mode interrupt table or BIOS data area (below 0x500), data not code";
	else if (!real16 && linear < 0x1000)
		why = "is in the zero page: the guest jumped through a null pointer";
	else if (real16 && linear >= 0xC8000 && linear < 0xF0000 && cls->id == VT_CLASS_GARBAGE)
		why = "is in the option-ROM area (0xC8000-0xEFFFF), in a hole no ROM fills";
	if (!why)
		return;
	char was[sizeof cls->detail];
	memcpy(was, cls->detail, sizeof was);
	bool had_garbage = cls->id == VT_CLASS_GARBAGE;
	cls->id = VT_CLASS_GARBAGE;
	snprintf(cls->detail, sizeof cls->detail, "RIP (linear 0x%llx) %s%s%s", (unsigned long long)linear, why,
		 had_garbage && was[0] ? "; " : "", had_garbage ? was : "");
}

static void entry_detail(uint64_t reason, struct vt_classification *out)
{
	const char *vmx = (reason & 0x80000000u) && reason <= 0xffffffffu ? vt_vmx_exit_reason_name(reason) : NULL;
	static const char *const insn_errors[] = {
		[7] = "VM entry with invalid control field(s)",
		[8] = "VM entry with invalid host-state field(s)",
		[9] = "VMPTRLD with invalid physical address", [12] = "VMREAD/VMWRITE to an unsupported VMCS component",
		[26] = "VM entry with events blocked by MOV SS",
		[28] = "invalid operand to INVEPT/INVVPID",
	};
	if (reason == 0xffffffffu || reason == UINT64_MAX) {
		out->id = VT_CLASS_VMRUN_REFUSED;
		snprintf(out->detail, sizeof out->detail, "hardware error 0x%llx: SVM exit code VMEXIT_INVALID (-1), "
			 "VMRUN refused the VMCB's guest state", (unsigned long long)reason);
	} else if (vmx && (reason & 0xffff) == 33) {
		out->id = VT_CLASS_INVALID_GUEST_STATE;
		snprintf(out->detail, sizeof out->detail, "hardware error 0x%llx: VMX exit reason 33 with the "
			 "entry-failure bit, %s", (unsigned long long)reason, vmx);
	} else if (vmx) {
		snprintf(out->detail, sizeof out->detail, "hardware error 0x%llx: VMX exit reason %llu with the "
			 "entry-failure bit, %s", (unsigned long long)reason,
			 (unsigned long long)(reason & 0xffff), vmx);
	} else if (reason < sizeof insn_errors / sizeof insn_errors[0] && insn_errors[reason]) {
		snprintf(out->detail, sizeof out->detail, "hardware error 0x%llx: VM-instruction error %llu, %s",
			 (unsigned long long)reason, (unsigned long long)reason, insn_errors[reason]);
	} else {
		snprintf(out->detail, sizeof out->detail, "hardware error 0x%llx: a reason neither the Intel SDM "
			 "nor the AMD APM names (unknown)", (unsigned long long)reason);
	}
}

void vt_classify_entry_failure(uint64_t reason, struct vt_classification *out)
{
	memset(out, 0, sizeof *out);
	out->id = VT_CLASS_ENTRY_FAILURE;
	entry_detail(reason, out);
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
		[VT_KIND_ENTRY_FAIL] = VT_CLASS_ENTRY_FAILURE,
	};
	if (kind == VT_KIND_INST_EMUL) {
		vt_classify_inst(bytes, n, len, redacted, dec, out);
		return;
	}
	memset(out, 0, sizeof *out);
	out->id = (unsigned)kind < VT_KIND_COUNT ? by_kind[kind] : VT_CLASS_UNKNOWN;
}
