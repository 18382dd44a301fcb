/* The crash record: initialisation, register helpers, decode + classify. */
#include "vmtriage/crash.h"

#include <stdint.h>
#include <stdlib.h>

#include <stdio.h>
#include <string.h>

#include "util/util_int.h"


static const char *const sreg_names[VT_SREG_COUNT] = {
	"es", "cs", "ss", "ds", "fs", "gs", "gdtr", "idtr", "ldtr", "tr",
};

const char *vt_sreg_name(enum vt_sreg s)
{
	return (unsigned)s < VT_SREG_COUNT ? sreg_names[s] : "?";
}

size_t vt_regs_count(const struct vt_regs *regs)
{
	size_t n = 0;
	for (size_t i = 0; i < VT_REG_COUNT; i++)
		n += regs->has[i];
	for (size_t i = 0; i < VT_SREG_COUNT; i++)
		n += regs->seg[i].present;
	return n;
}

#define ACCESS_L 0x2000u  /* VMX access rights: 64-bit code segment */
#define ACCESS_DB 0x4000u /* default operation size 32 */

bool vt_regs_mode(const struct vt_regs *r, enum vt_mode *out)
{
	const struct vt_segreg *cs = &r->seg[VT_SREG_CS];
	struct vt_mode_inputs in = {
		.has_cr0 = r->has[VT_REG_CR0], .cr0 = r->v[VT_REG_CR0],
		.has_cr4 = r->has[VT_REG_CR4], .cr4 = r->v[VT_REG_CR4],
		.has_efer = r->has[VT_REG_EFER], .efer = r->v[VT_REG_EFER],
		.has_rflags = r->has[VT_REG_RFLAGS], .rflags = r->v[VT_REG_RFLAGS],
		.has_cs = cs->present, .cs_l = cs->access & ACCESS_L, .cs_d = cs->access & ACCESS_DB,
	};
	return vt_mode_derive(&in, out);
}

unsigned vt_regs_code_bits(const struct vt_regs *r)
{
	enum vt_mode m;
	return vt_regs_mode(r, &m) ? vt_mode_code_bits(m) : 0;
}

void vt_crash_init(struct vt_crash *c)
{
	memset(c, 0, sizeof *c);
	c->vcpu = -1;
	c->len = -1;
	c->regs.cpl = -1;
	c->kind = VT_KIND_INST_EMUL;
}

void vt_crash_place_time(struct vt_crash *c, const struct vt_timestamp *before)
{
	struct vt_time_context ctx = { .after = c->time_after };
	if (before)
		ctx.before = *before;
	if (!c->time[0] || !vt_timestamp_parse(c->time, strlen(c->time), &ctx, &c->when))
		memset(&c->when, 0, sizeof c->when);
}

bool vt_crash_rip(const struct vt_crash *c, uint64_t *rip)
{
	if (c->has_rip)
		*rip = c->rip;
	else if (c->regs.has[VT_REG_RIP])
		*rip = c->regs.v[VT_REG_RIP];
	return c->has_rip || c->regs.has[VT_REG_RIP];
}

size_t vt_crash_inst_valid(const struct vt_crash *c)
{
	if (c->len >= 0 && (size_t)c->len < c->ninst)
		return (size_t)c->len;
	return c->ninst;
}

/* The exit reason (VMX) or exit code (SVM) of a VMX/SVM error: bhyve(8)'s
 * dump gives it as the code, propolis' VmxDetail/SvmDetail in its text. */
static bool exit_number(const struct vt_crash *c, uint64_t *v)
{
	const char *key = c->kind == VT_KIND_VMX_ERROR ? "exit_reason: " : "exit_code: ";
	const char *p = strstr(c->detail, key);
	if (c->has_code) {
		*v = (uint64_t)c->code;
		return true;
	}
	return p && util_parse_u64(p + strlen(key), strlen(p + strlen(key)), 10, v, NULL);
}

/* VMX exit reason 33 and SVM's VMEXIT_INVALID are VM-entry failures: their
 * own classes; any other reason gets its name from the manuals. */
static void hw_error_detail(const struct vt_crash *c, struct vt_classification *cls)
{
	uint64_t v;
	bool vmx = c->kind == VT_KIND_VMX_ERROR;
	const char *name;
	snprintf(cls->detail, sizeof cls->detail, "%s", c->detail);
	if (!exit_number(c, &v))
		return;
	if (vmx && (v & 0xffff) == 33)
		cls->id = VT_CLASS_INVALID_GUEST_STATE;
	else if (!vmx && (v == UINT64_MAX || v == 0xffffffffu))
		cls->id = VT_CLASS_VMRUN_REFUSED;
	name = vmx ? vt_vmx_exit_reason_name(v) : vt_svm_exit_code_name(v);
	if (name && !strstr(c->detail, name)) {
		size_t n = strlen(cls->detail);
		snprintf(cls->detail + n, sizeof cls->detail - n, "%s%s %llu: %s", n ? "; " : "",
			 vmx ? "exit reason" : "exit code", (unsigned long long)v, name);
	}
}

