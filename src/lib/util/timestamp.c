/* Printed times to instants, without timegm() (not POSIX) or locales. */
#include "vmtriage/timestamp.h"

#include <stdio.h>
#include <string.h>

#define DAY 86400

/* Howard Hinnant's algorithms. */
int64_t vt_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void vt_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int64_t floor_day(int64_t sec)
{
	return (sec >= 0 ? sec / DAY : (sec - DAY + 1) / DAY) * DAY;
}

/* A cursor over the text. */
struct cur {
	const char *p, *end;
};

static bool num(struct cur *c, int n, int *out)
{
	int v = 0;
	if (c->end - c->p < n)
		return false;
	for (int i = 0; i < n; i++) {
		if (c->p[i] < '0' || c->p[i] > '9')
			return false;
		v = v * 10 + (c->p[i] - '0');
	}
	c->p += n;
	*out = v;
	return true;
}

static bool lit(struct cur *c, char ch)
{
	if (c->p < c->end && *c->p == ch) {
		c->p++;
		return true;
	}
	return false;
}

/* HH:MM:SS[.fraction] into seconds of the day, nsec, digits. */
static bool clock(struct cur *c, int64_t *tod, struct vt_timestamp *t)
{
	int h, mi, s;
	if (!num(c, 2, &h) || !lit(c, ':') || !num(c, 2, &mi) || !lit(c, ':') || !num(c, 2, &s) ||
	    h > 23 || mi > 59 || s > 60)
		return false;
	*tod = h * 3600 + mi * 60 + s;
	t->nsec = 0;
	t->digits = 0;
	if (lit(c, '.')) {
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
			if (t->digits < 9) {
				t->nsec = t->nsec * 10 + (uint32_t)(*c->p - '0');
				t->digits++;
			}
			c->p++;
		}
		if (!t->digits)
			return false;
		for (int i = t->digits; i < 9; i++)
			t->nsec *= 10;
	}
	return true;
}

/* "Z", "+HH:MM", "-HH:MM" or nothing (UTC): the offset in seconds. */
static bool zone(struct cur *c, int64_t *offset)
{
	int oh, om;
	*offset = 0;
	if (lit(c, 'Z') || lit(c, 'z'))
		return true;
	if (c->p < c->end && (*c->p == '+' || *c->p == '-')) {
		int sign = *c->p++ == '+' ? 1 : -1;
		if (!num(c, 2, &oh) || !lit(c, ':') || !num(c, 2, &om) || oh > 23 || om > 59)
			return false;
		*offset = sign * (int64_t)(oh * 3600 + om * 60);
	}
	return true;
}

static bool date(struct cur *c, int *y, int *mo, int *d)
{
	return num(c, 4, y) && lit(c, '-') && num(c, 2, mo) && lit(c, '-') && num(c, 2, d) && *mo >= 1 &&
	       *mo <= 12 && *d >= 1 && *d <= 31;
}

