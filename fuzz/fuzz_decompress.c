/* gzip/zstd/xz detection and streaming over any bytes, with an output bound. */
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/decompress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char out[4096];
	struct vt_error err;
	struct vt_mem_stream m = { data, size, 0 };
	struct vt_decompress *d = vt_decompress_new(vt_stream_mem(&m), 1u << 20, &err);
	if (!d)
		return 0;
	struct vt_stream st = vt_decompress_stream(d);
	uint64_t total = 0;
	ssize_t r;
	while ((r = st.read(st.ctx, out, sizeof out, &err)) > 0)
		total += (uint64_t)r;
	if (total > (1u << 20) + sizeof out)
		__builtin_trap();
	vt_decompress_free(d);
	return 0;
}
