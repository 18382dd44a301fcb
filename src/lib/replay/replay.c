/* Replay results: lifetime and the reference run. JSON: replay_json.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmtriage/jsonw.h"
#include "vmtriage/replay.h"

static const char *const verdict_names[VT_VERDICT_COUNT] = {
	"emulated", "guest-fault", "unknown-memory", "limit-reached",
	"not-string-io", "not-handled", "invalid",
};

const char *vt_verdict_name(enum vt_verdict v)
{
	return (unsigned)v < VT_VERDICT_COUNT ? verdict_names[v] : "?";
}

int vt_verdict_from_name(const char *name, enum vt_verdict *out)
{
	for (unsigned i = 0; i < VT_VERDICT_COUNT; i++)
		if (strcmp(name, verdict_names[i]) == 0) {
			*out = (enum vt_verdict)i;
			return 0;
		}
	return -1;
}

void vt_result_init(struct vt_result *r)
{
	memset(r, 0, sizeof *r);
}

void vt_result_free(struct vt_result *r)
{
	vt_io_trace_free(&r->io);
	vt_mem_ranges_free(&r->memory_writes);
	vt_mem_ranges_free(&r->page_table_writes);
	vt_result_init(r);
}

void vt_result_invalid(struct vt_result *r, const char *why)
{
	vt_result_free(r);
	r->verdict = VT_VERDICT_INVALID;
	r->has_verdict = true;
	snprintf(r->detail, sizeof r->detail, "%s", why);
}

int vt_replay_run(const struct vt_snapshot *snap, uint64_t max_elements, struct vt_result *out,
		  struct vt_error *err)
{
	struct vt_emu_input in = snap->input;
	struct vt_emu *e;
	int rc;

	in.max_elements = vt_snapshot_max_elements(snap, max_elements);
	if (!(e = vt_emu_new(&in, err)))
		return VT_ERR_NOMEM;
	rc = vt_emu_run(e, out);
	vt_emu_free(e);
	if (rc)
		return vt_error_set(err, rc, "out of memory replaying %s", snap->name);
	return VT_OK;
}

