/* Trace reader (NDJSON io lines, then regs_after/memory_writes). */
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vt_mem_stream ms = { data, size, 0 };
	struct vt_result r;
	struct vt_error err;

	vt_result_init(&r);
	vt_trace_read(vt_stream_mem(&ms), "fuzz.ndjson", &r, &err);
	vt_result_free(&r);
	return 0;
}
