/* corpus add: a snapshot skeleton from one crash record (scan or bundles,
 * schema 2 or 0.1's scan form) made by the one skeleton builder
 * (scan_snapshot_json), and the memory and port inputs the user must
 * still add before the replay can say anything. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmtriage/bytes.h"
#include "vmtriage/corpus.h"
#include "scan/crash_snapshot_int.h"
#include "vmtriage/snapshot.h"
#include "scan/crash_snapshot_int.h"

int vt_corpus_pick_crash(const cJSON *doc, size_t index, const cJSON **out, struct vt_error *err)
{
	/* A scan or bundles --json document: its crashes. */
	const cJSON *crashes = cJSON_GetObjectItemCaseSensitive(doc, "crashes");
	if (cJSON_IsObject(doc) && cJSON_IsArray(crashes))
		doc = crashes;
	if (cJSON_IsArray(doc)) {
		size_t n = (size_t)cJSON_GetArraySize(doc);
		if (index >= n)
			return vt_error_set(err, VT_ERR_INPUT, "crash %zu does not exist: the file holds %zu crash%s",
					    index, n, n == 1 ? "" : "es");
		*out = cJSON_GetArrayItem(doc, (int)index);
	} else if (cJSON_IsObject(doc)) {
		if (index != 0)
			return vt_error_set(err, VT_ERR_INPUT, "crash %zu does not exist: the file holds one crash", index);
		*out = doc;
	} else {
		return vt_error_set(err, VT_ERR_INPUT, "expected a crash object or an array of them (vmtriage scan --json)");
	}
	if (!cJSON_IsObject(*out))
		return vt_error_set(err, VT_ERR_INPUT, "crash %zu is not a JSON object", index);
	return VT_OK;
}

static bool hex_of(const cJSON *o, const char *key, uint64_t *v)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(x) && vt_snapshot_number(x->valuestring, v) == 0;
}

/* A crash record's registers object (schema 2 and 0.1 alike) into r. */
static void regs_of(const cJSON *regs, struct vt_regs *r)
{
	const cJSON *x, *segs = cJSON_GetObjectItemCaseSensitive(regs, "segments");
	enum vt_reg reg;
	uint64_t v;
	/* Only named members count: an array (`"segments": [{...}]`) has
	 * unnamed items, whose NULL name crashed strcmp. */
	if (!cJSON_IsObject(regs))
		return;
	cJSON_ArrayForEach(x, regs)
		if (x->string && vt_reg_from_name(x->string, &reg) == 0 && hex_of(regs, x->string, &v)) {
			r->v[reg] = v;
			r->has[reg] = true;
		}
	if (!cJSON_IsObject(segs))
		segs = NULL;
	cJSON_ArrayForEach(x, segs)
		for (int i = 0; i < VT_SREG_COUNT; i++) {
			struct vt_segreg *sg = &r->seg[i];
			uint64_t sel = 0, base = 0, limit = 0, access = 0;
			if (!x->string || !cJSON_IsObject(x) || strcmp(x->string, vt_sreg_name((enum vt_sreg)i)) != 0)
				continue;
			/* every field read, present when any is */
			bool has_sel = hex_of(x, "selector", &sel), has_base = hex_of(x, "base", &base);
			bool has_limit = hex_of(x, "limit", &limit), has_access = hex_of(x, "access", &access);
			sg->present = has_sel || has_base || has_limit || has_access;
			sg->selector = (uint16_t)sel;
			sg->base = base;
			sg->limit = (uint32_t)limit;
			sg->access = (uint32_t)access;
		}
	x = cJSON_GetObjectItemCaseSensitive(regs, "cpl");
	r->cpl = cJSON_IsNumber(x) ? x->valueint & 3 : -1;
	r->redacted = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(regs, "redacted"));
}

/* The fields a skeleton needs from a crash record: schema 2 (bytes,
 * exit_kind, path) or 0.1's scan form (inst_data, kind, source). */
