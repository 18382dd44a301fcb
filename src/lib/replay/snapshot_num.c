/* Numbers in a snapshot: "0x..." or decimal strings, or small JSON
 * integers. Below snapshot.c and snapshot_mem.c, which both read them. */
#include <stdio.h>

#include <cjson/cJSON.h>

#include "replay/snapshot_int.h"

int vt_snapshot_number(const char *text, uint64_t *out)
{
	const char *p = text;
	unsigned base = 10;
	uint64_t v = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (!*p)
		return -1;
	for (; *p; p++) {
		unsigned d;
		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			return -1;
		if (v > (UINT64_MAX - d) / base)
			return -2;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

int snap_num(const cJSON *item, const char *path, uint64_t *out, struct vt_error *err)
{
	if (cJSON_IsString(item)) {
		int r = vt_snapshot_number(item->valuestring, out);
		if (r == -2)
			return vt_error_set(err, VT_ERR_INPUT, "%s: \"%s\" does not fit in 64 bits", path,
					    item->valuestring);
		if (r)
			return vt_error_set(err, VT_ERR_INPUT, "%s: \"%s\" is not a number", path,
					    item->valuestring);
		return VT_OK;
	}
	if (cJSON_IsNumber(item)) {
		double d = item->valuedouble;
		/* JSON numbers are doubles: only exact small integers are safe. */
		if (d < 0 || d > 9007199254740992.0 || d != (double)(uint64_t)d)
			return vt_error_set(err, VT_ERR_INPUT,
					    "%s: %g is not a non-negative integer below 2^53 (write 64-bit values as \"0x...\")",
					    path, d);
		*out = (uint64_t)d;
		return VT_OK;
	}
	return vt_error_set(err, VT_ERR_INPUT, "%s: expected a number (\"0x...\", decimal string or integer)", path);
}
