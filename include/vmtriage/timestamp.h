/* Times as logs print them, normalised to one instant (RFC 3339, UTC).
 * Logs print full RFC 3339 times (bunyan, slog with a date), times with
 * no year ("Jan 10 06:21:06.283": slog-term, SMF) and times with no date
 * ("18:41:28.637Z": slog-term's compact form). The last two are placed
 * only from a context that gives the missing part, never guessed. */
#ifndef VMTRIAGE_TIMESTAMP_H
#define VMTRIAGE_TIMESTAMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vt_timestamp {
	int64_t sec;        /* seconds since 1970-01-01T00:00:00Z */
	uint32_t nsec;
	int digits;         /* fraction digits the text printed (0-9) */
	bool known;         /* false: no time, or one that could not be placed */
};

/* What places a time printed without its year or date. */
struct vt_time_context {
	struct vt_timestamp after;   /* the last full time printed before it in the same log */
	struct vt_timestamp before;  /* an instant it is at or before (a zone bundle's creation) */
};

/* RFC3339 with nine fraction digits, plus "Z" */
#define VT_TIMESTAMP_TEXT_MAX 40

/* Parse a printed time: RFC 3339 (a zone offset is applied; none means
 * UTC), "Mon DD HH:MM:SS[.f]" or "HH:MM:SS[.f]Z". A time with no year or
 * date is placed with ctx (after preferred; NULL or nothing known: not
 * placed). Returns whether the text is a time at all; out->known says
 * whether it was placed. */
bool vt_timestamp_parse(const char *text, size_t n, const struct vt_time_context *ctx,
			struct vt_timestamp *out);
/* "2024-10-22T18:41:28.637415212Z", as many fraction digits as parsed. */
void vt_timestamp_format(const struct vt_timestamp *t, char *buf, size_t size);
/* A --since/--until bound: RFC 3339 (full) or YYYY-MM-DD, a bare date in
 * UTC and, when end_of_day, meaning its last instant. false: neither. */
bool vt_timestamp_bound(const char *arg, bool end_of_day, struct vt_timestamp *out);
/* <0, 0, >0 as a is before, at or after b (both known). */
int vt_timestamp_cmp(const struct vt_timestamp *a, const struct vt_timestamp *b);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t vt_days_from_civil(int64_t y, unsigned m, unsigned d);
void vt_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);

#endif
