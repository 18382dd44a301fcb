/* The QEMU/KVM register-dump parser: "KVM internal error. Suberror",
 * "emulation failure", RAX=/EAX= blocks, segment lines and Code=, fed line
 * by line through the scanner's QEMU path (scan_int.h) and then the whole
 * input through the public line API, so header/dump pairing across lines
 * and the fixed tables of open dumps (QEMU_MAX) are exercised. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan/scan_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_crash(void *ctx, const struct vt_crash *c)
{
	(void)ctx;
	if (c->ninst > VT_INSN_MAX || c->nextra > 16)
		__builtin_trap();
	return 0;
}

static void each_line(struct vt_scanner *s, const char *buf, size_t size, int how)
{
	const char *p = buf, *end = buf + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		/* Each line in its own allocation: ASan sees any read past it. */
		char *line = malloc(n ? n : 1);
		if (!line)
			return;
		memcpy(line, p, n);
		if (how == 0) {
			/* The QEMU row's hooks, as dispatch calls them. */
			s->lineno++;
			for (size_t f = 0; f < scan_nformats; f++)
				if (scan_formats[f] == &scan_fmt_qemu && !scan_fmt_qemu.follow(s, s->state[f], line, n))
					scan_fmt_qemu.start(s, s->state[f], line, n);
		} else {
			vt_scan_line(s, line, n);
		}
		free(line);
		p += n + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vt_scanner *s;
	struct vt_error err;

	if (!s) {
		struct vt_scan_opts o = { .on_crash = on_crash };
		if (!(s = vt_scan_new(NULL, &o, &err)))
			__builtin_trap();
	}
	for (int how = 0; how < 2; how++) {
		vt_scan_begin(s, "qemu.log");
		each_line(s, (const char *)data, size, how);
		vt_scan_end(s);
	}
	return 0;
}
