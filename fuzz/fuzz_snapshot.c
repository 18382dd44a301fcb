/* Snapshot parser, then the reference emulator on whatever parses (bounded
 * to 4096 elements), then its JSON: any text must give a result or a clear
 * error, never a crash, hang or unbounded allocation. */
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vt_snapshot *s;
	struct vt_error err;
	struct vt_result r;

	/* basedir /nonexistent: relative `file` regions never find anything. */
	if (vt_snapshot_parse((const char *)data, size, "fuzz.json", "/nonexistent", &s, &err) != VT_OK)
		return 0;
	vt_result_init(&r);
	if (vt_replay_run(s, s->max_elements < 4096 ? s->max_elements : 4096, &r, &err) == VT_OK)
		cJSON_Delete(vt_result_json(&r, s->name));
	if (r.elements > 4096)
		__builtin_trap();
	vt_result_free(&r);
	vt_snapshot_free(s);
	return 0;
}
