/* The bunyan record and vcpu_state parsers: one line of any bytes as a
 * PR #795 JSON record (msg, vcpu, inst bytes, the vcpu_state register dump),
 * the same text as a vcpu_state register dump on its own, and as a panic
 * message. Internal entry points (scan_int.h), so cJSON's rejections do not
 * hide the field parsers behind them from the fuzzer. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan/scan_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_crash(void *ctx, const struct vt_crash *c)
{
	(void)ctx;
	/* A record's bytes never exceed the instruction buffer. */
	if (c->ninst > VT_INSN_MAX || c->nextra > 16)
		__builtin_trap();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vt_scanner *s;
	struct vt_error err;

	if (!s) {
		struct vt_scan_opts o = { .all_panics = true, .on_crash = on_crash };
		if (!(s = vt_scan_new(NULL, &o, &err)))
			__builtin_trap();
	}
	/* Copy without a terminator so reads past the end are caught by ASan. */
	char *line = malloc(size ? size : 1);
	if (!line)
		return 0;
	memcpy(line, data, size);

	vt_scan_begin(s, "fuzz.log");
	/* The #795 record row's JSON hook, as dispatch calls it. */
	for (size_t f = 0; f < scan_nformats; f++)
		if (scan_formats[f] == &scan_fmt_record)
			scan_fmt_record.json(s, s->state[f], line, size);
	vt_scan_end(s);

	struct vt_regs regs;
	memset(&regs, 0, sizeof regs);
	scan_regs_text(line, size, &regs);
	scan_regs_line(line, size, &regs);

	struct vt_crash *c = malloc(sizeof *c);
	if (c) {
		vt_crash_init(c);
		scan_parse_message(line, size, c);
		free(c);
	}
	free(line);
	return 0;
}
