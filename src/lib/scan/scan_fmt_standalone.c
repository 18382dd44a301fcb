/* propolis-standalone: "Unhandled exit @rip:HEX <VmExitKind Debug>" on a
 * slog-term line (its todo!() panic follows and pairs with it). */
#include "scan/scan_int.h"

static const struct scan_keyword keywords[] = { { "Unhandled exit @rip", 0, NULL, false } };

enum { RE_EXIT, RE_COUNT };
static const char *const regexes[RE_COUNT] = { [RE_EXIT] = "Unhandled exit @rip:([0-9a-fA-F]+) (.*)$" };

static bool start(struct vt_scanner *s, void *st, const char *line, size_t len)
{
	struct collector *col = st;
	struct scan_match m;
	if (!scan_match(s, &scan_fmt_standalone, RE_EXIT, line, len, &m))
		return false;
	struct vt_crash *c = scan_crash_new(s);
	if (!c)
		return true;
	size_t at = m.ov[0];
	c->origin = VT_ORIGIN_STANDALONE;
	c->hypervisor = VT_HV_PROPOLIS_STANDALONE;
	c->dialect = VT_DIALECT_NONE;
	scan_own_time(s, line, len, c);
	scan_collect_line(s, col, COLLECT_STANDALONE, c, line, at, len);
	return true;
}

const struct scan_format scan_fmt_standalone = {
	.name = "propolis-standalone",
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
