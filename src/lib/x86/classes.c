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
};

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
