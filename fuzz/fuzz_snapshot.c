/* The snapshot loader on any JSON text. `file` regions are resolved against
 * an empty directory made once, so the fuzzer cannot make the loader read
 * the host's files (an absolute "file" still can: it names a path on
 * purpose, and tests/shell/hostile_snapshot_file_fifo.sh covers the hostile
 * ones). A snapshot that loads is replayed with a small max_elements and
 * rendered, since what the loader accepts the emulator must survive. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vmtriage/replay.h"
#include "vmtriage/replay_report.h"
#include "vmtriage/snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/vt-fuzz-snap.XXXXXX";

static void remove_dir(void)
{
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool made;
	struct vt_snapshot *snap = NULL;
	struct vt_error err;

	if (!made) {
		if (!mkdtemp(dir))
			__builtin_trap();
		atexit(remove_dir);
		made = true;
	}
	if (vt_snapshot_parse((const char *)data, size, "fuzz.json", dir, &snap, &err) != VT_OK)
		return 0;
	/* Data held stays under the documented cap. */
	struct vt_result r;
	vt_result_init(&r);
	if (vt_replay_run(snap, 4096, &r, &err) == VT_OK) {
		if (r.elements > 4096)
			__builtin_trap();
		static FILE *null;
		struct vt_json *j = vt_result_json(&r, snap->name, NULL);
		if (null || (null = fopen("/dev/null", "w")))
			vt_json_print(null, j, VT_FORMAT_NDJSON);
		vt_json_free(j);
	}
	vt_result_release(&r);
	vt_snapshot_free(snap);
	return 0;
}
