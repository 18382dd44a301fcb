/* ClickHouse's JSONEachRow answer as fleet reads it, on any bytes: rows,
 * then the clusters and the text table of them (counts checked, not cast). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmtriage/fleet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vt_fleet_rows r;
	struct vt_error err;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0'; /* the client NUL-terminates every answer */
	if (vt_fleet_rows_parse(text, &r, &err) == VT_OK) {
		FILE *null = fopen("/dev/null", "w");
		struct vt_style st = { false, 80 };
		if (null) {
			vt_fleet_rows_text(null, &st, &r, &err);
			fclose(null);
		}
		vt_fleet_rows_release(&r);
	}
	free(text);
	return 0;
}
