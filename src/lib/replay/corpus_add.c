/* corpus add: a snapshot skeleton from one `vmtriage scan --json` crash
 * (inst_data, registers with segments, mode), and the memory and port
 * inputs the user must still add before the replay can say anything. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmtriage/corpus.h"
#include "vmtriage/snapshot.h"

int vt_corpus_pick_crash(const cJSON *doc, size_t index, const cJSON **out, struct vt_error *err)
{
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

static bool reg(const cJSON *regs, const char *name, uint64_t *v)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(regs, name);
	return cJSON_IsString(x) && vt_snapshot_number(x->valuestring, v) == 0;
}

/* The mode the registers imply (CR0.PE, EFER.LMA, CS access L/D bits),
 * else the code size scan decoded the bytes as. */
static const char *crash_mode(const cJSON *crash, const cJSON *regs)
{
	const cJSON *segs = cJSON_GetObjectItemCaseSensitive(regs, "segments");
	const cJSON *cs = cJSON_IsObject(segs) ? cJSON_GetObjectItemCaseSensitive(segs, "cs") : NULL;
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(crash, "mode");
	uint64_t cr0, efer = 0, access;

	if (reg(regs, "cr0", &cr0)) {
		if (!(cr0 & VT_CR0_PE))
			return "real16";
		if (reg(cs, "access", &access)) {
			if (reg(regs, "efer", &efer) && (efer & VT_EFER_LMA))
				return (access & 0x2000) ? "long64" : "compat32";
			return (access & 0x4000) ? "prot32" : "prot16";
		}
	}
	if (cJSON_IsNumber(m))
		return m->valueint == 16 ? "real16" : m->valueint == 32 ? "prot32" : "long64";
	return NULL;
}

static void copy_regs(const cJSON *regs, cJSON *snap)
{
	cJSON *out = cJSON_AddObjectToObject(snap, "regs"), *segs;
	const cJSON *x, *in;
	enum vt_reg r;

	cJSON_ArrayForEach(x, regs)
		if (cJSON_IsString(x) && vt_reg_from_name(x->string, &r) == 0)
			cJSON_AddStringToObject(out, x->string, x->valuestring);
	segs = cJSON_AddObjectToObject(snap, "segments");
	in = cJSON_GetObjectItemCaseSensitive(regs, "segments");
	if (!cJSON_IsObject(in))
		return; /* an array or a scalar names no segment: none copied */
	cJSON_ArrayForEach(x, in) {
		static const char *const keys[] = { "selector", "base", "limit", "access" };
		cJSON *so;
		if (!x->string || strlen(x->string) != 2 || !strstr("es cs ss ds fs gs", x->string) ||
		    !cJSON_IsObject(x))
			continue; /* gdtr, idtr, ... are not used by INS/OUTS */
		so = cJSON_AddObjectToObject(segs, x->string);
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(x, keys[i]);
			if (cJSON_IsString(v))
				cJSON_AddStringToObject(so, keys[i], v->valuestring);
		}
	}
}

static int crash_fields(const cJSON *crash, const cJSON **inst, const cJSON **regs,
			struct vt_error *err)
{
	const cJSON *kind = cJSON_GetObjectItemCaseSensitive(crash, "kind");
	*inst = cJSON_GetObjectItemCaseSensitive(crash, "inst_data");
	*regs = cJSON_GetObjectItemCaseSensitive(crash, "registers");
	if (cJSON_IsString(kind) && strcmp(kind->valuestring, "InstEmul") != 0)
		return vt_error_set(err, VT_ERR_INPUT, "the crash is a %s exit, not InstEmul: nothing to replay",
				    kind->valuestring);
	if (!cJSON_IsString(*inst) || !(*inst)->valuestring[0])
		return vt_error_set(err, VT_ERR_INPUT, "the crash has no instruction bytes (inst_data redacted or not logged)");
	if (!cJSON_IsObject(*regs) || cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(*regs, "redacted")))
		return vt_error_set(err, VT_ERR_INPUT, "the crash has no registers (redacted or not logged): a snapshot needs at least RIP, RCX, RDX and RSI/RDI");
	return VT_OK;
}

static cJSON *skeleton_json(const cJSON *crash, const cJSON *inst, const cJSON *regs,
			    const char *name)
{
	const cJSON *src = cJSON_GetObjectItemCaseSensitive(crash, "source");
	const cJSON *line = cJSON_GetObjectItemCaseSensitive(crash, "line");
	const cJSON *cpl = cJSON_GetObjectItemCaseSensitive(regs, "cpl");
	const char *mode = crash_mode(crash, regs);
	cJSON *o = cJSON_CreateObject();
	char desc[400];

	cJSON_AddNumberToObject(o, "vmtriage_snapshot", VT_SNAPSHOT_VERSION);
	cJSON_AddStringToObject(o, "name", name);
	snprintf(desc, sizeof desc, "from %s:%d (vmtriage scan); add the guest memory the instruction touches",
		 cJSON_IsString(src) ? src->valuestring : "a crash", cJSON_IsNumber(line) ? line->valueint : 0);
	cJSON_AddStringToObject(o, "description", desc);
	if (mode)
		cJSON_AddStringToObject(o, "mode", mode);
	cJSON_AddStringToObject(o, "inst", inst->valuestring);
	copy_regs(regs, o);
	if (cJSON_IsNumber(cpl))
		cJSON_AddNumberToObject(o, "cpl", cpl->valueint & 3);
	cJSON_AddArrayToObject(o, "memory");
	cJSON_AddObjectToObject(o, "ports");
	return o;
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

	if (count > vt_snapshot_max_elements(snap, 0))
		count = vt_snapshot_max_elements(snap, 0);
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
	const cJSON *inst, *regs;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = crash_fields(crash, &inst, &regs, err)))
		return rc;
	if (!(out->snapshot = skeleton_json(crash, inst, regs, name)))
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
