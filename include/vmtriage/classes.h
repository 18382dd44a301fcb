/* The one table of crash classes: name, one-line summary, explanation and
 * advice (as CASR keeps its severity classes). Everything that prints a
 * class takes its words from here. */
#ifndef VMTRIAGE_CLASSES_H
#define VMTRIAGE_CLASSES_H

#include <stddef.h>

#include "vmtriage/hypervisor.h"

enum vt_class_id {
	VT_CLASS_STRING_IO = 0,
	VT_CLASS_MMIO,
	VT_CLASS_EMPTY,
	VT_CLASS_GARBAGE,
	VT_CLASS_REDACTED,
	VT_CLASS_PAGING,
	VT_CLASS_VMX_ERROR,
	VT_CLASS_SVM_ERROR,
	VT_CLASS_UNKNOWN_EXIT,
	VT_CLASS_DEBUG_EXIT,
	VT_CLASS_VCPU_ERROR,
	VT_CLASS_TRIPLE_FAULT,
	VT_CLASS_OTHER_PANIC,
	VT_CLASS_UNKNOWN,
	VT_CLASS_SYSTEM,              /* a system instruction without memory operand */
	VT_CLASS_INVALID_GUEST_STATE, /* VM entry failed: invalid guest state (VMX) */
	VT_CLASS_VMRUN_REFUSED,       /* VM entry failed: VMRUN refused (SVM VMEXIT_INVALID) */
	VT_CLASS_ENTRY_FAILURE,       /* VM entry failed for another reason */
	VT_CLASS_COUNT
};

struct vt_class {
	enum vt_class_id id;
	const char *name;         /* kebab-case, stable: used in JSON and --class */
	const char *summary;      /* one line */
	const char *explanation;  /* one paragraph: what happened and why */
	const char *advice;       /* what to do about it */
};

const struct vt_class *vt_class_get(enum vt_class_id id);
/* The class as told for a crash from that hypervisor: where the generic
 * words (which speak of propolis and bhyve) would be wrong for it, its own
 * summary, explanation and advice; otherwise the same as vt_class_get(). */
const struct vt_class *vt_class_for(enum vt_class_id id, enum vt_hypervisor hv);
/* NULL when no class has that name. */
const struct vt_class *vt_class_by_name(const char *name);

#endif
