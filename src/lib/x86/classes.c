#include "vmtriage/classes.h"

#include <string.h>

static const struct vt_class classes[VT_CLASS_COUNT] = {
	[VT_CLASS_STRING_IO] = { VT_CLASS_STRING_IO, "string-io",
		"string I/O instruction (INS/OUTS) the VMM had to emulate",
		"The guest executed INS or OUTS and the exit reached userspace as raw instruction "
		"bytes. bhyve emulates string I/O in the kernel only when the CPU reports what the "
		"instruction was: on AMD that needs the DecodeAssist feature, which real Oxide sleds "
		"have but nested virtualization (Helios under KVM or Proxmox) usually hides. Without "
		"it the kernel hands propolis an InstEmul exit that propolis does not emulate, and "
		"the VM dies, typically when OVMF writes its debug log to port 0x402 with REP OUTSB.",
		"Run on hardware (or a nested setup) that exposes DecodeAssist, or use a VMM that "
		"emulates string I/O (see illumos bug 17543). To check what a correct emulation must "
		"do for this exact exit, capture a snapshot and run `vmtriage replay`." },
	[VT_CLASS_MMIO] = { VT_CLASS_MMIO, "mmio",
		"memory-operand instruction bhyve's emulator did not complete",
		"An instruction with a memory operand touched a guest-physical address with no RAM "
		"behind it (a device BAR, or nothing), and bhyve's in-kernel instruction emulator "
		"handed its raw bytes to userspace instead of completing the access. It does that "
		"when it cannot decode the instruction (it knows MOV, MOVZX/MOVSX, MOVS, STOS, "
		"ADD/AND/OR/SUB/CMP/TEST, group-1 arithmetic, PUSH/POP, BT and a few others), when "
		"the linear address it computes from the decoded operands differs from the one the "
		"CPU reported for the fault (the guest changed the register or its page tables in "
		"between, or the bytes at RIP are not the ones that ran), or when the access itself "
		"failed in the kernel. The detail line says whether bhyve decodes this instruction.",
		"When bhyve decodes the instruction, emulator coverage is not the problem: check the "
		"operand's address (the vcpu_state register dump gives the address registers) against "
		"the VM's memory map, and look for another vCPU rewriting page tables or code. When it "
		"does not, a guest driver using an unusual instruction on MMIO needs bhyve's emulator "
		"extended. An access to unbacked memory points at a guest or device-model bug." },
	[VT_CLASS_EMPTY] = { VT_CLASS_EMPTY, "empty",
		"no instruction bytes: the kernel never fetched the instruction",
		"The exit says len 0 (and the bytes are all zero): bhyve asked for instruction "
		"emulation before it could fetch anything at the guest's RIP, for example because "
		"RIP pointed at unmapped or non-executable memory. There is nothing to decode; the "
		"guest most likely jumped into space.",
		"Look at the guest's last moments instead: the register dump (PR #795 vcpu_state), "
		"the guest console, and whether the guest was rebooting or loading a new kernel. "
		"This is a guest-side fault made fatal by the VMM, not missing emulation." },
	[VT_CLASS_GARBAGE] = { VT_CLASS_GARBAGE, "garbage",
		"the bytes are data, not the instruction that exited",
		"The bytes cannot be what caused an instruction-emulation exit: they repeat one "
		"value (e.g. 0xAF fill, which decodes as SCAS), are all 0x00 or 0xFF, do not decode, "
		"or decode to register-only instructions that never need emulation. The guest "
		"jumped into data or freed memory, and the exit is a symptom, not the bug.",
		"Treat it as a guest crash: look for what corrupted the guest's control flow (a "
		"bad kernel, a broken driver, memory corruption after migration). Emulating more "
		"instructions in the VMM would not help." },
	[VT_CLASS_REDACTED] = { VT_CLASS_REDACTED, "redacted",
		"instruction bytes were redacted from the log",
		"Production propolis-server builds (the `omicron-build` feature) print "
		"`<guest data redacted>` instead of guest data, so the log does not say which "
		"instruction exited. Nested-virtualization crashes early in boot are nearly always "
		"OVMF's REP OUTSB to port 0x402, but only the bytes can prove it.",
		"Reproduce with a development build of propolis-server (built without the "
		"`omicron-build` feature, where DISPLAY_GUEST_DATA is true) or with "
		"propolis-standalone, which print the bytes; or read them from the core file." },
	[VT_CLASS_PAGING] = { VT_CLASS_PAGING, "paging",
		"unhandled nested paging exit",
		"The guest touched a guest-physical address that bhyve could not resolve (a Paging "
		"exit with the gpa and fault type): typically an address outside guest RAM and every "
		"device region, e.g. 0xfffffffc during a firmware reset vector fetch.",
		"Check the gpa against the VM's memory map and device BARs; a gpa near 4 GiB points "
		"at firmware/ROM mapping, elsewhere at a guest bug or a missing device region." },
	[VT_CLASS_VMX_ERROR] = { VT_CLASS_VMX_ERROR, "vmx-error",
		"unclassified VMX exit (Intel)",
		"bhyve returned a VMX exit it could not classify, with the raw status, exit reason "
		"and qualification. This is a hypervisor-level failure, not a guest instruction "
		"problem.",
		"Report it to the bhyve/propolis maintainers with the VmxDetail fields; look up the "
		"exit reason in the Intel SDM vol. 3C appendix C." },
	[VT_CLASS_SVM_ERROR] = { VT_CLASS_SVM_ERROR, "svm-error",
		"unclassified SVM exit (AMD)",
		"bhyve returned an SVM exit it could not classify, with exit_code and info1/info2. "
		"This is a hypervisor-level failure, not a guest instruction problem.",
		"Report it to the bhyve/propolis maintainers with the SvmDetail fields; look up the "
		"exit code in the AMD APM vol. 2 appendix C." },
	[VT_CLASS_UNKNOWN_EXIT] = { VT_CLASS_UNKNOWN_EXIT, "unknown-exit",
		"exit the VMM does not know how to handle",
		"The kernel reported an exit this propolis build does not recognise, usually a "
		"mismatch between the bhyve kernel and the propolis userspace versions. From QEMU/KVM "
		"it is a KVM internal error other than an emulation failure: suberror 2 (an exception "
		"while delivering another), 3 (event delivery failed) or 4 (unexpected exit reason).",
		"Check that propolis and the host OS (bhyve) come from matching releases; for KVM, "
		"read the extra data words (exit reason, qualification) and the host kernel log." },
	[VT_CLASS_DEBUG_EXIT] = { VT_CLASS_DEBUG_EXIT, "debug-exit",
		"debug exit returned by the kernel",
		"bhyve returned a Debug exit (e.g. a monitor-trap or breakpoint exit) that "
		"propolis-server does not handle.",
		"Look for a debugger or tracing tool attached to the VM, or a kernel that enables "
		"debug exits unexpectedly." },
	[VT_CLASS_VCPU_ERROR] = { VT_CLASS_VCPU_ERROR, "vcpu-error",
		"the vCPU run ioctl failed",
		"Running the vCPU returned an OS error (`Unhandled vCPU error`), so propolis could "
		"not even learn why the vCPU stopped.",
		"Read the error text; check the host's kernel log and whether the VM was being torn "
		"down or migrated at the time." },
	[VT_CLASS_TRIPLE_FAULT] = { VT_CLASS_TRIPLE_FAULT, "triple-fault",
		"the guest triple-faulted",
		"The guest hit a fault while delivering a double fault; the CPU resets. propolis "
		"logs the vCPU state and resets the VM rather than panicking.",
		"Debug the guest: its register state at the fault is in the logged `state`." },
	[VT_CLASS_OTHER_PANIC] = { VT_CLASS_OTHER_PANIC, "other-panic",
		"a Rust panic that is not a VM exit",
		"A service panicked for a reason unrelated to instruction emulation (e.g. "
		"`called Option::unwrap() on a None value`).",
		"Triage it as an ordinary software bug in that service." },
	[VT_CLASS_UNKNOWN] = { VT_CLASS_UNKNOWN, "unknown",
		"could not be classified",
		"The bytes decode to an instruction that touches no memory in a way this tool "
		"recognises, and they are not obviously data.",
		"Decode the bytes in 16- and 32-bit mode too (`--mode`) in case the guest was not in "
		"64-bit code, and check the register dump." },
	[VT_CLASS_SYSTEM] = { VT_CLASS_SYSTEM, "system",
		"system instruction without a memory operand",
		"The instruction is a system instruction with no memory operand (RSM, LMSW, CLTS, "
		"SMSW, SGDT/SIDT/LGDT/LIDT, WBINVD/INVD, XGETBV/XSETBV, RDMSR/WRMSR, HLT, CPUID, port "
		"I/O, MOV to or from a control register, ...). These exit to the hypervisor by "
		"design and bhyve handles them through their own exits (I/O, MSR, CR access, HLT), "
		"so they are not data the guest jumped into. Seeing one as an instruction-emulation "
		"exit means the exit reached the emulator without the information the CPU normally "
		"gives, as happens under nested virtualization.",
		"Check which exit the instruction should have produced and whether the host (or the "
		"outer hypervisor, when nested) reports it; the detail names the instruction and any "
		"firmware path known to execute it." },
	[VT_CLASS_INVALID_GUEST_STATE] = { VT_CLASS_INVALID_GUEST_STATE, "invalid-guest-state",
		"VM entry failed: the guest state is invalid for VMX",
		"The CPU refused to enter the guest because the guest-state area failed the VM-entry "
		"checks (Intel SDM vol. 3C, 27.3.1; exit reason 33 with bit 31 set, which KVM reports "
		"as hardware error 0x80000021). Typical causes: a guest in big real mode or with "
		"segment state VMX cannot represent on a host without unrestricted-guest support, "
		"entry into or return from SMM, or a hypervisor that loaded inconsistent state "
		"(after migration, or when nested).",
		"Check the register dump for real-mode or unusual segment state; make sure the host "
		"has unrestricted guest enabled (on KVM: kvm_intel unrestricted_guest=1 with EPT), "
		"and when nested, that the outer hypervisor exposes it; otherwise report the dump to "
		"the hypervisor's maintainers." },
	[VT_CLASS_VMRUN_REFUSED] = { VT_CLASS_VMRUN_REFUSED, "vmrun-refused",
		"VM entry failed: SVM refused VMRUN",
		"On AMD the VMRUN instruction failed its consistency checks and returned "
		"VMEXIT_INVALID (exit code -1, which KVM reports as hardware error 0xffffffff): the "
		"VMCB's guest state is illegal (AMD APM vol. 2, 15.5.1: for example EFER.SVME clear, "
		"CR0.CD clear with NW set, reserved bits in CR3, CR4, DR6, DR7 or EFER, or an "
		"illegal event injection).",
		"Compare the register dump with the VMRUN consistency checks; a guest cannot cause "
		"this by itself, so report it to the hypervisor's maintainers (KVM: the host kernel "
		"version and, when nested, the outer hypervisor)." },
	[VT_CLASS_ENTRY_FAILURE] = { VT_CLASS_ENTRY_FAILURE, "entry-failure",
		"VM entry failed",
		"The hypervisor could not enter the guest. The detail names the hardware reason "
		"where the Intel SDM or AMD APM gives one (a VM-instruction error such as invalid "
		"control or host-state fields, a failure while loading MSRs, a machine-check during "
		"entry) or says it is unknown.",
		"Report it to the hypervisor's maintainers with the reason and register dump; a VM-"
		"instruction error points at the hypervisor, not the guest." },
};

