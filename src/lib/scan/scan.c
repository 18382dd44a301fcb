/* The scanner object: per-line dispatch through the format table, context
 * (time, restarts), envelopes. Crashes are handed over in scan_core.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/scan_int.h"

struct vt_scanner *vt_scan_new(const struct vt_scan_patterns *patterns,
			       const struct vt_scan_opts *opts, struct vt_error *err)
{
	struct vt_scanner *s = calloc(1, sizeof *s);
	if (!s) {
		vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		return NULL;
	}
	s->opts = *opts;
	if (!s->opts.max_line)
		s->opts.max_line = VT_LINE_MAX_DEFAULT;
	s->pat = patterns;
	if (!s->pat && !(s->pat = s->own = vt_scan_patterns_new(err)))
		goto fail;
	/* One match block per scanner: pcre2 match data is not shareable. */
	s->md_time = pcre2_match_data_create(4, NULL);
	if (!(s->md = pcre2_match_data_create(SCAN_CAPTURES_MAX + 1, NULL)) || !s->md_time) {
		vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		goto fail;
	}
	if (!s->opts.no_decode && !(s->decoder = vt_decoder_new(err)))
		goto fail;
	if (scan_nformats > SCAN_FORMATS_MAX || scan_anchors_init(s) != 0) {
		vt_error_set(err, VT_ERR_INTERNAL, "too many log formats or keywords for the scanner's tables");
		goto fail;
	}
	for (size_t f = 0; f < scan_nformats; f++) {
		if (!(s->state[f] = calloc(1, scan_formats[f]->state_size ? scan_formats[f]->state_size : 1))) {
			vt_error_set(err, VT_ERR_NOMEM, "out of memory");
			goto fail;
		}
	}
	return s;
fail:
	vt_scan_free(s);
	return NULL;
}

static void drop_all(struct vt_scanner *s)
{
	for (size_t i = 0; i < s->npending; i++)
		free(s->pending[i]);
	s->npending = 0;
	for (size_t f = 0; f < scan_nformats; f++)
		if (s->state[f] && scan_formats[f]->drop)
			scan_formats[f]->drop(s->state[f]);
}

void vt_scan_free(struct vt_scanner *s)
{
	if (!s)
		return;
	drop_all(s);
	pcre2_match_data_free(s->md);
	pcre2_match_data_free(s->md_time);
	vt_scan_patterns_free(s->own);
	vt_decoder_free(s->decoder);
	for (size_t f = 0; f < scan_nformats; f++)
		free(s->state[f]);
	free(s->unwrapped);
	free(s);
}

void vt_scan_stats(const struct vt_scanner *s, struct vt_scan_stats *out)
{
	*out = s->stats;
}

void vt_scan_begin(struct vt_scanner *s, const char *source)
{
	drop_all(s);
	scan_copy(s->source, sizeof s->source, source ? source : "", source ? strlen(source) : 0);
	s->lineno = 0;
	s->last_time[0] = '\0';
	s->last_full[0] = '\0';
	s->raw_time_len = 0;
	s->restarts = 0;
	s->starts = 0;
	s->stop = 0;
	s->stats.sources++;
}

static void end_all(struct vt_scanner *s, bool eof)
{
	for (size_t f = 0; f < scan_nformats; f++)
		if (scan_formats[f]->flush)
			scan_formats[f]->flush(s, s->state[f], eof);
	scan_flush_pending(s, UINT64_MAX);
}

static bool json_time(struct vt_scanner *s, const char *line, size_t len)
{
	char t[VT_CRASH_TIME_MAX];
	if (!scan_json_time(line, len, t, sizeof t))
		return false;
	memcpy(s->last_time, t, sizeof t);
	if (strlen(t) > 10 && t[4] == '-')
		memcpy(s->last_full, t, sizeof t);
	s->raw_time_len = 0;
	return true;
}

