/* Printed times normalised to RFC 3339 UTC, placed only from context. */
#include <string.h>

#include <criterion/criterion.h>

#include "vmtriage/timestamp.h"

static const char *fmt(const char *text, const struct vt_time_context *ctx)
{
	static char buf[VT_TIMESTAMP_TEXT_MAX];
	struct vt_timestamp t;
	if (!vt_timestamp_parse(text, strlen(text), ctx, &t))
		return "not a time";
	if (!t.known)
		return "unplaced";
	vt_timestamp_format(&t, buf, sizeof buf);
	return buf;
}

static struct vt_timestamp at(const char *rfc3339)
{
	struct vt_timestamp t;
	cr_assert(vt_timestamp_parse(rfc3339, strlen(rfc3339), NULL, &t) && t.known, "%s", rfc3339);
	return t;
}

Test(timestamp, rfc3339_keeps_its_fraction_digits_and_applies_offsets)
{
	cr_assert_str_eq(fmt("2024-10-22T18:41:28.637415212Z", NULL), "2024-10-22T18:41:28.637415212Z");
	cr_assert_str_eq(fmt("2024-10-22T18:41:28Z", NULL), "2024-10-22T18:41:28Z");
	cr_assert_str_eq(fmt("2024-10-22T18:41:28.5+02:00", NULL), "2024-10-22T16:41:28.5Z");
	cr_assert_str_eq(fmt("2024-12-31T23:30:00-01:00", NULL), "2025-01-01T00:30:00Z");
	cr_assert_str_eq(fmt("2024-10-22 18:41:28", NULL), "2024-10-22T18:41:28Z", "no zone: UTC");
}

Test(timestamp, garbage_is_not_a_time)
{
	cr_assert_str_eq(fmt("2024-13-01T00:00:00Z", NULL), "not a time");
	cr_assert_str_eq(fmt("2024-10-22T18:41", NULL), "not a time");
	cr_assert_str_eq(fmt("Foo 10 06:21:06", NULL), "not a time");
	cr_assert_str_eq(fmt("18:41:28.637Zjunk", NULL), "not a time");
	cr_assert_str_eq(fmt("", NULL), "not a time");
}

/* Issue 15: never a made-up year or date. */
Test(timestamp, no_year_or_date_and_no_context_is_unplaced)
{
	cr_assert_str_eq(fmt("Jan 10 06:21:06.283", NULL), "unplaced");
	cr_assert_str_eq(fmt("18:41:28.637Z", NULL), "unplaced");
	struct vt_time_context none = { 0 };
	cr_assert_str_eq(fmt("Nov  5 10:00:01", &none), "unplaced");
}

Test(timestamp, no_year_is_placed_after_the_logs_earlier_full_date)
{
	struct vt_time_context ctx = { .after = at("2024-12-30T23:00:00Z") };
	cr_assert_str_eq(fmt("Jan 10 06:21:06.283", &ctx), "2025-01-10T06:21:06.283Z", "the year rolls over");
	cr_assert_str_eq(fmt("Dec 31 01:02:03", &ctx), "2024-12-31T01:02:03Z");
	cr_assert_str_eq(fmt("Nov  5 10:00:01", &ctx), "2025-11-05T10:00:01Z", "Nov 5 before the date is next year's");
}

Test(timestamp, no_year_is_placed_before_a_bundles_creation)
{
	struct vt_time_context ctx = { .before = at("2025-01-02T00:00:00Z") };
	cr_assert_str_eq(fmt("Dec 31 23:59:59", &ctx), "2024-12-31T23:59:59Z");
	cr_assert_str_eq(fmt("Jan  1 12:00:00", &ctx), "2025-01-01T12:00:00Z");
}

Test(timestamp, no_date_is_the_first_such_time_after_or_the_last_before)
{
	struct vt_time_context after = { .after = at("2024-10-22T23:59:00Z") };
	cr_assert_str_eq(fmt("18:41:28.637Z", &after), "2024-10-23T18:41:28.637Z");
	cr_assert_str_eq(fmt("23:59:30Z", &after), "2024-10-22T23:59:30Z");
	struct vt_time_context before = { .before = at("2026-11-20T10:00:00Z") };
	cr_assert_str_eq(fmt("18:41:28.637Z", &before), "2026-11-19T18:41:28.637Z");
	cr_assert_str_eq(fmt("09:59:59Z", &before), "2026-11-20T09:59:59Z");
	struct vt_time_context both = { .after = at("2024-10-22T00:00:00Z"), .before = at("2026-11-20T10:00:00Z") };
	cr_assert_str_eq(fmt("18:41:28Z", &both), "2024-10-22T18:41:28Z", "the same log's date wins");
}

Test(timestamp, bounds_a_bare_date_is_utc_and_until_takes_the_whole_day)
{
	struct vt_timestamp since, until, t = at("2026-11-19T23:59:59.999Z");
	cr_assert(vt_timestamp_bound("2026-11-19", false, &since));
	cr_assert(vt_timestamp_bound("2026-11-19", true, &until));
	cr_assert_eq(since.sec, at("2026-11-19T00:00:00Z").sec);
	cr_assert_leq(vt_timestamp_cmp(&t, &until), 0, "the day's last millisecond is in");
	cr_assert_geq(vt_timestamp_cmp(&t, &since), 0);
	cr_assert(vt_timestamp_bound("2026-11-19T12:00:00+01:00", true, &until));
	cr_assert_eq(until.sec, at("2026-11-19T11:00:00Z").sec, "a full time is taken as given");
	cr_assert_not(vt_timestamp_bound("Nov 19", false, &since), "a bound needs its date");
	cr_assert_not(vt_timestamp_bound("yesterday", false, &since));
}
