/* Exit reason and exit code names from the manuals: Intel SDM vol. 3C
 * appendix C (basic VMX exit reasons) and AMD APM vol. 2 appendix C (SVM
 * intercept exit codes). */
#include "vmtriage/classify.h"

#include <stddef.h>
#include <stdint.h>

static const char *const vmx_reasons[] = {
	[0] = "exception or NMI", [1] = "external interrupt", [2] = "triple fault",
	[3] = "INIT signal", [4] = "start-up IPI", [5] = "I/O SMI", [6] = "other SMI",
	[7] = "interrupt window", [8] = "NMI window", [9] = "task switch", [10] = "CPUID",
	[11] = "GETSEC", [12] = "HLT", [13] = "INVD", [14] = "INVLPG", [15] = "RDPMC",
	[16] = "RDTSC", [17] = "RSM", [18] = "VMCALL", [19] = "VMCLEAR", [20] = "VMLAUNCH",
	[21] = "VMPTRLD", [22] = "VMPTRST", [23] = "VMREAD", [24] = "VMRESUME", [25] = "VMWRITE",
	[26] = "VMXOFF", [27] = "VMXON", [28] = "control-register access", [29] = "MOV DR",
	[30] = "I/O instruction", [31] = "RDMSR", [32] = "WRMSR",
	[33] = "VM-entry failure due to invalid guest state",
	[34] = "VM-entry failure due to MSR loading", [36] = "MWAIT", [37] = "monitor trap flag",
	[39] = "MONITOR", [40] = "PAUSE", [41] = "VM-entry failure due to machine-check event",
	[43] = "TPR below threshold", [44] = "APIC access", [45] = "virtualized EOI",
	[46] = "access to GDTR or IDTR", [47] = "access to LDTR or TR", [48] = "EPT violation",
	[49] = "EPT misconfiguration", [50] = "INVEPT", [51] = "RDTSCP",
	[52] = "VMX-preemption timer expired", [53] = "INVVPID", [54] = "WBINVD or WBNOINVD",
	[55] = "XSETBV", [56] = "APIC write", [57] = "RDRAND", [58] = "INVPCID", [59] = "VMFUNC",
	[60] = "ENCLS", [61] = "RDSEED", [62] = "page-modification log full", [63] = "XSAVES",
	[64] = "XRSTORS", [66] = "SPP-related event", [67] = "UMWAIT", [68] = "TPAUSE",
	[69] = "LOADIWKEY", [70] = "ENCLV", [72] = "ENQCMD PASID translation failure",
	[73] = "ENQCMDS PASID translation failure", [74] = "bus lock", [75] = "instruction timeout",
};

const char *vt_vmx_exit_reason_name(uint64_t reason)
{
	/* Bits 0-15 are the basic reason; bit 31 marks a VM-entry failure. */
	uint64_t basic = reason & 0xffff;
	if ((reason & ~(uint64_t)0x8fffffffu) != 0 || basic >= sizeof vmx_reasons / sizeof vmx_reasons[0])
		return NULL;
	return vmx_reasons[basic];
}

static const char *const svm_codes[] = {
	[0x60] = "INTR", [0x61] = "NMI", [0x62] = "SMI", [0x63] = "INIT", [0x64] = "VINTR",
	[0x65] = "CR0_SEL_WRITE", [0x66] = "IDTR_READ", [0x67] = "GDTR_READ", [0x68] = "LDTR_READ",
	[0x69] = "TR_READ", [0x6a] = "IDTR_WRITE", [0x6b] = "GDTR_WRITE", [0x6c] = "LDTR_WRITE",
	[0x6d] = "TR_WRITE", [0x6e] = "RDTSC", [0x6f] = "RDPMC", [0x70] = "PUSHF", [0x71] = "POPF",
	[0x72] = "CPUID", [0x73] = "RSM", [0x74] = "IRET", [0x75] = "SWINT", [0x76] = "INVD",
	[0x77] = "PAUSE", [0x78] = "HLT", [0x79] = "INVLPG", [0x7a] = "INVLPGA", [0x7b] = "IOIO",
	[0x7c] = "MSR", [0x7d] = "TASK_SWITCH", [0x7e] = "FERR_FREEZE", [0x7f] = "SHUTDOWN",
	[0x80] = "VMRUN", [0x81] = "VMMCALL", [0x82] = "VMLOAD", [0x83] = "VMSAVE", [0x84] = "STGI",
	[0x85] = "CLGI", [0x86] = "SKINIT", [0x87] = "RDTSCP", [0x88] = "ICEBP", [0x89] = "WBINVD",
	[0x8a] = "MONITOR", [0x8b] = "MWAIT", [0x8c] = "MWAIT_CONDITIONAL", [0x8d] = "XSETBV",
	[0x8e] = "RDPRU", [0x8f] = "EFER_WRITE_TRAP", [0xa0] = "INVLPGB", [0xa1] = "INVLPGB_ILLEGAL",
	[0xa2] = "INVPCID", [0xa3] = "MCOMMIT", [0xa4] = "TLBSYNC",
};

const char *vt_svm_exit_code_name(uint64_t code)
{
	static const char *const ranges[] = { "CR_READ", "CR_WRITE", "DR_READ", "DR_WRITE" };
	if (code < 0x40)
		return ranges[code >> 4];
	if (code < 0x60)
		return "EXCP (exception intercept)";
	if (code >= 0x90 && code < 0xa0)
		return "CR_WRITE_TRAP";
	if (code < sizeof svm_codes / sizeof svm_codes[0])
		return svm_codes[code];
	switch (code) {
	case 0x400: return "NPF (nested page fault)";
	case 0x401: return "AVIC_INCOMPLETE_IPI";
	case 0x402: return "AVIC_NOACCEL";
	case 0x403: return "VMGEXIT";
	case 0xffffffffu:
	case UINT64_MAX: return "INVALID (VMRUN consistency checks failed)";
	case 0xfffffffeu:
	case UINT64_MAX - 1: return "BUSY";
	}
	return NULL;
}