static int month_of(struct cur *c)
{
	static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	if (c->end - c->p < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if (memcmp(c->p, names + 3 * i, 3) == 0) {
			c->p += 3;
			return i + 1;
		}
	return 0;
}

/* The candidate of `year` nearest after ctx->after, else nearest before
 * ctx->before (a day's slack either way for clocks and zones). */
static bool place_year(int mo, int d, int64_t tod, const struct vt_time_context *ctx, int64_t *out)
{
	const struct vt_timestamp *ref = ctx && ctx->after.known ? &ctx->after
				       : ctx && ctx->before.known ? &ctx->before : NULL;
	int64_t y;
	unsigned m, dd;
	if (!ref)
		return false;
	vt_civil_from_days(floor_day(ref->sec) / DAY, &y, &m, &dd);
	for (int64_t k = -1; k <= 1; k++) {
		int64_t yy = ref == &ctx->after ? y + k : y - k;
		int64_t t = vt_days_from_civil(yy, (unsigned)mo, (unsigned)d) * DAY + tod;
		if (ref == &ctx->after ? t >= ref->sec - DAY : t <= ref->sec + DAY) {
			*out = t;
			return true;
		}
	}
	return false;
}

/* The first such time of day at or after ctx->after, else the last at or
 * before ctx->before. */
static bool place_date(int64_t tod, const struct vt_time_context *ctx, int64_t *out)
{
	if (ctx && ctx->after.known) {
		*out = floor_day(ctx->after.sec) + tod;
		if (*out < ctx->after.sec)
			*out += DAY;
		return true;
	}
	if (ctx && ctx->before.known) {
		*out = floor_day(ctx->before.sec) + tod;
		if (*out > ctx->before.sec)
			*out -= DAY;
		return true;
	}
	return false;
}

bool vt_timestamp_parse(const char *text, size_t n, const struct vt_time_context *ctx,
			struct vt_timestamp *out)
{
	struct cur c = { text, text + n };
	int64_t tod, offset;
	int y, mo, d;

	memset(out, 0, sizeof *out);
	if (date(&c, &y, &mo, &d)) {
		if (!(lit(&c, 'T') || lit(&c, 't') || lit(&c, ' ')) || !clock(&c, &tod, out) ||
		    !zone(&c, &offset) || c.p != c.end)
			return false;
		out->sec = vt_days_from_civil(y, (unsigned)mo, (unsigned)d) * DAY + tod - offset;
		out->known = true;
		return true;
	}
	c.p = text;
	if ((mo = month_of(&c)) != 0) {
		/* "Jan 10", "Nov  5" */
		if (!lit(&c, ' '))
			return false;
		if (lit(&c, ' ') ? !num(&c, 1, &d) : !num(&c, 2, &d) && !num(&c, 1, &d))
			return false;
		if (d < 1 || d > 31 || !lit(&c, ' ') || !clock(&c, &tod, out) || c.p != c.end)
			return false;
		out->known = place_year(mo, d, tod, ctx, &out->sec);
		return true;
	}
	c.p = text;
	if (!clock(&c, &tod, out) || !zone(&c, &offset) || c.p != c.end || offset)
		return false;
	out->known = place_date(tod, ctx, &out->sec);
	return true;
}

void vt_timestamp_format(const struct vt_timestamp *t, char *buf, size_t size)
{
	int64_t day = floor_day(t->sec), secs = t->sec - day, y;
	unsigned m, d;
	char frac[12] = "";
	vt_civil_from_days(day / DAY, &y, &m, &d);
	if (t->digits > 0) {
		uint32_t v = t->nsec;
		for (int i = t->digits; i < 9; i++)
			v /= 10;
		snprintf(frac, sizeof frac, ".%0*u", t->digits, (unsigned)v);
	}
	snprintf(buf, size, "%04lld-%02u-%02uT%02d:%02d:%02d%sZ", (long long)y, m, d, (int)(secs / 3600),
		 (int)(secs / 60 % 60), (int)(secs % 60), frac);
}

bool vt_timestamp_bound(const char *arg, bool end_of_day, struct vt_timestamp *out)
{
	struct cur c = { arg, arg + strlen(arg) };
	int y, mo, d;
	if (date(&c, &y, &mo, &d) && c.p == c.end) {
		memset(out, 0, sizeof *out);
		out->sec = vt_days_from_civil(y, (unsigned)mo, (unsigned)d) * DAY;
		if (end_of_day) {
			out->sec += DAY - 1;
			out->nsec = 999999999;
			out->digits = 9;
		}
		out->known = true;
		return true;
	}
	return vt_timestamp_parse(arg, strlen(arg), NULL, out) && out->known;
}

int vt_timestamp_cmp(const struct vt_timestamp *a, const struct vt_timestamp *b)
{
	if (a->sec != b->sec)
		return a->sec < b->sec ? -1 : 1;
	return a->nsec < b->nsec ? -1 : a->nsec > b->nsec;
}
