/* Decode + classify + both renderings on arbitrary instruction bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vmtriage/decode_report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct vt_decoder *decoder;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned modes[] = { 16, 32, 64 };
	struct vt_decode_report rep;
	struct vt_decode_opts opts = { 0 };
	FILE *null = fopen("/dev/null", "w");
	if (!decoder)
		decoder = vt_decoder_new(NULL);
	if (!decoder || !null || size < 1)
		goto out;
	opts.mode = modes[data[0] % 3];
	/* The rest, as text: exercises parse, decode, classify and render together. */
	if (vt_decode_report_build(decoder, (const char *)data + 1, size - 1, &opts, &rep, NULL) == VT_OK) {
		struct vt_jw w;
		vt_decode_report_text(null, NULL, &rep, true);
		vt_jw_init(&w, null, false);
		vt_decode_report_write_json(&w, &rep, NULL);
		vt_jw_end_document(&w);
	}
out:
	if (null)
		fclose(null);
	return 0;
}
