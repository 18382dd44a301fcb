/* The scanner object: per-line dispatch, context (time, restarts), and the
 * merging of a PR #795 error record with the panic for the same vCPU. */
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
	if (!(s->md = pcre2_match_data_create(10, NULL)) || !s->md_time) {
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
	free(s);
}

void vt_scan_stats(const struct vt_scanner *s, struct vt_scan_stats *out)
{
	*out = s->stats;
}

/* Called while a caller's match is live: uses its own match data. */
static void settle_time(struct vt_scanner *s)
{
	if (s->raw_time_len && pcre2_match(s->pat->re[RE_LINE_TIME], (PCRE2_SPTR)s->raw_time,
					   s->raw_time_len, 0, 0, s->md_time, NULL) > 1) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md_time);
		scan_copy(s->last_time, sizeof s->last_time, s->raw_time + ov[2], ov[3] - ov[2]);
	}
	s->raw_time_len = 0;
}

struct vt_crash *scan_crash_new(struct vt_scanner *s)
{
	settle_time(s);
	struct vt_crash *c = malloc(sizeof *c);
	if (!c)
		return NULL;
	vt_crash_init(c);
	scan_copy(c->source, sizeof c->source, s->source, strlen(s->source));
	c->line = c->end_line = s->lineno;
	c->restarts = s->restarts;
	if (s->last_time[0]) {
		scan_copy(c->time, sizeof c->time, s->last_time, strlen(s->last_time));
		c->time_origin = VT_TIME_NEAREST;
	}
	if (s->last_full[0])
		vt_timestamp_parse(s->last_full, strlen(s->last_full), NULL, &c->time_after);
	return c;
}

void scan_warn(struct vt_scanner *s, const char *msg)
{
	if (s->opts.on_warn)
		s->opts.on_warn(s->opts.ctx, s->source, s->lineno, msg);
}

static void emit(struct vt_scanner *s, struct vt_crash *c)
{
	struct vt_error err;
	if (!s->stop && (c->kind != VT_KIND_OTHER_PANIC || s->opts.all_panics)) {
		vt_crash_place_time(c, NULL);
		if (vt_crash_analyse(c, s->decoder, &err) != VT_OK)
			scan_warn(s, err.msg);
		s->stats.crashes++;
		s->stop = s->opts.on_crash ? s->opts.on_crash(s->opts.ctx, c) : 0;
	}
	free(c);
}

