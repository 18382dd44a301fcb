/* Below the formats: a new crash with the scanner's context, and the hand-
 * over of finished crashes, where a PR #795 error record and the panic for
 * the same vCPU (or a standalone exit line and its todo!() panic) pair up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/scan_int.h"

/* Called while a caller's match is live: uses its own match data. */
static void settle_time(struct vt_scanner *s)
{
	if (s->raw_time_len && pcre2_match(s->pat->re[CORE_RE_LINE_TIME], (PCRE2_SPTR)s->raw_time,
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
void scan_flush_pending(struct vt_scanner *s, uint64_t before)
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
static void pair_into(struct vt_crash *into, const struct vt_crash *from)
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
	if (into->dialect == VT_DIALECT_NONE)
		into->dialect = from->dialect;
	if (time_rank(from->time_origin) > time_rank(into->time_origin)) {
		memcpy(into->time, from->time, sizeof into->time);
		into->time_origin = from->time_origin;
	}
	into->truncated = into->truncated && from->truncated;
	into->origin |= from->origin;
	/* The standalone exit line names the program; its todo!() panic does not. */
	if (!into->hypervisor || from->hypervisor == VT_HV_PROPOLIS_STANDALONE)
		into->hypervisor = from->hypervisor;
	into->paired = true;
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
	if (is_panic(held) == is_panic(c) || held->paired)
		return false;
	if ((held->origin | c->origin) & (VT_ORIGIN_QEMU | VT_ORIGIN_BHYVE))
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
			pair_into(c, held);
			s->pending[i] = c;
			free(held);
		} else {
			pair_into(held, c);
			free(c);
		}
		return;
	}
	if (s->npending == PENDING_MAX)
		scan_flush_pending(s, s->pending[0]->line + 1);
	if (s->npending == PENDING_MAX) {
		emit(s, s->pending[0]);
		memmove(s->pending, s->pending + 1, (PENDING_MAX - 1) * sizeof s->pending[0]);
		s->npending--;
	}
	s->pending[s->npending++] = c;
}

void scan_own_time(struct vt_scanner *s, const char *line, size_t len, struct vt_crash *c)
{
	struct scan_match m;
	const char *p;
	size_t n;
	if (scan_match(s, NULL, CORE_RE_LINE_TIME, line, len, &m) && scan_cap(&m, 1, &p, &n)) {
		scan_copy(c->time, sizeof c->time, p, n);
		c->time_origin = VT_TIME_RECORD;
	}
}

bool scan_prev_line(const struct vt_scanner *s, const char **line, size_t *len)
{
	if (!s->prev || s->in_envelope)
		return false;
	size_t n = s->prev_len;
	if (n && s->prev[n - 1] == '\r')
		n--;
	*line = s->prev;
	*len = scan_unquote(line, n);
	return true;
}
