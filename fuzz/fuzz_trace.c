/* The trace reader (replay --trace output, corpus reference traces) on any
 * bytes; what it reads is compared with itself and written back out. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vmtriage/replay.h"
#include "vmtriage/replay_report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct vt_mem_stream m = { .data = data, .size = size };
	struct vt_result r;
	struct vt_error err;

	if (!null && !(null = fopen("/dev/null", "w")))
		return 0;
	vt_result_init(&r);
	if (vt_trace_read(vt_stream_mem(&m), "fuzz.trace", &r, &err) == VT_OK) {
		vt_trace_write(null, &r);
		struct vt_json *j = vt_result_json(&r, "fuzz", NULL);
		vt_json_print(null, j, VT_FORMAT_NDJSON);
		vt_json_free(j);
	}
	vt_result_release(&r);
	return 0;
}
