/* Feeding a stream to the scanner, grep-fast: while nothing is open, whole
 * runs of lines without a keyword are skipped after one memchr pass per
 * anchor byte and a newline walk; only lines with a keyword (and the
 * lines of a message or report they open) go through vt_scan_line().
 * Memory is bounded by max_line: a longer line is cut, with a warning. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/scan_int.h"

#define READ_SIZE (64u * 1024u) /* what fits in L2; larger reads ran slower */
#define TIME_LOOKBACK 64        /* lines searched back for the last timestamp */
#define PAGE 4096u

struct reader {
	struct vt_stream in;
	char *buf;
	size_t cap, max;            /* max = max_line + 1 (a line and its newline) */
	size_t start, end;          /* unread bytes */
	bool eof;
	bool skip_rest;             /* discarding the tail of a cut line */
};

/* The last timestamp in p[0..n) (complete lines), and the last one with
 * its date (it places later times printed without one), looking back a
 * little. */
static void note_last_time(struct vt_scanner *s, const char *p, size_t n)
{
	const char *end = p + n;
	bool have = false;
	for (int i = 0; i < TIME_LOOKBACK && end > p; i++) {
		const char *e = end - 1; /* the '\n' of this line */
		const char *b = e;
		while (b > p && b[-1] != '\n')
			b--;
		if (!have)
			have = scan_note_time(s, b, (size_t)(e - b));
		if (scan_note_full_time(s, b, (size_t)(e - b)))
			return;
		end = b;
	}
}

static bool smf_start_line(const char *p, size_t n)
{
	return n > 2 && p[0] == '[' && p[1] == ' ' && util_memfind(p, n, "Executing start method");
}

/* Lines p[0..n) hold no keyword: count them by walking newline to newline
 * (memchr: fewer instructions than a byte count for log-length lines) and
 * look at each line's first byte on the way, for SMF's "[ ... Executing
 * start method" (a restart); then keep the last timestamp. */
static void skip(struct vt_scanner *s, const char *p, size_t n)
{
	const char *end = p + n, *from = p;
	uint64_t lines = 0;
	if (!n)
		return;
	for (const char *q = p; q < end;) {
		const char *nl = memchr(q, '\n', (size_t)(end - q));
		if (*q == '[' && smf_start_line(q, (size_t)(nl - q))) {
			scan_skip(s, lines, (uint64_t)(q - from));
			lines = 0;
			vt_scan_line(s, q, (size_t)(nl - q));
			from = nl + 1;
		} else {
			lines++;
		}
		q = nl + 1;
	}
	scan_skip(s, lines, (uint64_t)(end - from));
	note_last_time(s, p, n);
}

/* The line before ls when it is in the buffer (from lo on), for a format
 * that rejoins a line a mail client wrapped; NULL otherwise. */
static void note_prev(struct vt_scanner *s, const char *lo, const char *ls)
{
	const char *b = ls > lo ? ls - 1 : NULL;
	s->prev = NULL;
	s->prev_len = 0;
	if (!b)
		return;
	while (b > lo && b[-1] != '\n')
		b--;
	s->prev = b;
	s->prev_len = (size_t)(ls - 1 - b);
}

/* Complete lines p[0..n) (n > 0, p[n-1] == '\n'). */
static void region(struct vt_scanner *s, const char *p, size_t n)
{
	const char *end = p + n, *lo = p;
	while (p < end && !s->stop) {
		const char *ls = p;
		if (scan_idle(s)) {
			const char *hit = scan_prefilter(s, p, (size_t)(end - p));
			if (!hit) {
				skip(s, p, (size_t)(end - p));
				return;
			}
			ls = hit;
			while (ls > p && ls[-1] != '\n')
				ls--;
			skip(s, p, (size_t)(ls - p));
		}
		const char *nl = memchr(ls, '\n', (size_t)(end - ls));
		note_prev(s, lo, ls);
		vt_scan_line(s, ls, (size_t)(nl - ls));
		s->prev = NULL;
		p = nl + 1;
	}
}