static int crash_of_json(const cJSON *o, struct vt_crash *c, struct vt_error *err)
{
	const cJSON *kind = cJSON_GetObjectItemCaseSensitive(o, "exit_kind");
	const cJSON *bytes = cJSON_GetObjectItemCaseSensitive(o, "bytes");
	const cJSON *regs = cJSON_GetObjectItemCaseSensitive(o, "registers");
	const cJSON *len = cJSON_GetObjectItemCaseSensitive(o, "len");
	const cJSON *path = cJSON_GetObjectItemCaseSensitive(o, "path");
	const cJSON *line = cJSON_GetObjectItemCaseSensitive(o, "line");
	struct vt_exit_bytes eb;

	vt_crash_init(c);
	if (!kind)
		kind = cJSON_GetObjectItemCaseSensitive(o, "kind");
	if (!bytes)
		bytes = cJSON_GetObjectItemCaseSensitive(o, "inst_data");
	if (!path)
		path = cJSON_GetObjectItemCaseSensitive(o, "source");
	if (cJSON_IsString(kind) && strcmp(kind->valuestring, "InstEmul") != 0)
		return vt_error_set(err, VT_ERR_INPUT, "the crash is a %s exit, not InstEmul: nothing to replay",
				    kind->valuestring);
	if (!cJSON_IsString(bytes) || !bytes->valuestring[0] ||
	    vt_bytes_parse(bytes->valuestring, strlen(bytes->valuestring), VT_RADIX_HEX, &eb, err) != VT_OK)
		return vt_error_set(err, VT_ERR_INPUT, "the crash has no instruction bytes (redacted or not logged)");
	if (!cJSON_IsObject(regs) || cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(regs, "redacted")))
		return vt_error_set(err, VT_ERR_INPUT, "the crash has no registers (redacted or not logged): a snapshot needs at least RIP, RCX, RDX and RSI/RDI");
	c->has_inst = true;
	c->ninst = eb.count < VT_INSN_MAX ? eb.count : VT_INSN_MAX;
	memcpy(c->inst, eb.bytes, c->ninst);
	c->len = cJSON_IsNumber(len) ? len->valueint : -1;
	/* the code size the bytes were decoded as: schema 2's bits, 0.1's mode */
	const cJSON *bits = cJSON_GetObjectItemCaseSensitive(o, "bits");
	if (!cJSON_IsNumber(bits))
		bits = cJSON_GetObjectItemCaseSensitive(o, "mode");
	c->mode = cJSON_IsNumber(bits) ? (unsigned)bits->valueint : 0;
	regs_of(regs, &c->regs);
	snprintf(c->source, sizeof c->source, "%s", cJSON_IsString(path) ? path->valuestring : "a crash");
	c->line = cJSON_IsNumber(line) ? (uint64_t)line->valuedouble : 0;
	return VT_OK;
}

static void need(struct vt_skeleton *s, const char *text)
{
	if (s->nneeds < sizeof s->needs / sizeof s->needs[0])
		snprintf(s->needs[s->nneeds++], sizeof s->needs[0], "%s", text);
}

/* The data the instruction moves: elements x size bytes at seg:pointer. */
static void data_needs(const struct vt_snapshot *snap, const struct vt_string_io *sio,
		       struct vt_skeleton *s)
{
	const struct vt_cpu *cpu = &snap->input.cpu;
	uint64_t mask = sio->addr_bits >= 64 ? ~0ull : (1ull << sio->addr_bits) - 1;
	uint64_t count = sio->rep ? cpu->r[VT_REG_RCX] & mask : 1, bytes, ptr, base, lo;
	char text[200];

