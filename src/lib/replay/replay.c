/* The reference run of a snapshot. JSON: replay_json.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmtriage/jsonw.h"
#include "vmtriage/replay.h"
#include "vmtriage/snapshot.h"

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