static bool smf_time(struct vt_scanner *s, const char *line, size_t len)
{
	struct scan_match m;
	const char *p;
	size_t n;
	if (!scan_match(s, NULL, CORE_RE_SMF_TIME, line, len, &m) || !scan_cap(&m, 1, &p, &n))
		return false;
	scan_copy(s->last_time, sizeof s->last_time, p, n);
	s->raw_time_len = 0;
	return true;
}

/* "[ Nov  5 10:00:01 Executing start method (...) ]": time, and a restart
 * ends whatever the previous process was doing. */
static void smf_line(struct vt_scanner *s, const char *line, size_t len)
{
	if (smf_time(s, line, len) && util_memfind(line, len, "Executing start method")) {
		end_all(s, false);
		/* The first start is not a restart. */
		if (s->starts++ > 0)
			s->restarts++;
	}
}

static bool digits(const char *p, int n)
{
	for (int i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

/* "18:41:28.637Z INFO", "Jan 10 06:21:06.283 INFO", "2024-10-22T...": keep
 * the line's start for settle_time(). A few byte tests, no regex. */
static bool text_time(struct vt_scanner *s, const char *line, size_t len)
{
	bool hms = len > 12 && digits(line, 2) && line[2] == ':' && digits(line + 3, 2) && line[5] == ':';
	bool mon = len > 16 && line[0] >= 'A' && line[0] <= 'Z' && line[3] == ' ' && line[6] == ' ' &&
		   digits(line + 7, 2) && line[9] == ':';
	bool iso = len > 20 && digits(line, 4) && line[4] == '-' && line[10] == 'T';
	if (!hms && !mon && !iso)
		return false;
	if (iso) {
		size_t n = 0;
		while (n < len && n < sizeof s->last_full - 1 && line[n] != ' ')
			n++;
		scan_copy(s->last_full, sizeof s->last_full, line, n);
	}
	s->raw_time_len = len < sizeof s->raw_time ? len : sizeof s->raw_time;
	memcpy(s->raw_time, line, s->raw_time_len);
	return true;
}

bool scan_note_full_time(struct vt_scanner *s, const char *line, size_t len)
{
	char t[VT_CRASH_TIME_MAX];
	size_t n = 0;
	if (len && line[0] == '{') {
		if (!scan_json_time(line, len, t, sizeof t) || strlen(t) <= 10 || t[4] != '-')
			return false;
		memcpy(s->last_full, t, sizeof t);
		return true;
	}
	if (!(len > 20 && digits(line, 4) && line[4] == '-' && line[10] == 'T'))
		return false;
	while (n < len && n < sizeof s->last_full - 1 && line[n] != ' ')
		n++;
	scan_copy(s->last_full, sizeof s->last_full, line, n);
	return true;
}

bool scan_note_time(struct vt_scanner *s, const char *line, size_t len)
{
	if (len && line[0] == '{')
		return json_time(s, line, len);
	if (len > 2 && line[0] == '[' && line[1] == ' ')
		return smf_time(s, line, len);
	return text_time(s, line, len);
}

bool scan_idle(const struct vt_scanner *s)
{
	for (size_t f = 0; f < scan_nformats; f++)
		if (scan_formats[f]->busy && scan_formats[f]->busy(s->state[f]))
			return false;
	return true;
}

#define EACH_FORMAT(hook, ...)                                                          \
	for (size_t f = 0; f < scan_nformats; f++)                                        \
		if (scan_formats[f]->hook && scan_formats[f]->hook(s, s->state[f], __VA_ARGS__)) \
			return true

/* A line of an open multi-line message, before anything else looks at it. */
static bool collect(struct vt_scanner *s, const char *line, size_t len)
{
	for (size_t f = 0; f < scan_nformats; f++) {
		const struct scan_format *fmt = scan_formats[f];
		if (fmt->collect && fmt->busy(s->state[f]) && fmt->collect(s, s->state[f], line, len))
			return true;
	}
	return false;
}

static bool json_line(struct vt_scanner *s, const char *line, size_t len)
{
	EACH_FORMAT(json, line, len);
	return false;
}

/* A keyword in the line, or one a terminal's hard wrap cut between the
 * line before (still in the stream's buffer) and this one. */
static bool keyword_line(const struct vt_scanner *s, const char *line, size_t len)
{
	if (scan_prefilter(s, line, len))
		return true;
	const char *p = s->prev, *end = line + len;
	if (!p || s->in_envelope || p + s->prev_len >= line || line - (p + s->prev_len) > 2)
		return false; /* (the line is then right after it: its "\n", perhaps "\r\n") */
	const char *hit = scan_prefilter(s, p, (size_t)(end - p));
	return hit && hit >= p + s->prev_len;
}

static bool text_line(struct vt_scanner *s, const char *line, size_t len)
{
	text_time(s, line, len);
	EACH_FORMAT(follow, line, len);
	if (!keyword_line(s, line, len))
		return false;
	EACH_FORMAT(start, line, len);
	return false;
}

static void dispatch(struct vt_scanner *s, const char *line, size_t len)
{
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i < len && line[i] == '{') {
		/* Structured records: panics are never read out of JSON strings. */
		json_time(s, line, len);
		if (scan_prefilter(s, line, len))
			json_line(s, line, len);
		return;
	}
	if (i == 0 && len > 2 && line[0] == '[' && line[1] == ' ') {
		smf_line(s, line, len);
		return;
	}
	text_line(s, line, len);
}

static void window(struct vt_scanner *s)
{
	for (size_t f = 0; f < scan_nformats; f++)
		if (scan_formats[f]->expire)
			scan_formats[f]->expire(s, s->state[f]);
	/* A record whose panic never came (lost by the async drain) is still a crash. */
	if (s->npending && s->lineno > PAIR_WINDOW && s->pending[0]->line < s->lineno - PAIR_WINDOW)
		scan_flush_pending(s, s->lineno - PAIR_WINDOW);
}

void scan_skip(struct vt_scanner *s, uint64_t lines, uint64_t bytes)
{
	s->lineno += lines;
	s->stats.lines += lines;
	s->stats.bytes += bytes;
	window(s);
}

static void one_line(struct vt_scanner *s, const char *line, size_t len)
{
	if (len && line[len - 1] == '\r')
		len--;
	len = scan_unquote(&line, len);
	if (!collect(s, line, len))
		dispatch(s, line, len);
}

/* A container runtime's or the journal's JSON line: the lines of its text. */
static bool envelope(struct vt_scanner *s, const char *line, size_t len)
{
	char t[VT_CRASH_TIME_MAX];
	size_t n;
	if (!s->unwrapped && !(s->unwrapped = malloc(s->opts.max_line)))
		return false;
	if (!(n = scan_envelope(line, len, s->unwrapped, s->opts.max_line)))
		return false;
	if (!json_time(s, line, len) && scan_journal_time(line, len, t, sizeof t)) {
		memcpy(s->last_time, t, sizeof t);
		s->raw_time_len = 0;
	}
	s->in_envelope = true;
	for (const char *p = s->unwrapped, *end = p + n; p < end && !s->stop;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t k = (size_t)((nl ? nl : end) - p);
		one_line(s, p, k);
		p += k + 1;
	}
	s->in_envelope = false;
	return true;
}

int vt_scan_line(struct vt_scanner *s, const char *line, size_t len)
{
	if (s->stop)
		return s->stop;
	s->lineno++;
	s->stats.lines++;
	s->stats.bytes += len + 1;
	if (!(len && line[0] == '{' && envelope(s, line, len)))
		one_line(s, line, len);
	window(s);
	return s->stop;
}

int vt_scan_end(struct vt_scanner *s)
{
	if (!s->stop)
		end_all(s, true);
	drop_all(s);
	return s->stop;
}