/* Words for a crash from QEMU/KVM or bhyve(8), where the generic ones
 * (propolis on bhyve) would be wrong. */
static const struct vt_class kvm_classes[VT_CLASS_COUNT] = {
	[VT_CLASS_STRING_IO] = { VT_CLASS_STRING_IO, "string-io",
		"string I/O instruction (INS/OUTS) KVM could not emulate",
		"KVM emulates INS and OUTS in its instruction emulator. An emulation failure on one "
		"means the emulator could not complete it here: most often the memory operand "
		"(ES:[RDI] for INS, DS:[RSI] for OUTS) is itself MMIO or unmapped, or the address "
		"or segment state is one the emulator rejects.",
		"Check the memory operand's address in the register dump against the guest memory "
		"map and report the dump to the KVM maintainers (kvm@vger.kernel.org) with the host "
		"kernel version. To check what a correct emulation must do for this exact exit, "
		"capture a snapshot and run `vmtriage replay`." },
	[VT_CLASS_MMIO] = { VT_CLASS_MMIO, "mmio",
		"memory-operand instruction KVM could not emulate",
		"KVM had to emulate an instruction that accesses MMIO or a page it intercepts (a "
		"device BAR, an unbacked guest-physical address, a write-protected page-table page "
		"under shadow paging), and its instruction emulator does not implement this "
		"instruction or operand form: SSE/AVX moves, some atomic and string forms are "
		"missing on older kernels. KVM then reports KVM_INTERNAL_ERROR_EMULATION.",
		"Find the device or address the operand points at (the register dump gives the "
		"registers). A newer host kernel may emulate the instruction; a guest driver using "
		"vector instructions on MMIO should use plain loads and stores; otherwise report it "
		"to kvm@vger.kernel.org with the Code= bytes." },
	[VT_CLASS_EMPTY] = { VT_CLASS_EMPTY, "empty",
		"no instruction bytes: KVM never fetched the instruction",
		"KVM reported an emulation failure with an instruction length of 0: it could not "
		"fetch the instruction at RIP, for example because RIP points at unmapped or MMIO "
		"memory. There is nothing to decode; the guest most likely jumped into space.",
		"Look at the guest's last moments instead: the register dump (RIP, CR0, CS), the "
		"guest console, and whether it was rebooting or loading a new kernel. This is a "
		"guest-side fault made fatal by the hypervisor, not missing emulation." },
	[VT_CLASS_UNKNOWN_EXIT] = { VT_CLASS_UNKNOWN_EXIT, "unknown-exit",
		"KVM internal error other than an emulation failure",
		"KVM stopped the vCPU with an internal error it could not resolve: suberror 2 (an "
		"exception while delivering another, e.g. a fault on the IDT), 3 (event delivery "
		"failed, e.g. an EPT violation while delivering an interrupt), 4 (an exit reason "
		"KVM does not handle) or another suberror of a newer kernel.",
		"Read the extra data words (exit reason, qualification, the vectoring information) "
		"and the host kernel log; report to kvm@vger.kernel.org with the host kernel "
		"version and, when nested, the outer hypervisor." },
	[VT_CLASS_SYSTEM] = { VT_CLASS_SYSTEM, "system",
		"system instruction without a memory operand",
		"The instruction is a system instruction with no memory operand (RSM, LMSW, CLTS, "
		"SMSW, SGDT/SIDT/LGDT/LIDT, WBINVD/INVD, XGETBV/XSETBV, RDMSR/WRMSR, HLT, CPUID, port "
		"I/O, ...). These exit by design, and KVM either handles the exit directly or "
		"emulates the instruction, so they are not data the guest jumped into. An "
		"emulation failure on one means KVM refused it in this state: RSM with a corrupt or "
		"unsupported SMM state-save area, an instruction the emulator lacks in real or "
		"virtual-8086 mode, or a nested-virtualization corner.",
		"Look at the guest mode and the firmware path that executes the instruction (the "
		"detail names a known one, e.g. SeaBIOS's SMI handler ending in RSM); try a newer "
		"host kernel and QEMU, and report the dump to kvm@vger.kernel.org." },
};

