/* One crash record (schema 2, or a version-1 scan or bundles form) back
 * into struct vt_crash and where it was found. */
#include "scan/crash_read_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vmtriage/bytes.h"
#include "vmtriage/timestamp.h"
#include "util/util_int.h"

static const cJSON *item(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = item(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The first key present (v2 name first, then the v1 spelling). */
static const char *str2(const cJSON *o, const char *a, const char *b)
{
	return str_of(o, a) ? str_of(o, a) : str_of(o, b);
}

static void copy(char *dst, size_t size, const char *s)
{
	snprintf(dst, size, "%s", s ? s : "");
}

int scan_json_int_field(const cJSON *o, const char *key, int64_t min, int64_t max, int64_t *out,
		      struct vt_error *err)
{
	const cJSON *v = item(o, key);
	if (!v || cJSON_IsNull(v))
		return 0;
	/* Compare as doubles before any cast: 1e300 or NaN must not reach (int64_t). */
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble != floor(v->valuedouble) ||
	    v->valuedouble < (double)min || v->valuedouble > (double)max) {
		vt_error_set(err, VT_ERR_INPUT, "\"%s\" is not an integer from %lld to %lld", key, (long long)min,
			     (long long)max);
		return -1;
	}
	*out = (int64_t)v->valuedouble;
	return 1;
}

/* "0x1f" -> 0x1f: the whole string, or false. */
static bool hex_of(const char *s, uint64_t *v)
{
	size_t used;
	return s && util_parse_u64(s, strlen(s), 16, v, &used) && s[used] == '\0';
}

static int hex_field(const cJSON *o, const char *key, bool *has, uint64_t *v, struct vt_error *err)
{
	const cJSON *x = item(o, key);
	*has = false;
	if (!x || cJSON_IsNull(x))
		return VT_OK;
	if (!cJSON_IsString(x) || !hex_of(x->valuestring, v))
		return vt_error_set(err, VT_ERR_INPUT, "\"%s\" is not a hex string (\"0x...\")", key);
	*has = true;
	return VT_OK;
}

static bool enum_of(const char *name, const char *(*name_of)(int), int n, int *out)
{
	for (int k = 0; name && k < n; k++)
		if (strcmp(name_of(k), name) == 0)
			return *out = k, true;
	return false;
}

static const char *kind_name(int k) { return vt_exit_kind_name((enum vt_exit_kind)k); }
static const char *form_name(int k) { return vt_message_dialect_name((enum vt_message_dialect)k); }
static const char *origin_name(int k) { return vt_time_origin_name((enum vt_time_origin)k); }
static const char *sreg_name(int k) { return vt_sreg_name((enum vt_sreg)k); }

/* "f36e" or "f3 6e" (v1 snapshots), at most VT_INSN_MAX bytes. */
static bool hex_bytes(const char *s, uint8_t *out, size_t *n)
{
	*n = 0;
	while (*s) {
		if (*s == ' ') {
			s++;
			continue;
		}
		int hi = util_hex_digit(s[0]), lo = hi < 0 ? -1 : util_hex_digit(s[1]);
		if (lo < 0 || *n == VT_INSN_MAX)
			return false;
		out[(*n)++] = (uint8_t)(hi << 4 | lo);
		s += 2;
	}
	return true;
}

static int int_array(const cJSON *a, uint8_t *out, size_t *n, struct vt_error *err)
{
	const cJSON *b;
	*n = 0;
	cJSON_ArrayForEach(b, a) {
		if (*n == VT_INSN_MAX || !cJSON_IsNumber(b) || b->valuedouble != floor(b->valuedouble) ||
		    b->valuedouble < 0 || b->valuedouble > 255)
			return vt_error_set(err, VT_ERR_INPUT, "\"inst_data\" is not at most %d integers from 0 to 255",
					    VT_INSN_MAX);
		out[(*n)++] = (uint8_t)b->valuedouble;
	}
	return VT_OK;
}

/* One byte field: a hex string, an integer array (bundles v1) or null. */
static int bytes_field(const cJSON *o, const char *key, struct vt_crash *c, bool *present, struct vt_error *err)
{
	const cJSON *v = item(o, key);
	*present = v && !cJSON_IsNull(v);
	if (!*present)
		return VT_OK;
	if (cJSON_IsArray(v))
		return int_array(v, c->inst, &c->ninst, err);
	if (!cJSON_IsString(v) || !hex_bytes(v->valuestring, c->inst, &c->ninst))
		return vt_error_set(err, VT_ERR_INPUT, "\"%s\" is not hex bytes (at most %d)", key, VT_INSN_MAX);
	return VT_OK;
}

/* v2: bytes_printed (all the log printed) else bytes (the valid ones);
 * v1: inst_data. */
static int bytes_of(const cJSON *o, struct vt_crash *c, struct vt_error *err)
{
	int64_t len = -1;
	bool present = false;
	int rc = bytes_field(o, "bytes_printed", c, &present, err);
	if (rc == VT_OK && !present)
		rc = bytes_field(o, "bytes", c, &present, err);
	if (rc == VT_OK && !present)
		rc = bytes_field(o, "inst_data", c, &present, err);
	if (rc != VT_OK)
		return rc;
	c->redacted = cJSON_IsTrue(item(o, "redacted"));
	c->has_inst = present || c->redacted;
	if (scan_json_int_field(o, "len", 0, VT_INSN_MAX, &len, err) < 0)
		return VT_ERR_INPUT;
	c->len = (int)len;
	return VT_OK;
}

static int segment_of(const cJSON *so, struct vt_segreg *s, struct vt_error *err)
{
	static const char *const keys[] = { "selector", "base", "limit", "access" };
	uint64_t v[4] = { 0 };
	bool has;
	if (!cJSON_IsObject(so))
		return vt_error_set(err, VT_ERR_INPUT, "a segment register is not an object");
	for (int i = 0; i < 4; i++)
		if (hex_field(so, keys[i], &has, &v[i], err) != VT_OK)
			return VT_ERR_INPUT;
	if (v[0] > 0xffff || v[2] > 0xffffffffu || v[3] > 0xffffffffu)
		return vt_error_set(err, VT_ERR_INPUT, "a segment's selector, limit or access is out of range");
	*s = (struct vt_segreg){ true, (uint16_t)v[0], v[1], (uint32_t)v[2], (uint32_t)v[3] };
	return VT_OK;
}

static int segments_of(const cJSON *segs, struct vt_regs *r, struct vt_error *err)
{
	const cJSON *x;
	int k;
	if (!segs || cJSON_IsNull(segs))
		return VT_OK;
	if (!cJSON_IsObject(segs))
		return vt_error_set(err, VT_ERR_INPUT, "\"registers.segments\" is not an object keyed es, cs, ...");
	cJSON_ArrayForEach(x, segs)
		if (enum_of(x->string, sreg_name, VT_SREG_COUNT, &k) && segment_of(x, &r->seg[k], err) != VT_OK) {
			vt_error_prefix(err, "registers.segments.%s", x->string);
			return VT_ERR_INPUT;
		}
	return VT_OK;
}

static int regs_of(const cJSON *regs, struct vt_regs *r, struct vt_error *err)
{
	const cJSON *x;
	enum vt_reg k;
	int64_t cpl = -1;
	if (!regs || cJSON_IsNull(regs))
		return VT_OK;
	if (!cJSON_IsObject(regs))
		return vt_error_set(err, VT_ERR_INPUT, "\"registers\" is not an object");
	cJSON_ArrayForEach(x, regs) {
		if (!x->string || vt_reg_from_name(x->string, &k) != 0)
			continue;
		if (!cJSON_IsString(x) || !hex_of(x->valuestring, &r->v[k]))
			return vt_error_set(err, VT_ERR_INPUT, "\"registers.%s\" is not a hex string", x->string);
		r->has[k] = true;
	}
	r->redacted = cJSON_IsTrue(item(regs, "redacted"));
	if (scan_json_int_field(regs, "cpl", 0, 3, &cpl, err) < 0)
		return VT_ERR_INPUT;
	r->cpl = (int)cpl;
	return segments_of(item(regs, "segments"), r, err);
}

static int exit_of(const cJSON *o, struct vt_crash *c, struct vt_error *err)
{
	const char *kind = str2(o, "exit_kind", "kind");
	char sig_kind[32];
	int k;
	if (!kind && str_of(o, "signature")) {
		/* A row cut down to the fleet key and signature: "<kind>/<class>..." */
		snprintf(sig_kind, sizeof sig_kind, "%.*s", (int)strcspn(str_of(o, "signature"), "/"), str_of(o, "signature"));
		kind = sig_kind;
	}
	int64_t v = -1;
	if (!enum_of(kind, kind_name, VT_KIND_COUNT, &k))
		return vt_error_set(err, VT_ERR_INPUT, "unknown exit kind \"%s\"", kind ? kind : "(none)");
	c->kind = (enum vt_exit_kind)k;
	if (scan_json_int_field(o, "vcpu", 0, INT16_MAX, &v, err) < 0)
		return VT_ERR_INPUT;
	c->vcpu = (int)v;
	if (hex_field(o, "gpa", &c->has_gpa, &c->gpa, err) != VT_OK || hex_field(o, "rip", &c->has_rip, &c->rip, err) != VT_OK)
		return VT_ERR_INPUT;
	v = 0;
	if (scan_json_int_field(o, "fault_type", INT32_MIN, INT32_MAX, &v, err) < 0)
		return VT_ERR_INPUT;
	c->fault_type = (int)v;
	int n = scan_json_int_field(o, "exit_code", -9007199254740991, 9007199254740991, &c->code, err);
	if (n == 0)
		n = scan_json_int_field(o, "code", -9007199254740991, 9007199254740991, &c->code, err);
	if (n < 0)
		return VT_ERR_INPUT;
	c->has_code = n > 0;
	copy(c->detail, sizeof c->detail, str2(o, "exit_detail", "detail"));
	const cJSON *x;
	cJSON_ArrayForEach(x, item(o, "qemu_extra"))
		if (c->nextra < sizeof c->extra / sizeof c->extra[0] && !hex_of(x->valuestring, &c->extra[c->nextra++]))
			return vt_error_set(err, VT_ERR_INPUT, "\"qemu_extra\" holds something other than hex strings");
	return VT_OK;
}

static int line_of(const cJSON *o, struct vt_crash *c, struct vt_error *err)
{
	int64_t line = 0, end = 0;
	const int64_t max = 9007199254740991; /* 2^53 - 1: exact in a double */
	if (scan_json_int_field(o, "line", 1, max, &line, err) <= 0) {
		if (!item(o, "line") || cJSON_IsNull(item(o, "line")))
			vt_error_set(err, VT_ERR_INPUT, "no \"line\"");
		return VT_ERR_INPUT;
	}
	if (scan_json_int_field(o, "end_line", 1, max, &end, err) < 0)
		return VT_ERR_INPUT;
	c->line = (uint64_t)line;
	c->end_line = end ? (uint64_t)end : c->line;
	return VT_OK;
}

/* Time as printed into c->time; the placed (RFC 3339) time into w->time. */
static void time_of(const cJSON *o, struct vt_crash *c, struct vt_crash_rec *w)
{
	int k;
	const char *text = str_of(o, "time_text"), *t = str_of(o, "time");
	copy(c->time, sizeof c->time, text ? text : t);
	int64_t when;
	if (w->schema == 2)
		copy(w->time, sizeof w->time, t);
	else if (strlen(c->time) > 10 && c->time[10] == 'T' && vt_bundle_time_parse(c->time, &when))
		copy(w->time, sizeof w->time, c->time); /* v1 printed a full RFC 3339 time as it was */
	/* Placed: RFC 3339 only (no context here to place a year-less time). */
	if (w->time[0] && !(vt_timestamp_parse(w->time, strlen(w->time), NULL, &c->when) && c->when.known))
		w->time[0] = '\0';
	if (enum_of(str_of(o, "time_origin"), origin_name, 3, &k))
		c->time_origin = (enum vt_time_origin)k;
	if (enum_of(str_of(o, "form"), form_name, VT_DIALECT_BARE + 1, &k))
		c->dialect = (enum vt_message_dialect)k;
	copy(w->time_created, sizeof w->time_created, str_of(o, "time_created"));
	copy(w->cause, sizeof w->cause, str_of(o, "cause"));
}

static void where_of(const cJSON *o, struct vt_crash *c, struct vt_crash_rec *w)
{
	const cJSON *insn = item(o, "instruction");
	copy(w->path, sizeof w->path, str2(o, "path", "source") ? str2(o, "path", "source") : str_of(o, "member"));
	copy(c->source, sizeof c->source, w->path);
	w->has_member = str_of(o, "member") != NULL;
	copy(w->member, sizeof w->member, str_of(o, "member"));
	copy(w->zone, sizeof w->zone, str_of(o, "zone"));
	copy(w->bundle_id, sizeof w->bundle_id, str_of(o, "bundle_id"));
	copy(w->sled, sizeof w->sled, str_of(o, "sled"));
	copy(w->rack, sizeof w->rack, str_of(o, "rack"));
	copy(w->evidence, sizeof w->evidence, str_of(o, "evidence"));
	copy(w->signature, sizeof w->signature, str_of(o, "signature"));
	copy(w->signature_id, sizeof w->signature_id, str_of(o, "signature_id"));
	/* v1 bundles: a string; scan and v2: an instruction record. */
	copy(w->instruction, sizeof w->instruction, cJSON_IsString(insn) ? insn->valuestring : str_of(insn, "text"));
	copy(c->excerpt, sizeof c->excerpt, str_of(o, "excerpt"));
}

static int class_of(const cJSON *o, struct vt_crash *c, struct vt_crash_rec *w, struct vt_error *err)
{
	const char *name = str_of(o, "class"), *sig = str_of(o, "signature");
	char sig_class[64];
	if (!name && sig && strchr(sig, '/')) {
		sig = strchr(sig, '/') + 1;
		snprintf(sig_class, sizeof sig_class, "%.*s", (int)strcspn(sig, "/"), sig);
		name = sig_class;
	}
	const struct vt_class *k = name ? vt_class_by_name(name) : NULL;
	if (name && !k)
		return vt_error_set(err, VT_ERR_INPUT, "unknown class \"%s\"", name);
	w->has_class = k != NULL;
	c->cls.id = k ? k->id : VT_CLASS_UNKNOWN;
	copy(c->cls.detail, sizeof c->cls.detail, str_of(o, "class_detail"));
	return VT_OK;
}

/* Where the crash came from: hypervisor, the texts it was put together from. */
static int provenance_of(const cJSON *o, struct vt_crash *c, struct vt_error *err)
{
	const cJSON *x;
	int64_t restarts = 0;
	if (str_of(o, "hypervisor"))
		c->hypervisor = vt_hypervisor_by_name(str_of(o, "hypervisor"));
	cJSON_ArrayForEach(x, item(o, "origin"))
		for (unsigned i = 0; i < 4; i++)
			if (cJSON_IsString(x) && strcmp(x->valuestring, vt_crash_origin_name(i)) == 0)
				c->origin |= 1u << i;
	c->paired = cJSON_IsTrue(item(o, "merged"));
	c->truncated = cJSON_IsTrue(item(o, "truncated"));
	if (scan_json_int_field(o, "restarts", 0, UINT32_MAX, &restarts, err) < 0)
		return VT_ERR_INPUT;
	c->restarts = (unsigned)restarts;
	return VT_OK;
}

/* The code size the bytes were decoded as: schema 2's bits, 0.1's numeric mode. */
static int bits_of(const cJSON *o, struct vt_crash *c, struct vt_error *err)
{
	int64_t bits = 0;
	const char *key = cJSON_IsNumber(item(o, "bits")) ? "bits" : "mode";
	if (!cJSON_IsNumber(item(o, key)))
		return VT_OK; /* v2's mode is a name, decided by the registers */
	if (scan_json_int_field(o, key, 16, 64, &bits, err) < 0 || (bits != 16 && bits != 32 && bits != 64))
		return vt_error_set(err, VT_ERR_INPUT, "\"%s\" is not 16, 32 or 64", key);
	c->mode = (unsigned)bits;
	return VT_OK;
}

int scan_crash_from_json(const cJSON *o, struct vt_crash *c, struct vt_crash_rec *w, struct vt_error *err)
{
	const char *schema = str_of(o, "schema");
	vt_crash_init(c);
	memset(w, 0, sizeof *w);
	if (!cJSON_IsObject(o))
		return vt_error_set(err, VT_ERR_INPUT, "a crash is not a JSON object");
	if (schema && strcmp(schema, "vmtriage.crash.v2") != 0)
		return vt_error_set(err, VT_ERR_INPUT, "a \"%s\" record, not a crash", schema);
	w->schema = schema ? 2 : 1;
	where_of(o, c, w);
	time_of(o, c, w);
	if (line_of(o, c, err) != VT_OK || exit_of(o, c, err) != VT_OK || bytes_of(o, c, err) != VT_OK ||
	    regs_of(item(o, "registers"), &c->regs, err) != VT_OK || class_of(o, c, w, err) != VT_OK)
		return VT_ERR_INPUT;
	if (bits_of(o, c, err) != VT_OK || provenance_of(o, c, err) != VT_OK)
		return VT_ERR_INPUT;
	if (!c->has_rip && c->regs.has[VT_REG_RIP]) {
		c->has_rip = true;
		c->rip = c->regs.v[VT_REG_RIP];
	}
	return VT_OK;
}

