/* The crash scanner over any bytes: every line form, a small max_line so
 * cut lines are exercised, other panics reported too. Checks that each
 * reported crash is self-consistent. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vmtriage/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int check(void *ctx, const struct vt_crash *c)
{
	(void)ctx;
	if (c->ninst > VT_INSN_MAX || c->line == 0 || c->end_line < c->line || c->nextra > 16 ||
	    memchr(c->excerpt, '\0', sizeof c->excerpt) == NULL || (unsigned)c->kind >= VT_KIND_COUNT)
		__builtin_trap();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vt_scanner *s;
	struct vt_error err;
	if (!s) {
		struct vt_scan_opts o = { .all_panics = true, .max_line = 256, .on_crash = check };
		if (!(s = vt_scan_new(NULL, &o, &err)))
			__builtin_trap();
	}
	struct vt_mem_stream m = { data, size, 0 };
	if (vt_scan_stream(s, "fuzz", vt_stream_mem(&m), &err) != 0)
		__builtin_trap(); /* a memory stream never fails, the callback never stops */
	return 0;
}