static int by_line(const void *a, const void *b)
{
	const struct vt_crash *x = *(struct vt_crash *const *)a, *y = *(struct vt_crash *const *)b;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Report held crashes that started before line `before` (all: UINT64_MAX), in order. */
static void flush_pending(struct vt_scanner *s, uint64_t before)
{
	size_t keep = 0;
	qsort(s->pending, s->npending, sizeof s->pending[0], by_line);
	for (size_t i = 0; i < s->npending; i++) {
		if (s->pending[i]->line < before)
			emit(s, s->pending[i]);
		else
			s->pending[keep++] = s->pending[i];
	}
	s->npending = keep;
}

static void take_max(uint64_t *a, uint64_t b)
{
	if (b > *a)
		*a = b;
}

/* A record's own time beats the nearest one before it. */
static int time_rank(enum vt_time_origin t)
{
	return t == VT_TIME_RECORD ? 2 : t == VT_TIME_NEAREST ? 1 : 0;
}

/* Fold `from` (the other half of the same crash) into `into`. */
static void merge(struct vt_crash *into, const struct vt_crash *from)
{
	bool from_first = from->line < into->line;
	if (!into->has_inst || (into->redacted && from->has_inst && !from->redacted)) {
		into->has_inst = from->has_inst;
		into->redacted = from->redacted;
		memcpy(into->inst, from->inst, sizeof into->inst);
		into->ninst = from->ninst;
		into->len = from->len;
	}
	if (!into->has_rip && from->has_rip) {
		into->has_rip = true;
		into->rip = from->rip;
	}
	if (vt_regs_count(&from->regs) > vt_regs_count(&into->regs) || from->regs.redacted)
		into->regs = from->regs;
	if (!into->has_gpa && from->has_gpa) {
		into->has_gpa = true;
		into->gpa = from->gpa;
		into->fault_type = from->fault_type;
	}
	if (!into->has_code && from->has_code) {
		into->has_code = true;
		into->code = from->code;
	}
	if (!into->detail[0])
		memcpy(into->detail, from->detail, sizeof into->detail);
	if (into->vcpu < 0)
		into->vcpu = from->vcpu;
	if (into->form == VT_CFORM_NONE)
		into->form = from->form;
	if (time_rank(from->time_origin) > time_rank(into->time_origin)) {
		memcpy(into->time, from->time, sizeof into->time);
		into->time_origin = from->time_origin;
	}
	into->truncated = into->truncated && from->truncated;
	into->origin |= from->origin;
	/* The standalone exit line names the program; its todo!() panic does not. */
	if (!into->hypervisor || from->hypervisor == VT_HV_PROPOLIS_STANDALONE)
		into->hypervisor = from->hypervisor;
	into->merged = true;
	take_max(&into->end_line, from->end_line);
	/* The excerpt reads in log order. */
	char ex[VT_CRASH_EXCERPT_MAX];
	const struct vt_crash *a = from_first ? from : into, *b = from_first ? into : from;
	snprintf(ex, sizeof ex, "%s\n%s", a->excerpt, b->excerpt);
	memcpy(into->excerpt, ex, sizeof ex);
	if (from_first) {
		into->line = from->line;
		into->restarts = from->restarts;
	}
}

static bool is_panic(const struct vt_crash *c)
{
	return c->origin & VT_ORIGIN_PANIC;
}

/* A pending crash `c` completes: a record with a panic of the same vCPU and
 * kind, or a standalone "Unhandled exit" line with its todo!() panic. */
static bool partners(const struct vt_crash *held, const struct vt_crash *c)
{
	if (is_panic(held) == is_panic(c) || held->merged)
		return false;
	if ((held->origin | c->origin) & VT_ORIGIN_QEMU)
		return false;
	if (held->origin & VT_ORIGIN_STANDALONE || c->origin & VT_ORIGIN_STANDALONE) {
		const struct vt_crash *p = is_panic(held) ? held : c;
		return p->kind == VT_KIND_OTHER_PANIC && (p->vcpu < 0 || held->vcpu < 0 || p->vcpu == held->vcpu);
	}
	return held->vcpu >= 0 && held->vcpu == c->vcpu && held->kind == c->kind;
}

void scan_submit(struct vt_scanner *s, struct vt_crash *c)
{
	if (!c)
		return;
	for (size_t i = s->npending; i-- > 0;) {
		struct vt_crash *held = s->pending[i];
		if (!partners(held, c))
			continue;
		/* The exit's own text decides the kind; the todo!() panic only adds its vCPU. */
		if (c->origin & VT_ORIGIN_STANDALONE || held->kind == VT_KIND_OTHER_PANIC) {
			merge(c, held);
			s->pending[i] = c;
			free(held);
		} else {
			merge(held, c);
			free(c);
		}
		return;
	}
	if (s->npending == PENDING_MAX)
		flush_pending(s, s->pending[0]->line + 1);
	if (s->npending == PENDING_MAX) {
		emit(s, s->pending[0]);
		memmove(s->pending, s->pending + 1, (PENDING_MAX - 1) * sizeof s->pending[0]);
		s->npending--;
	}
	s->pending[s->npending++] = c;
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
	flush_pending(s, UINT64_MAX);
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
	if (!scan_match(s, RE_SMF_TIME, line, len, &m) || !scan_cap(&m, 1, &p, &n))
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

void scan_own_time(struct vt_scanner *s, const char *line, size_t len, struct vt_crash *c)
{
	struct scan_match m;
	const char *p;
	size_t n;
	if (scan_match(s, RE_LINE_TIME, line, len, &m) && scan_cap(&m, 1, &p, &n)) {
		scan_copy(c->time, sizeof c->time, p, n);
		c->time_origin = VT_TIME_RECORD;
	}
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

static bool text_line(struct vt_scanner *s, const char *line, size_t len)
{
	text_time(s, line, len);
	EACH_FORMAT(follow, line, len);
	if (!scan_keyword(s, line, len))
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
		if (scan_keyword(s, line, len))
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
	if (s->npending && s->lineno > MERGE_WINDOW && s->pending[0]->line < s->lineno - MERGE_WINDOW)
		flush_pending(s, s->lineno - MERGE_WINDOW);
}

void scan_skip(struct vt_scanner *s, uint64_t lines, uint64_t bytes)
{
	s->lineno += lines;
	s->stats.lines += lines;
	s->stats.bytes += bytes;
	window(s);
}

int vt_scan_line(struct vt_scanner *s, const char *line, size_t len)
{
	if (s->stop)
		return s->stop;
	s->lineno++;
	s->stats.lines++;
	s->stats.bytes += len + 1;
	if (len && line[len - 1] == '\r')
		len--;
	if (collect(s, line, len))
		return s->stop;
	dispatch(s, line, len);
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