	if (count > snap->max_elements)
		count = snap->max_elements;
	bytes = count * sio->size;
	ptr = cpu->r[sio->in ? VT_REG_RDI : VT_REG_RSI] & mask;
	base = cpu->mode == VT_MODE_LONG64 && sio->segment != VT_SEG_FS && sio->segment != VT_SEG_GS
		       ? 0 : cpu->seg[sio->segment].base;
	lo = base + ((cpu->r[VT_REG_RFLAGS] & VT_RFLAGS_DF) && bytes ? ptr - (bytes - sio->size) : ptr);
	if (bytes == 0) {
		need(s, "no data: the count register is 0, so the instruction moves nothing");
		return;
	}
	snprintf(text, sizeof text, "memory: the %llu bytes the %s at linear 0x%llx..0x%llx (%s:%s)",
		 (unsigned long long)bytes, sio->in ? "INS writes (their current contents)" : "OUTS reads",
		 (unsigned long long)lo,
		 (unsigned long long)(lo + bytes - 1), vt_seg_name(sio->segment),
		 sio->in ? "rdi" : "rsi");
	need(s, text);
	if (cpu->r[VT_REG_CR0] & VT_CR0_PG) {
		snprintf(text, sizeof text, "page tables: paging is on, so every table the walk from CR3 = 0x%llx uses for those addresses",
			 (unsigned long long)cpu->r[VT_REG_CR3]);
		need(s, text);
	}
	if (sio->in) {
		snprintf(text, sizeof text, "ports: the values port 0x%x returns (\"ports\"), else it reads as all ones",
			 (unsigned)(cpu->r[VT_REG_RDX] & 0xFFFF));
		need(s, text);
	}
}

/* Replay the skeleton: where it first stops for want of memory. */
static void replay_needs(const struct vt_snapshot *snap, struct vt_skeleton *s)
{
	struct vt_result r;
	struct vt_error err;
	char text[200];

	vt_result_init(&r);
	if (vt_replay_run(snap, 0, &r, &err) == VT_OK && r.verdict == VT_VERDICT_UNKNOWN_MEMORY) {
		snprintf(text, sizeof text, "first: the replay stops at guest-physical 0x%llx (%s)",
			 (unsigned long long)r.unknown_gpa, vt_access_kind_name(r.unknown_kind));
		need(s, text);
	}
	vt_result_free(&r);
}

static int compute_needs(struct vt_skeleton *s, struct vt_error *err)
{
	char *text = cJSON_PrintUnformatted(s->snapshot);
	struct vt_snapshot *snap;
	struct vt_string_io sio;
	int rc;

	if (!text)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	rc = vt_snapshot_parse(text, strlen(text), "crash", NULL, &snap, err);
	free(text);
	if (rc)
		return rc;
	if (vt_string_io_decode(snap->input.inst, snap->input.inst_len,
				vt_mode_code_bits(snap->input.cpu.mode), &sio) != VT_SIO_OK) {
		need(s, "nothing: the bytes are not INS/OUTS in this mode, so the replay will say not-string-io");
	} else {
		data_needs(snap, &sio, s);
		replay_needs(snap, s);
	}
	vt_snapshot_free(snap);
	return VT_OK;
}

int vt_corpus_skeleton(const cJSON *crash, const char *name, struct vt_skeleton *out,
		       struct vt_error *err)
{
	struct vt_crash *c = malloc(sizeof *c);
	const char *why;
	char from[VT_CRASH_SOURCE_MAX + 64];
	int rc;

	memset(out, 0, sizeof *out);
	if (!c)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	if ((rc = crash_of_json(crash, c, err)) != VT_OK) {
		free(c);
		return rc;
	}
	if (!vt_crash_snapshot_ok(c, &why)) {
		free(c);
		return vt_error_set(err, VT_ERR_INPUT, "the crash has %s: a snapshot needs at least RIP, RCX, RDX and RSI/RDI", why);
	}
	snprintf(from, sizeof from, "%s:%llu", c->source, (unsigned long long)c->line);
	out->snapshot = scan_snapshot_json(c, name, from);
	free(c);
	if (!out->snapshot)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	if ((rc = compute_needs(out, err))) {
		vt_skeleton_free(out);
		vt_error_prefix(err, "the skeleton does not load");
	}
	return rc;
}

void vt_skeleton_free(struct vt_skeleton *s)
{
	cJSON_Delete(s->snapshot);
	memset(s, 0, sizeof *s);
}