/* A one-line detail for exit kinds that carry no instruction. */
static void kind_detail(const struct vt_crash *c, struct vt_classification *cls)
{
	switch (c->kind) {
	case VT_KIND_PAGING:
		if (c->has_gpa)
			snprintf(cls->detail, sizeof cls->detail, "gpa 0x%llx, fault type %d",
				 (unsigned long long)c->gpa, c->fault_type);
		break;
	case VT_KIND_UNKNOWN:
		if (c->has_code && (c->origin & VT_ORIGIN_QEMU))
			snprintf(cls->detail, sizeof cls->detail, "KVM internal error, suberror %lld",
				 (long long)c->code);
		else if (c->has_code)
			snprintf(cls->detail, sizeof cls->detail, "exit code %lld", (long long)c->code);
		else if (c->detail[0])
			snprintf(cls->detail, sizeof cls->detail, "%s", c->detail);
		break;
	case VT_KIND_VMX_ERROR:
	case VT_KIND_SVM_ERROR:
		hw_error_detail(c, cls);
		break;
	default:
		if (c->detail[0])
			snprintf(cls->detail, sizeof cls->detail, "%s", c->detail);
		break;
	}
}

/* Where the instruction was, when the registers say enough: the mode, and
 * outside 64-bit code CS's base. */
static void place(struct vt_crash *c)
{
	const struct vt_regs *r = &c->regs;
	const struct vt_segreg *cs = &r->seg[VT_SREG_CS];
	enum vt_mode m;
	uint64_t rip;
	if (!vt_crash_rip(c, &rip) || !vt_regs_mode(r, &m) || (m != VT_MODE_LONG64 && !cs->present))
		return;
	bool real = m == VT_MODE_REAL16;
	uint64_t linear = m == VT_MODE_LONG64 ? rip : cs->base + (real || m == VT_MODE_V8086 ? rip & 0xffff : rip);
	/* A 4 GiB CS limit with CR0.PE clear is SMM (or big real mode): SMRAM
	 * lies under the VGA window, so the real-mode holes say nothing there. */
	if (real && cs->limit > 0xffff)
		return;
	vt_classify_place(&c->cls, linear, real);
}

int vt_crash_analyse(struct vt_crash *c, struct vt_decoder *decoder, struct vt_error *err)
{
	size_t valid = vt_crash_inst_valid(c);
	unsigned bits = vt_regs_code_bits(&c->regs);

	c->mode = bits ? bits : 64;
	c->decoded = false;
	if (c->kind == VT_KIND_INST_EMUL && !c->has_inst) {
		/* e.g. a panic cut off before its inst_data */
		memset(&c->cls, 0, sizeof c->cls);
		c->cls.id = VT_CLASS_UNKNOWN;
		snprintf(c->cls.detail, sizeof c->cls.detail, "%s",
			 c->truncated ? "the log ends before the instruction bytes"
				      : "the log gives no instruction bytes");
		place(c);
		return VT_OK;
	}
	if (c->kind == VT_KIND_INST_EMUL && decoder && !c->redacted && valid > 0 && c->len != 0) {
		uint64_t rip = 0;
		vt_crash_rip(c, &rip);
		int rc = vt_decode(decoder, c->inst, valid, c->mode, rip, &c->dec, err);
		if (rc)
			return rc;
		c->decoded = true;
	}
	if (c->kind == VT_KIND_ENTRY_FAIL) {
		vt_classify_entry_failure((uint64_t)c->code, &c->cls);
		return VT_OK;
	}
	vt_classify(c->kind, c->inst, valid, c->len, c->redacted, c->decoded ? &c->dec : NULL, &c->cls);
	if (c->kind != VT_KIND_INST_EMUL) {
		kind_detail(c, &c->cls);
	} else {
		vt_classify_for(&c->cls, c->hypervisor);
		place(c);
	}
	return VT_OK;
}

/* Beside the other names of the crash record: its writer and its reader use them. */
const char *vt_crash_origin_name(unsigned bit_index)
{
	static const char *const names[] = { "panic", "log-record", "standalone", "qemu", "bhyve" };
	return bit_index < sizeof names / sizeof names[0] ? names[bit_index] : "?";
}

const char *vt_message_dialect_name(enum vt_message_dialect form)
{
	switch (form) {
	case VT_DIALECT_RUST_NEW: return "rust-panic";
	case VT_DIALECT_RUST_OLD: return "rust-panic-quoted";
	case VT_DIALECT_LEGACY: return "legacy-panic";
	case VT_DIALECT_BARE: return "bare-message";
	default: return "none";
	}
}

const char *vt_hypervisor_name(enum vt_hypervisor hv)
{
	static const char *const names[VT_HV_COUNT] = {
		[VT_HV_PROPOLIS] = "propolis", [VT_HV_PROPOLIS_STANDALONE] = "propolis-standalone",
		[VT_HV_BHYVE] = "bhyve", [VT_HV_QEMU_KVM] = "qemu-kvm",
	};
	return (unsigned)hv < VT_HV_COUNT ? names[hv] : NULL;
}

enum vt_hypervisor vt_hypervisor_by_name(const char *name)
{
	for (int i = 1; i < VT_HV_COUNT; i++)
		if (strcmp(vt_hypervisor_name((enum vt_hypervisor)i), name) == 0)
			return (enum vt_hypervisor)i;
	return VT_HV_UNKNOWN;
}

const char *vt_time_origin_name(enum vt_time_origin t)
{
	switch (t) {
	case VT_TIME_RECORD: return "record";
	case VT_TIME_NEAREST: return "nearest";
	default: return "none";
	}
}
