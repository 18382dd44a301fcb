/* A complete propolis panic message (every generation) -> crash facts. */
#include <stdlib.h>
#include <string.h>

#include "scan/scan_int.h"
#include "vmtriage/bytes.h"

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '(' || *p == ','))
		p++;
	return p;
}

/* A possibly negative decimal at p (after spaces/parens/commas). */
static bool signed_at(const char **pp, const char *end, int64_t *out)
{
	const char *p = skip_ws(*pp, end);
	bool neg = p < end && *p == '-';
	uint64_t v;
	size_t used;
	if (!util_parse_u64(p + neg, (size_t)(end - p - neg), 10, &v, &used) || v > INT64_MAX)
		return false;
	*out = neg ? -(int64_t)v : (int64_t)v;
	*pp = p + neg + used;
	return true;
}

static void set_detail(struct vt_crash *c, const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	scan_copy(c->detail, sizeof c->detail, p, (size_t)(end - p));
}

static void inst_emul(const char *p, const char *end, struct vt_crash *c)
{
	struct vt_exit_bytes eb;
	struct vt_error err;
	if (vt_bytes_parse(p, (size_t)(end - p), VT_RADIX_AUTO, &eb, &err) != VT_OK) {
		/* Cut off or mangled: the kind is still known. */
		c->has_inst = false;
		return;
	}
	c->has_inst = true;
	c->redacted = eb.redacted;
	memcpy(c->inst, eb.bytes, sizeof c->inst);
	c->ninst = eb.count;
	c->len = eb.len;
}

/* "InstEmul(...)", "Paging(gpa, type)", ... : the Debug of VmExitKind. */
static void exit_kind(const char *p, const char *end, struct vt_crash *c)
{
	int64_t a, b;
	p = skip_ws(p, end);
	const char *name = p;
	while (p < end && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
		p++;
	size_t n = (size_t)(p - name);
#define IS(s) (n == strlen(s) && memcmp(name, s, n) == 0)
	if (IS("InstEmul")) {
		c->kind = VT_KIND_INST_EMUL;
		inst_emul(p, end, c);
	} else if (IS("Paging")) {
		c->kind = VT_KIND_PAGING;
		if (signed_at(&p, end, &a) && signed_at(&p, end, &b)) {
			c->has_gpa = true;
			c->gpa = (uint64_t)a;
			c->fault_type = (int)b;
		}
	} else if (IS("Unknown")) {
		c->kind = VT_KIND_UNKNOWN;
		if (signed_at(&p, end, &a)) {
			c->has_code = true;
			c->code = a;
		}
	} else if (IS("Debug")) {
		c->kind = VT_KIND_DEBUG;
	} else if (IS("VmxError") || IS("SvmError")) {
		c->kind = IS("VmxError") ? VT_KIND_VMX_ERROR : VT_KIND_SVM_ERROR;
		/* "(VmxDetail { .. })": keep what is inside the parentheses. */
		const char *q = skip_ws(p, end), *e = end;
		while (e > q && (e[-1] == ' ' || e[-1] == ','))
			e--;
		if (q > p && q[-1] == '(' && e > q && e[-1] == ')')
			e--;
		set_detail(c, q, e);
	} else {
		/* Bogus, Suspended(..), a kind newer than this tool: unknown exit. */
		c->kind = VT_KIND_UNKNOWN;
		set_detail(c, name, end);
	}
#undef IS
}

static void vcpu_of(const char *msg, size_t n, struct vt_crash *c)
{
	const char *p = util_memfind(msg, n, "vCPU ");
	uint64_t v;
	if (p && util_parse_u64(p + 5, (size_t)(msg + n - p - 5), 10, &v, NULL) && v < 65536)
		c->vcpu = (int)v;
}

static bool legacy(const char *msg, size_t n, struct vt_crash *c)
{
	const char *end = msg + n, *p;
	uint64_t v;
	size_t used;
	enum vt_message_dialect dialect = c->dialect;
	c->dialect = VT_DIALECT_LEGACY;
	if (util_memfind(msg, n, "unemulated instruction")) {
		struct vt_exit_bytes eb;
		struct vt_error err;
		c->kind = VT_KIND_INST_EMUL;
		if (vt_bytes_parse(msg, n, VT_RADIX_AUTO, &eb, &err) == VT_OK) {
			c->has_inst = true;
			memcpy(c->inst, eb.bytes, sizeof c->inst);
			c->ninst = eb.count;
			c->len = eb.len;
			c->has_rip = eb.has_rip;
			c->rip = eb.rip;
		}
		return true;
	}
	if ((p = util_memfind(msg, n, "unhandled paging gpa:")) != NULL) {
		c->kind = VT_KIND_PAGING;
		p += strlen("unhandled paging gpa:");
		if (util_parse_u64(p, (size_t)(end - p), 16, &c->gpa, &used)) {
			c->has_gpa = true;
			const char *t = util_memfind(p, (size_t)(end - p), "type:");
			if (t && util_parse_u64(t + 5, (size_t)(end - t - 5), 16, &v, NULL))
				c->fault_type = (int)v;
		}
		return true;
	}
	if ((p = util_memfind(msg, n, "VMX error:")) != NULL || (p = util_memfind(msg, n, "SVM error:")) != NULL) {
		c->kind = p[0] == 'V' ? VT_KIND_VMX_ERROR : VT_KIND_SVM_ERROR;
		set_detail(c, p + strlen("VMX error:"), end);
		return true;
	}
	if ((p = util_memfind(msg, n, "unrecognized exit:")) != NULL) {
		exit_kind(p + strlen("unrecognized exit:"), end, c);
		return true;
	}
	c->dialect = dialect;
	return false;
}

bool scan_parse_message(const char *msg, size_t n, struct vt_crash *c)
{
	const char *end = msg + n, *p;
	uint64_t rip;

	if ((p = util_memfind(msg, n, "Unhandled VM exit:")) != NULL) {
		vcpu_of(msg, (size_t)(p - msg), c);
		exit_kind(p + strlen("Unhandled VM exit:"), end, c);
		return true;
	}
	if ((p = util_memfind(msg, n, "Unhandled vCPU error:")) != NULL) {
		vcpu_of(msg, (size_t)(p - msg), c);
		c->kind = VT_KIND_VCPU_ERROR;
		set_detail(c, p + strlen("Unhandled vCPU error:"), end);
		return true;
	}
	if ((p = util_memfind(msg, n, "Unhandled exit @rip:")) != NULL) {
		p += strlen("Unhandled exit @rip:");
		size_t used;
		if (util_parse_u64(p, (size_t)(end - p), 16, &rip, &used)) {
			c->has_rip = true;
			c->rip = rip;
			p += used;
		}
		exit_kind(p, end, c);
		return true;
	}
	if (legacy(msg, n, c))
		return true;
	c->kind = VT_KIND_OTHER_PANIC;
	set_detail(c, msg, end);
	return false;
}
