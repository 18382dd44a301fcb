/* corpus add's crash reader and skeleton builder on any JSON text: a crash
 * record from outside (scan or bundles --json, hand-edited, hostile), read
 * as corpus add reads it (vt_crash_read, crash N of a document), turned into
 * a snapshot skeleton that must load (registers of any shape: segments as an
 * array crashed it). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "vmtriage/corpus.h"
#include "vmtriage/crash_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vt_crash *c = malloc(sizeof *c);
	struct vt_crash_rec *w = malloc(sizeof *w);
	if (!c || !w)
		goto out;
	for (size_t i = 0; i < 3; i++) {
		struct vt_skeleton sk;
		struct vt_error err;
		size_t count = 0;
		if (vt_crash_read("fuzz.json", (const char *)data, size, i, c, w, &count, &err) != VT_OK)
			break;
		if (vt_corpus_skeleton(c, "fuzz", &sk, &err) == VT_OK)
			vt_skeleton_release(&sk);
		if (i + 1 >= count)
			break;
	}
out:
	free(c);
	free(w);
	return 0;
}
