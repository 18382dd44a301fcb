/* The emulator's result type: verdict names and the result's lifetime. */
#include <stdio.h>
#include <string.h>

#include "vmtriage/emu.h"

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

void vt_result_release(struct vt_result *r)
{
	if (!r)
		return;
	vt_io_trace_release(&r->io);
	vt_mem_ranges_release(&r->memory_writes);
	vt_mem_ranges_release(&r->page_table_writes);
	vt_result_init(r);
}

void vt_result_invalid(struct vt_result *r, const char *why)
{
	vt_result_release(r);
	r->verdict = VT_VERDICT_INVALID;
	r->has_verdict = true;
	snprintf(r->detail, sizeof r->detail, "%s", why);
}
