/* propolis text: panic headers and their (possibly multi-line) messages,
 * and PR #795 records as bunyan JSON or pretty-printed with indented
 * "key = value" lines and the register dump. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/scan_int.h"
#include "vmtriage/bytes.h"

static int balance(const char *p, size_t n)
{
	int d = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '(' || p[i] == '[' || p[i] == '{')
			d++;
		else if (p[i] == ')' || p[i] == ']' || p[i] == '}')
			d--;
	}
	return d;
}

/* Append a line to the message, trimmed, joined by one space. */
static void msg_add(struct collector *col, const char *p, size_t n)
{
	while (n && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	if (col->msglen && col->msglen + 1 < sizeof col->msg)
		col->msg[col->msglen++] = ' ';
	if (n > sizeof col->msg - 1 - col->msglen)
		n = sizeof col->msg - 1 - col->msglen;
	memcpy(col->msg + col->msglen, p, n);
	col->msglen += n;
	col->msg[col->msglen] = '\0';
	col->depth += balance(p, n);
}

static void start(struct vt_scanner *s, enum collect_kind kind, struct vt_crash *c)
{
	scan_collect_end(s, false);
	s->col.kind = kind;
	s->col.crash = c;
	s->col.msglen = 0;
	s->col.msg[0] = '\0';
	s->col.depth = 0;
	s->col.nlines = 0;
	s->col.old_form = false;
}

static bool starts(const char *line, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && memcmp(line, prefix, n) == 0;
}

/* Lines that can only begin something else: a message still open ends here. */
static bool ends_message(const char *line, size_t len)
{
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return len == 0 || (i < len && line[i] == '{') || starts(line, len, "[ ") || vt_memfind(line, len, "thread '") ||
	       starts(line, len, "note: run with") || starts(line, len, "stack backtrace:");
}

/* The key's value in "key = value" (looker) or "key: value" (slog-term). */
static const char *kv(const char *line, size_t len, const char *key)
{
	size_t k = strlen(key);
	const char *p = line, *end = line + len;
	while ((p = vt_memfind(p, (size_t)(end - p), key)) != NULL) {
		bool word = p == line || p[-1] == ' ' || p[-1] == '\t' || p[-1] == ',';
		const char *q = p + k;
		p += k;
		if (!word)
			continue;
		if (end - q >= 3 && memcmp(q, " = ", 3) == 0)
			return q + 3;
		if (end - q >= 2 && memcmp(q, ": ", 2) == 0)
			return q + 2;
	}
	return NULL;
}

static void record_kv(const char *line, size_t len, struct vt_crash *c)
{
	const char *end = line + len, *v;
	uint64_t u;
	if ((v = kv(line, len, "context")) && vt_memfind(v, (size_t)(end - v), "inst_data:")) {
		struct vt_exit_bytes eb;
		struct vt_error err;
		if (vt_bytes_parse(v, (size_t)(end - v), VT_RADIX_AUTO, &eb, &err) == VT_OK) {
			c->has_inst = true;
			c->redacted = eb.redacted;
			memcpy(c->inst, eb.bytes, sizeof c->inst);
			c->ninst = eb.count;
			c->len = eb.len;
		}
	}
	if ((v = kv(line, len, "gpa")) && vt_parse_u64(v, (size_t)(end - v), v[0] == '0' && v + 1 < end && v[1] == 'x' ? 16 : 10, &u, NULL)) {
		c->has_gpa = true;
		c->gpa = u;
	}
	if ((v = kv(line, len, "fault_type")) && vt_parse_u64(v, (size_t)(end - v), 10, &u, NULL))
		c->fault_type = (int)u;
	if ((v = kv(line, len, "code")) && vt_parse_u64(v, (size_t)(end - v), 10, &u, NULL)) {
		c->has_code = true;
		c->code = (int64_t)u;
	}
	if ((v = kv(line, len, "detail")))
		scan_copy(c->detail, sizeof c->detail, v, (size_t)(end - v));
	scan_regs_line(line, len, &c->regs);
}

/* The #795 message phrase -> exit kind. */
static enum vt_exit_kind record_kind(const char *phrase)
{
	static const struct {
		const char *prefix;
		enum vt_exit_kind kind;
	} map[] = {
		{ "instruction", VT_KIND_INST_EMUL }, { "unhandled paging", VT_KIND_PAGING },
		{ "unclassified SVM", VT_KIND_SVM_ERROR }, { "unclassified VMX", VT_KIND_VMX_ERROR },
		{ "unrecognized", VT_KIND_UNKNOWN }, { "lib returned debug", VT_KIND_DEBUG },
		{ "triple fault", VT_KIND_TRIPLE_FAULT },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strncmp(phrase, map[i].prefix, strlen(map[i].prefix)) == 0)
			return map[i].kind;
	return VT_KIND_UNKNOWN;
}

static struct vt_crash *record_crash(struct vt_scanner *s, const struct scan_match *m)
{
	const char *p;
	size_t n;
	uint64_t v;
	struct vt_crash *c = scan_crash_new(s);
	if (!c)
		return NULL;
	c->origin = VT_ORIGIN_LOG_RECORD;
	scan_cap(m, 1, &p, &n);
	c->kind = record_kind(p);
	if (scan_cap(m, 2, &p, &n) && vt_parse_u64(p, n, 10, &v, NULL) && v < 65536)
		c->vcpu = (int)v;
	return c;
}

static void json_number(const char *line, size_t len, const char *key, struct vt_crash *c)
{
	/* Raw digits, not cJSON's double: a u64 gpa may not fit in 53 bits. */
	const char *p = vt_memfind(line, len, key);
	uint64_t v;
	if (p) {
		p += strlen(key);
		if (vt_parse_u64(p, (size_t)(line + len - p), 10, &v, NULL)) {
			c->has_gpa = true;
			c->gpa = v;
		}
	}
}

/* A JSON number that is an integer in int64_t's range (1e300, NaN and 0.5
 * are not: casting them is undefined). */
static bool json_int64(double d, int64_t *out)
{
	if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || (double)(int64_t)d != d)
		return false;
	*out = (int64_t)d;
	return true;
}

