/* Byte-list and panic-line parser: any text, either radix. */
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/bytes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vt_exit_bytes eb;
	struct vt_error err;
	for (int r = VT_RADIX_AUTO; r <= VT_RADIX_HEX; r++)
		if (vt_bytes_parse((const char *)data, size, (enum vt_radix)r, &eb, &err) == VT_OK &&
		    eb.count > VT_INSN_MAX)
			__builtin_trap();
	return 0;
}
