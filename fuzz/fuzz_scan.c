/* The log-line scanner over a whole stream: any bytes as one log, read
 * through the bounded line reader with a small max_line so cut lines, CRLF,
 * NULs and unterminated records are all reachable in a short input. Every
 * crash record is rendered, so the fields the scanner filled are read too. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vmtriage/crash_report.h"
#include "vmtriage/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_crash(void *ctx, const struct vt_crash *c)
{
	struct vt_json *j = vt_crash_json(c, NULL);
	vt_json_print(ctx, j, VT_FORMAT_NDJSON);
	vt_json_free(j);
	return 0;
}

static void on_warn(void *ctx, const char *source, uint64_t line, const char *msg)
{
	fprintf(ctx, "%s:%llu: %s\n", source, (unsigned long long)line, msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vt_scan_patterns *pat;
	static FILE *null;
	struct vt_error err;

	if (!pat && !(pat = vt_scan_patterns_new(&err)))
		__builtin_trap();
	if (!null && !(null = fopen("/dev/null", "w")))
		return 0;
	/* The first byte picks the line cap (64 B .. 16 KiB) and --all-panics. */
	size_t max_line = 1024;
	bool all = false;
	if (size > 0) {
		max_line = 64u << (data[0] & 7);
		all = data[0] & 0x80;
		data++, size--;
	}
	struct vt_scan_opts o = { .all_panics = all, .max_line = max_line, .on_crash = on_crash,
				  .on_warn = on_warn, .ctx = null };
	struct vt_scanner *s = vt_scan_new(pat, &o, &err);
	if (!s)
		return 0;
	struct vt_mem_stream m = { .data = data, .size = size };
	if (vt_scan_stream(s, "fuzz.log", vt_stream_mem(&m), &err) < 0)
		__builtin_trap(); /* a memory stream never fails to read */
	vt_scan_free(s);
	return 0;
}