static void json_fields(const cJSON *o, struct vt_crash *c)
{
	const cJSON *j;
	if (cJSON_IsString(j = cJSON_GetObjectItemCaseSensitive(o, "time"))) {
		scan_copy(c->time, sizeof c->time, j->valuestring, strlen(j->valuestring));
		c->time_origin = VT_TIME_RECORD;
	}
	if (cJSON_IsString(j = cJSON_GetObjectItemCaseSensitive(o, "context"))) {
		char buf[600];
		snprintf(buf, sizeof buf, "context = %s", j->valuestring);
		record_kv(buf, strlen(buf), c);
	}
	if (cJSON_IsString(j = cJSON_GetObjectItemCaseSensitive(o, "vcpu_state")) ||
	    cJSON_IsString(j = cJSON_GetObjectItemCaseSensitive(o, "state")))
		scan_regs_text(j->valuestring, strlen(j->valuestring), &c->regs);
	if (cJSON_IsNumber(j = cJSON_GetObjectItemCaseSensitive(o, "fault_type")))
		c->fault_type = j->valueint;
	if (cJSON_IsNumber(j = cJSON_GetObjectItemCaseSensitive(o, "code")) &&
	    json_int64(j->valuedouble, &c->code))
		c->has_code = true;
	if (cJSON_IsString(j = cJSON_GetObjectItemCaseSensitive(o, "detail")))
		scan_copy(c->detail, sizeof c->detail, j->valuestring, strlen(j->valuestring));
}

bool scan_json_record(struct vt_scanner *s, const char *line, size_t len)
{
	static const char key[] = "\"msg\":\"";
	struct scan_match m;
	const char *msg = len > 8 && memcmp(line, "{\"msg\":\"", 8) == 0 ? line + 8 : NULL;
	/* Cheap gate on the message's first letter before any real work. */
	if (!msg && (msg = vt_memfind(line, len, key)) != NULL)
		msg += sizeof key - 1;
	if (!msg || msg >= line + len || !strchr("iult", *msg))
		return false;
	const char *q = memchr(msg, '"', (size_t)(line + len - msg));
	if (!q || !scan_match(s, RE_RECORD, msg, (size_t)(q - msg), &m) || m.ov[0] != 0 ||
	    m.ov[1] != (size_t)(q - msg))
		return false; /* the phrase must be the whole message, not quoted text in it */
	struct vt_crash *c = record_crash(s, &m);
	if (!c)
		return true;
	scan_excerpt_add(c->excerpt, sizeof c->excerpt, line, len);
	cJSON *o = cJSON_ParseWithLength(line, len);
	if (o) {
		json_fields(o, c);
		cJSON_Delete(o);
	}
	json_number(line, len, "\"gpa\":", c);
	scan_submit(s, c);
	return true;
}

/* The message is complete (or cut off): parse it and hand the crash over. */
static void finish(struct vt_scanner *s, bool cut)
{
	struct collector *col = &s->col;
	struct vt_crash *c = col->crash;
	enum collect_kind kind = col->kind;
	col->crash = NULL;
	col->kind = COLLECT_NONE;
	if (!c)
		return;
	if (kind != COLLECT_RECORD) {
		if (col->msglen == 0) {
			c->kind = VT_KIND_OTHER_PANIC;
			snprintf(c->detail, sizeof c->detail, "(the panic message is missing)");
		} else {
			scan_parse_message(col->msg, col->msglen, c);
		}
		c->truncated = cut;
	}
	scan_submit(s, c);
}

void scan_collect_end(struct vt_scanner *s, bool eof)
{
	if (s->col.kind == COLLECT_NONE)
		return;
	bool open = s->col.msglen == 0 || s->col.depth > 0 || s->col.old_form;
	finish(s, eof && open);
}

/* Old panics end with "', file:line:col"; the message is before it. */
static void old_line(struct vt_scanner *s, const char *p, size_t n)
{
	struct scan_match m;
	if (scan_match(s, RE_OLD_END, p, n, &m)) {
		msg_add(&s->col, p, m.ov[0]);
		s->col.old_form = false;
		finish(s, false);
		return;
	}
	msg_add(&s->col, p, n);
}

