/* The hypervisors whose crash reports vmtriage reads. */
#ifndef VMTRIAGE_HYPERVISOR_H
#define VMTRIAGE_HYPERVISOR_H

/* Which hypervisor (VMM) printed the crash. */
enum vt_hypervisor {
	VT_HV_UNKNOWN = 0,
	VT_HV_PROPOLIS,            /* propolis-server (panic, #795 record) */
	VT_HV_PROPOLIS_STANDALONE, /* propolis-standalone */
	VT_HV_BHYVE,               /* bhyve(8): FreeBSD, illumos/SmartOS, xhyve/hyperkit */
	VT_HV_QEMU_KVM,            /* QEMU (or qemu-kvm) on Linux KVM */
	VT_HV_COUNT
};

/* "propolis", "propolis-standalone", "bhyve", "qemu-kvm"; NULL for unknown. */
const char *vt_hypervisor_name(enum vt_hypervisor hv);
/* The hypervisor of that name (VT_HV_UNKNOWN when none). */
enum vt_hypervisor vt_hypervisor_by_name(const char *name);

#endif