static const struct vt_class bhyve_classes[VT_CLASS_COUNT] = {
	[VT_CLASS_MMIO] = { VT_CLASS_MMIO, "mmio",
		"memory-operand instruction bhyve could not emulate",
		"bhyve(8) was asked to emulate an instruction accessing MMIO or an unbacked "
		"guest-physical address and its instruction emulator (vmm's vie) does not support "
		"it; bhyve prints `Failed to emulate instruction` and aborts. The emulator handles "
		"only a small set (MOV, MOVZX/MOVSX, STOS, MOVS, AND/OR/TEST/CMP, PUSH/POP, BT and a "
		"few others).",
		"Find the device or address the operand points at (an `Unhandled memory access` "
		"line before it gives the address). A guest driver using an unusual instruction on "
		"MMIO needs the emulator extended: report it to the FreeBSD or illumos bhyve "
		"maintainers with the bytes." },
	[VT_CLASS_VMX_ERROR] = { VT_CLASS_VMX_ERROR, "vmx-error",
		"VMX exit bhyve(8) does not handle",
		"bhyve(8) printed a `vm exit` dump with reason VMX: the kernel (vmm) returned a VMX "
		"exit reason that neither it nor bhyve's userspace handles, and bhyve aborted. The "
		"detail names the exit reason from the Intel SDM vol. 3C appendix C.",
		"An exit reason a guest can provoke (e.g. an instruction the host does not "
		"intercept the usual way) needs support in vmm; report it to the FreeBSD or illumos "
		"bhyve maintainers with the whole dump and the guest OS." },
	[VT_CLASS_SVM_ERROR] = { VT_CLASS_SVM_ERROR, "svm-error",
		"SVM exit bhyve(8) does not handle",
		"bhyve(8) printed a `vm exit` dump with reason SVM: the kernel (vmm) returned an SVM "
		"exit code that neither it nor bhyve's userspace handles, and bhyve aborted. The "
		"detail names the exit code from the AMD APM vol. 2 appendix C.",
		"Report it to the FreeBSD or illumos bhyve maintainers with the whole dump (exitcode, "
		"exitinfo1, exitinfo2) and the guest OS." },
	[VT_CLASS_UNKNOWN_EXIT] = { VT_CLASS_UNKNOWN_EXIT, "unknown-exit",
		"exit bhyve(8) does not handle",
		"bhyve(8) printed a `vm exit` dump for an exit its userspace has no handler for.",
		"Check that bhyve and the kernel's vmm come from the same release; report the dump "
		"to the bhyve maintainers." },
};

const struct vt_class *vt_class_for(enum vt_class_id id, enum vt_hypervisor hv)
{
	const struct vt_class *c = vt_class_get(id);
	const struct vt_class *own = hv == VT_HV_QEMU_KVM ? kvm_classes : hv == VT_HV_BHYVE ? bhyve_classes : NULL;
	return own && own[c->id].name ? &own[c->id] : c;
}


const struct vt_class *vt_class_get(enum vt_class_id id)
{
	return (unsigned)id < VT_CLASS_COUNT ? &classes[id] : &classes[VT_CLASS_UNKNOWN];
}

const struct vt_class *vt_class_by_name(const char *name)
{
	for (size_t i = 0; i < VT_CLASS_COUNT; i++)
		if (strcmp(classes[i].name, name) == 0)
			return &classes[i];
	return NULL;
}