/* Keep the unread tail just below a page boundary so that every read lands
 * page-aligned, as grep does: the kernel copies into misaligned buffers at
 * a third of the speed. */
static void compact(struct reader *r)
{
	size_t left = r->end - r->start;
	size_t dst = (left + PAGE - 1) / PAGE * PAGE - left;
	if (dst != r->start)
		memmove(r->buf + dst, r->buf + r->start, left);
	r->start = dst;
	r->end = dst + left;
}

static int grow(struct reader *r, struct vt_error *err)
{
	size_t cap = r->cap * 2 < r->max + PAGE ? r->cap * 2 : r->max + PAGE;
	char *nb;
	if (posix_memalign((void **)&nb, PAGE, cap) != 0)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	memcpy(nb, r->buf, r->end);
	free(r->buf);
	r->buf = nb;
	r->cap = cap;
	return 0;
}

static int fill(struct reader *r, struct vt_error *err)
{
	compact(r);
	if (r->end == r->cap && r->end - r->start < r->max && grow(r, err) != 0)
		return VT_ERR_NOMEM;
	size_t want = r->cap - r->end < READ_SIZE ? r->cap - r->end : READ_SIZE;
	ssize_t got = r->in.read(r->in.ctx, r->buf + r->end, want, err);
	if (got < 0)
		return err->status ? err->status : VT_ERR_IO;
	if (got == 0)
		r->eof = true;
	r->end += (size_t)got;
	return 0;
}

static const char *last_newline(const char *p, size_t n)
{
	while (n--)
		if (p[n] == '\n')
			return p + n;
	return NULL;
}

/* A line with no newline within max_line bytes: report its first max_line
 * bytes as a line, then drop the rest up to the next newline. */
static void cut_line(struct vt_scanner *s, struct reader *r)
{
	char msg[96];
	size_t n = r->max - 1;
	snprintf(msg, sizeof msg, "line longer than %zu bytes: cut", n);
	s->lineno++;
	scan_warn(s, msg);
	s->lineno--;
	s->stats.cut_lines++;
	vt_scan_line(s, r->buf + r->start, n);
	r->start += n;
	r->skip_rest = true;
}

/* Bytes of a cut line's tail: drop them up to and with its newline. */
static void drop_tail(struct vt_scanner *s, struct reader *r)
{
	const char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
	size_t n = nl ? (size_t)(nl - (r->buf + r->start)) + 1 : r->end - r->start;
	s->stats.bytes += n;
	r->start += n;
	r->skip_rest = !nl;
}

static int pump(struct vt_scanner *s, struct reader *r, struct vt_error *err)
{
	int rc;
	while (!s->stop) {
		if (r->skip_rest)
			drop_tail(s, r);
		/* Look no further than max_line ahead: a complete line found is never too long. */
		size_t avail = r->end - r->start, win = avail < r->max ? avail : r->max;
		const char *nl = r->skip_rest ? NULL : last_newline(r->buf + r->start, win);
		if (nl) {
			size_t n = (size_t)(nl - (r->buf + r->start)) + 1;
			region(s, r->buf + r->start, n);
			r->start += n;
		} else if (!r->skip_rest && avail >= r->max) {
			cut_line(s, r);
		} else if (r->eof) {
			if (avail && !r->skip_rest)
				vt_scan_line(s, r->buf + r->start, avail);
			return 0;
		} else if ((rc = fill(r, err)) != 0) {
			return rc;
		}
	}
	return 0;
}

int vt_scan_stream(struct vt_scanner *s, const char *source, struct vt_stream stream,
		   struct vt_error *err)
{
	struct reader r = { .in = stream, .max = s->opts.max_line + 1 };
	r.cap = (r.max < 2 * READ_SIZE ? r.max : 2 * READ_SIZE) + PAGE;
	if (posix_memalign((void **)&r.buf, PAGE, r.cap) != 0)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	vt_scan_begin(s, source);
	int rc = pump(s, &r, err);
	free(r.buf);
	/* After a read error what was read still counts: report it, then the error. */
	int end = vt_scan_end(s);
	return rc ? rc : end;
}