static void thread_vcpu(const char *p, size_t n, struct vt_crash *c)
{
	uint64_t v;
	if (n > 5 && memcmp(p, "vcpu-", 5) == 0 && vt_parse_u64(p + 5, n - 5, 10, &v, NULL) && v < 65536)
		c->vcpu = (int)v;
}

static void own_time(struct vt_scanner *s, const char *line, size_t len, struct vt_crash *c)
{
	struct scan_match m;
	const char *p;
	size_t n;
	if (scan_match(s, RE_LINE_TIME, line, len, &m) && scan_cap(&m, 1, &p, &n)) {
		scan_copy(c->time, sizeof c->time, p, n);
		c->time_origin = VT_TIME_RECORD;
	}
}

static bool panic_head(struct vt_scanner *s, const char *line, size_t len)
{
	struct scan_match m;
	const char *p;
	size_t n;
	if (!scan_match(s, RE_PANIC_HEAD, line, len, &m))
		return false;
	struct vt_crash *c = scan_crash_new(s);
	if (!c)
		return true;
	c->origin = VT_ORIGIN_PANIC;
	scan_excerpt_add(c->excerpt, sizeof c->excerpt, line, len);
	scan_cap(&m, 1, &p, &n);
	thread_vcpu(p, n, c);
	scan_cap(&m, 2, &p, &n);
	start(s, COLLECT_PANIC, c);
	if (n && p[0] == '\'') {
		c->form = VT_CFORM_RUST_OLD;
		s->col.old_form = true;
		old_line(s, p + 1, n - 1);
	} else {
		c->form = VT_CFORM_RUST_NEW;
	}
	return true;
}

/* A message that starts on this line: a standalone "Unhandled exit" or a bare "vCPU N: Unhandled". */
static bool message_start(struct vt_scanner *s, const char *line, size_t len)
{
	struct scan_match m;
	enum collect_kind kind;
	if (scan_match(s, RE_STANDALONE, line, len, &m))
		kind = COLLECT_STANDALONE;
	else if (scan_match(s, RE_BARE, line, len, &m))
		kind = COLLECT_BARE;
	else
		return false;
	struct vt_crash *c = scan_crash_new(s);
	if (!c)
		return true;
	size_t at = m.ov[0];
	c->origin = kind == COLLECT_STANDALONE ? VT_ORIGIN_STANDALONE : VT_ORIGIN_PANIC;
	c->form = kind == COLLECT_STANDALONE ? VT_CFORM_NONE : VT_CFORM_BARE;
	if (kind == COLLECT_STANDALONE)
		own_time(s, line, len, c);
	scan_excerpt_add(c->excerpt, sizeof c->excerpt, line, len);
	start(s, kind, c);
	msg_add(&s->col, line + at, len - at);
	if (s->col.depth <= 0)
		finish(s, false);
	return true;
}

static bool record_start(struct vt_scanner *s, const char *line, size_t len)
{
	struct scan_match m;
	if (!scan_match(s, RE_RECORD, line, len, &m))
		return false;
	struct vt_crash *c = record_crash(s, &m);
	if (!c)
		return true;
	own_time(s, line, len, c);
	scan_excerpt_add(c->excerpt, sizeof c->excerpt, line, len);
	record_kv(line, len, c);
	start(s, COLLECT_RECORD, c);
	return true;
}

bool scan_text_start(struct vt_scanner *s, const char *line, size_t len)
{
	return panic_head(s, line, len) || message_start(s, line, len) || record_start(s, line, len);
}

/* Indented "key = value" lines, the register dump and its blank lines. */
static bool record_line(struct vt_scanner *s, const char *line, size_t len)
{
	struct collector *col = &s->col;
	bool more = len == 0 || line[0] == ' ' || line[0] == '\t' || line[0] == '%' ||
		    starts(line, len, "<guest data redacted>") || starts(line, len, "error reading");
	if (!more || col->nlines >= COLLECT_LINES_MAX) {
		finish(s, false);
		return false;
	}
	col->nlines++;
	if (len) {
		record_kv(line, len, col->crash);
		scan_excerpt_add(col->crash->excerpt, sizeof col->crash->excerpt, line, len);
		col->crash->end_line = s->lineno;
	}
	return true;
}

bool scan_collect(struct vt_scanner *s, const char *line, size_t len)
{
	struct collector *col = &s->col;
	if (col->kind == COLLECT_RECORD)
		return record_line(s, line, len);
	if (ends_message(line, len) || col->nlines >= COLLECT_LINES_MAX) {
		scan_collect_end(s, true);
		return false;
	}
	col->nlines++;
	col->crash->end_line = s->lineno;
	scan_excerpt_add(col->crash->excerpt, sizeof col->crash->excerpt, line, len);
	if (col->old_form) {
		old_line(s, line, len);
		return true;
	}
	msg_add(col, line, len);
	if (col->depth <= 0)
		finish(s, false);
	return true;
}
