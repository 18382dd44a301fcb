/* corpus add: a snapshot skeleton from one crash record in any form the one
 * crash reader takes (scan or bundles, schema 2 or 0.1, an object, a --json
 * document or NDJSON rows), made by the one skeleton builder
 * (scan_snapshot_json), and the memory and port inputs the user must
 * still add before the replay can say anything. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmtriage/corpus.h"
#include "vmtriage/crash_read.h"
#include "vmtriage/crash_snapshot.h"
#include "vmtriage/snapshot.h"
#include "scan/crash_snapshot_int.h"
#include "util/json_int.h"

int vt_corpus_read_crash(const char *path, size_t max, size_t index, struct vt_crash *c,
			 struct vt_crash_rec *w, struct vt_error *err)
{
	char *text = NULL;
	size_t len = 0;
	int rc = vt_corpus_read_text(path, max, &text, &len, err);
	if (rc == VT_OK)
		rc = vt_crash_read(path, text, len, index, c, w, NULL, err);
	free(text);
	return rc;
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
	vt_result_release(&r);
}

static int compute_needs(struct vt_skeleton *s, struct vt_error *err)
{
	char *text = cJSON_PrintUnformatted(util_cjson(s->snapshot));
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

int vt_corpus_skeleton(const struct vt_crash *c, const char *name, struct vt_skeleton *out,
		       struct vt_error *err)
{
	const char *why;
	char from[VT_CRASH_SOURCE_MAX + 64];
	int rc;

	memset(out, 0, sizeof *out);
	if (c->kind != VT_KIND_INST_EMUL)
		return vt_error_set(err, VT_ERR_INPUT, "the crash is a %s exit, not InstEmul: nothing to replay",
				    vt_exit_kind_name(c->kind));
	if (!vt_crash_snapshot_ok(c, &why))
		return vt_error_set(err, VT_ERR_INPUT, "the crash has %s: a snapshot needs at least RIP, RCX, RDX and RSI/RDI", why);
	snprintf(from, sizeof from, "%s:%llu", c->source, (unsigned long long)c->line);
	if (!(out->snapshot = util_json(scan_snapshot_json(c, name, from))))
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	if ((rc = compute_needs(out, err))) {
		vt_skeleton_release(out);
		vt_error_prefix(err, "the skeleton does not load");
	}
	return rc;
}

void vt_skeleton_release(struct vt_skeleton *s)
{
	if (!s)
		return;
	vt_json_free(s->snapshot);
	memset(s, 0, sizeof *s);
}
