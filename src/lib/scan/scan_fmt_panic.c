/* propolis panics: "thread 'vcpu-N' panicked at ..." with the message on
 * the same line (rustc < 1.73, quoted) or the next lines (rustc >= 1.73),
 * and a bare "vCPU N: Unhandled VM exit: ..." message without its header. */
#include <string.h>

#include "scan/scan_int.h"

static const struct scan_keyword keywords[] = {
	{ "Unhandled VM exit", 0, NULL, false }, { "Unhandled vCPU error", 0, NULL, false }, { "' panicked at", 0, NULL, false },
};

enum { RE_HEAD, RE_BARE, RE_COUNT };
static const char *const regexes[RE_COUNT] = {
	[RE_HEAD] = "thread '([^']{0,64})' panicked at (.*)$",   /* thread 'NAME' panicked at REST */
	[RE_BARE] = "^\\s*vCPU (\\d+): Unhandled (?:VM exit|vCPU error):", /* at the line's start */
};

static void thread_vcpu(const char *p, size_t n, struct vt_crash *c)
{
	uint64_t v;
	if (n > 5 && memcmp(p, "vcpu-", 5) == 0 && util_parse_u64(p + 5, n - 5, 10, &v, NULL) && v < 65536)
		c->vcpu = (int)v;
}

static bool panic_head(struct vt_scanner *s, struct collector *col, const char *line, size_t len)
{
	struct scan_match m;
	const char *p;
	size_t n;
	if (!scan_match(s, &scan_fmt_panic, RE_HEAD, line, len, &m))
		return false;
	struct vt_crash *c = scan_crash_new(s);
	if (!c)
		return true;
	c->origin = VT_ORIGIN_PANIC;
	c->hypervisor = VT_HV_PROPOLIS;
	scan_excerpt_add(c->excerpt, sizeof c->excerpt, line, len);
	scan_cap(&m, 1, &p, &n);
	thread_vcpu(p, n, c);
	scan_cap(&m, 2, &p, &n);
	scan_collect_begin(s, col, COLLECT_PANIC, c);
	if (n && p[0] == '\'') {
		c->dialect = VT_DIALECT_RUST_OLD;
		scan_collect_old_first(s, col, p + 1, n - 1);
	} else {
		c->dialect = VT_DIALECT_RUST_NEW;
	}
	return true;
}

/* "vCPU N: Unhandled ..." at the start of a line, no panic header. */
static bool bare_message(struct vt_scanner *s, struct collector *col, const char *line, size_t len)
{
	struct scan_match m;
	if (!scan_match(s, &scan_fmt_panic, RE_BARE, line, len, &m))
		return false;
	struct vt_crash *c = scan_crash_new(s);
	if (!c)
		return true;
	size_t at = m.ov[0];
	c->origin = VT_ORIGIN_PANIC;
	c->hypervisor = VT_HV_PROPOLIS;
	c->dialect = VT_DIALECT_BARE;
	scan_collect_line(s, col, COLLECT_BARE, c, line, at, len);
	return true;
}

static bool start(struct vt_scanner *s, void *st, const char *line, size_t len)
{
	return panic_head(s, st, line, len) || bare_message(s, st, line, len);
}

const struct scan_format scan_fmt_panic = {
	.name = "propolis-panic",
	.state_size = sizeof(struct collector),
	.keywords = keywords,
	.nkeywords = sizeof keywords / sizeof keywords[0],
	.collect = scan_collect_message,
	.start = start,
	.busy = scan_collect_busy,
	.flush = scan_collect_flush,
	.drop = scan_collect_drop,
	.regexes = regexes,
	.nregexes = RE_COUNT,
};
