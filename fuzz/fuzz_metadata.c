/* The metadata.toml reader (the TOML subset sled-agent writes) on any
 * bytes, unterminated; what it accepts must fit its fixed fields. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vmtriage/bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vt_bundle_meta m;
	struct vt_error err;
	char *text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	if (vt_bundle_meta_parse(text, size, &m, &err) == VT_OK) {
		if (!memchr(m.zone, 0, sizeof m.zone) || !memchr(m.bundle_id, 0, sizeof m.bundle_id) ||
		    !memchr(m.time_created, 0, sizeof m.time_created) || !memchr(m.cause, 0, sizeof m.cause))
			__builtin_trap();
		int64_t t;
		vt_bundle_time_parse(m.time_created, &t);
		vt_bundle_cause_known(m.cause);
	}
	free(text);
	return 0;
}
