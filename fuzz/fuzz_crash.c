/* The crash reader (merge's, fleet load's and corpus add's input) on any
 * bytes, unterminated: every crash of the document, and what it accepts
 * must be a usable record (bytes within the buffer, strings terminated). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vmtriage/crash_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vt_crash c;
	static struct vt_crash_rec w;
	struct vt_error err;
	char *text = malloc(size ? size : 1);
	size_t n = 0;
	if (!text)
		return 0;
	memcpy(text, data, size);
	for (size_t i = 0; i < 64; i++) {
		if (vt_crash_read("fuzz", text, size, i, &c, &w, &n, &err) == VT_OK &&
		    (c.ninst > VT_INSN_MAX || c.len > VT_INSN_MAX || !memchr(c.source, 0, sizeof c.source) ||
		     !memchr(w.signature, 0, sizeof w.signature) || !memchr(w.member, 0, sizeof w.member) || c.line == 0))
			__builtin_trap();
		if (i + 1 >= n)
			break;
	}
	free(text);
	return 0;
}
