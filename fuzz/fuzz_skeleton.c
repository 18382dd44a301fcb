/* corpus add's crash reader and skeleton builder on any JSON text: a crash
 * record from outside (scan or bundles --json, hand-edited, hostile), picked
 * as corpus add picks it, turned into a snapshot skeleton that must load
 * (registers of any shape: segments as an array crashed it). */
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "vmtriage/corpus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cJSON *doc = cJSON_ParseWithLength((const char *)data, size);
	if (!doc)
		return 0;
	for (size_t i = 0; i < 3; i++) {
		const cJSON *crash;
		struct vt_skeleton sk;
		struct vt_error err;
		if (vt_corpus_pick_crash(doc, i, &crash, &err) != VT_OK)
			break;
		if (vt_corpus_skeleton(crash, "fuzz", &sk, &err) == VT_OK)
			vt_skeleton_free(&sk);
	}
	cJSON_Delete(doc);
	return 0;
}
