/* propolis-standalone: "Unhandled exit @rip:HEX <VmExitKind Debug>" on a
 * slog-term line (its todo!() panic follows and merges with it). */
#include "scan/scan_int.h"

static bool unhandled_exit(const char *lo, const char *p, const char *end)
{
	(void)lo;
	return scan_at(p, end, "Unhandled exit @rip");
}

static const struct scan_keyword keywords[] = { { 'U', unhandled_exit } };

static bool start(struct vt_scanner *s, void *st, const char *line, size_t len)
{
	struct collector *col = st;
	struct scan_match m;
	if (!scan_match(s, RE_STANDALONE, line, len, &m))
		return false;
	struct vt_crash *c = scan_crash_new(s);
	if (!c)
		return true;
	size_t at = m.ov[0];
	c->origin = VT_ORIGIN_STANDALONE;
	c->hypervisor = VT_HV_PROPOLIS_STANDALONE;
	c->form = VT_CFORM_NONE;
	scan_own_time(s, line, len, c);
	scan_excerpt_add(c->excerpt, sizeof c->excerpt, line, len);
	scan_collect_begin(s, col, COLLECT_STANDALONE, c);
	scan_collect_add(col, line + at, len - at);
	if (col->depth <= 0)
		scan_collect_finish(s, col, false);
	return true;
}

static bool collect(struct vt_scanner *s, void *st, const char *line, size_t len)
{
	return scan_collect_message(s, st, line, len);
}

const struct scan_format scan_fmt_standalone = {
	.name = "propolis-standalone",
	.state_size = sizeof(struct collector),
	.keywords = keywords,
	.nkeywords = sizeof keywords / sizeof keywords[0],
	.collect = collect,
	.start = start,
	.busy = scan_collect_busy,
	.flush = scan_collect_flush,
	.drop = scan_collect_drop,
};
