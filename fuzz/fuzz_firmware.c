/* Firmware image parsing (volumes, FFS, sections, LZMA, PE/TE, sweep) and
 * both renderings on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vmtriage/firmware_report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A small decompression budget keeps each run within libFuzzer's RSS limit. */
	struct vt_fw_opts opts = { .context = 2, .unreached = true, .inflate_budget = 16u << 20 };
	struct vt_fw_render how = { .list = true };
	struct vt_fw_report rep = { .nsites = 0 };
	FILE *null = fopen("/dev/null", "w");
	if (null && vt_firmware_scan(data, size, "fuzz.fd", &opts, &rep, NULL) == VT_OK) {
		vt_firmware_report_text(null, NULL, &how, &rep);
		struct vt_json *j = vt_firmware_report_json(&rep, NULL);
		vt_json_print(null, j, VT_FORMAT_NDJSON);
		vt_json_free(j);
	}
	vt_fw_report_release(&rep);
	if (null)
		fclose(null);
	return 0;
}
