/* Exit kind + bytes -> class, with a one-line detail specific to this exit. */
#ifndef VMTRIAGE_CLASSIFY_H
#define VMTRIAGE_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/classes.h"
#include "vmtriage/decode.h"
#include "vmtriage/hypervisor.h"

/* What propolis (or QEMU) said stopped the vCPU. */
enum vt_exit_kind {
	VT_KIND_INST_EMUL = 0,
	VT_KIND_PAGING,
	VT_KIND_VMX_ERROR,
	VT_KIND_SVM_ERROR,
	VT_KIND_UNKNOWN,
	VT_KIND_DEBUG,
	VT_KIND_VCPU_ERROR,
	VT_KIND_TRIPLE_FAULT,
	VT_KIND_OTHER_PANIC,
	VT_KIND_ENTRY_FAIL,     /* the hypervisor could not enter the guest (KVM_EXIT_FAIL_ENTRY) */
	VT_KIND_COUNT
};

/* "InstEmul", "Paging", ... as propolis spells them (Debug of VmExitKind). */
const char *vt_exit_kind_name(enum vt_exit_kind kind);

struct vt_classification {
	enum vt_class_id id;
	char detail[256];   /* e.g. "REP OUTSB: 1-byte elements from DS:[RSI] to port DX, ..." */
};

/* An instruction-emulation exit: the bytes (valid ones only), whether they
 * were redacted, the declared len (-1 unknown), and their decode (NULL when
 * there is nothing to decode). */
void vt_classify_inst(const uint8_t *bytes, size_t n, int len, bool redacted,
		      const struct vt_decoded *dec, struct vt_classification *out);

/* Fit a classification to the hypervisor that printed the crash: drop
 * what is true of another's emulator only (bhyve's decoder, for KVM). */
void vt_classify_for(struct vt_classification *cls, enum vt_hypervisor hv);

/* Where the instruction was: `linear` is CS.base + RIP (real16: true when
 * the CPU was in real mode). RIP in the zero page, the real-mode interrupt
 * table or the VGA window cannot hold code the guest meant to run: the
 * class becomes garbage with that evidence in its detail. Call after
 * vt_classify_inst for an instruction-emulation exit. */
void vt_classify_place(struct vt_classification *cls, uint64_t linear, bool real16);

/* A VM-entry failure's hardware reason (KVM's hardware_entry_failure_reason,
 * i.e. the VMX exit reason or VM-instruction error, or the SVM exit code). */
void vt_classify_entry_failure(uint64_t reason, struct vt_classification *out);

/* The names the Intel SDM (vol. 3C appendix C) and the AMD APM (vol. 2
 * appendix C) give basic VMX exit reasons and SVM exit codes; NULL when the
 * manuals give none. */
const char *vt_vmx_exit_reason_name(uint64_t reason);
const char *vt_svm_exit_code_name(uint64_t code);

/* Any exit kind; for InstEmul the same as vt_classify_inst. */
void vt_classify(enum vt_exit_kind kind, const uint8_t *bytes, size_t n, int len, bool redacted,
		 const struct vt_decoded *dec, struct vt_classification *out);

#endif
