/* propolis PR #795 records: "instruction emulation exit on vCPU N" and its
 * siblings, as bunyan JSON (one line, fields in JSON) or pretty-printed
 * (indented "key = value" lines and the register dump). The panic that
 * follows a record is the same crash: scan_submit() pairs them. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/scan_int.h"
#include "vmtriage/bytes.h"

/* "... exit on vCPU N" / "... from vCPU N" through their 'U';
 * "triple fault on vcpu N" through the 'f' of fault. */
static const struct scan_keyword keywords[] = {
	{ "on vCPU ", 6, NULL, true }, { "from vCPU ", 8, NULL, true }, { "triple fault on vcpu ", 7, NULL, true },
};

enum { RE_MESSAGE, RE_COUNT };
static const char *const regexes[RE_COUNT] = {
	[RE_MESSAGE] = ("(instruction emulation exit on|unhandled paging exit on|unclassified SVM exit on"
			"|unclassified VMX exit on|unrecognized exit code on|lib returned debug exit from"
			"|triple fault on) v(?:CPU|cpu) (\\d+)"),
};

/* The key's value in "key = value" (looker) or "key: value" (slog-term). */
static const char *kv(const char *line, size_t len, const char *key)
{
	size_t k = strlen(key);
	const char *p = line, *end = line + len;
	while ((p = util_memfind(p, (size_t)(end - p), key)) != NULL) {
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
	if ((v = kv(line, len, "context")) && util_memfind(v, (size_t)(end - v), "inst_data:")) {
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
	if ((v = kv(line, len, "gpa")) && util_parse_u64(v, (size_t)(end - v), v[0] == '0' && v + 1 < end && v[1] == 'x' ? 16 : 10, &u, NULL)) {
		c->has_gpa = true;
		c->gpa = u;
	}
	if ((v = kv(line, len, "fault_type")) && util_parse_u64(v, (size_t)(end - v), 10, &u, NULL))
		c->fault_type = (int)u;
	if ((v = kv(line, len, "code")) && util_parse_u64(v, (size_t)(end - v), 10, &u, NULL)) {
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
	c->hypervisor = VT_HV_PROPOLIS;
	scan_cap(m, 1, &p, &n);
	c->kind = record_kind(p);
	if (scan_cap(m, 2, &p, &n) && util_parse_u64(p, n, 10, &v, NULL) && v < 65536)
		c->vcpu = (int)v;
	return c;
}

static void json_number(const char *line, size_t len, const char *key, struct vt_crash *c)
{
	/* Raw digits, not cJSON's double: a u64 gpa may not fit in 53 bits. */
	const char *p = util_memfind(line, len, key);
	uint64_t v;
	if (p) {
		p += strlen(key);
		if (util_parse_u64(p, (size_t)(line + len - p), 10, &v, NULL)) {
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

static bool json(struct vt_scanner *s, void *st, const char *line, size_t len)
{
	static const char key[] = "\"msg\":\"";
	(void)st;
	struct scan_match m;
	const char *msg = len > 8 && memcmp(line, "{\"msg\":\"", 8) == 0 ? line + 8 : NULL;
	/* Cheap gate on the message's first letter before any real work. */
	if (!msg && (msg = util_memfind(line, len, key)) != NULL)
		msg += sizeof key - 1;
	if (!msg || msg >= line + len || !strchr("iult", *msg))
		return false;
	const char *q = memchr(msg, '"', (size_t)(line + len - msg));
	if (!q || !scan_match(s, &scan_fmt_record, RE_MESSAGE, msg, (size_t)(q - msg), &m) || m.ov[0] != 0 ||
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

/* Whether the phrase is in the line before joined to this one (with a
 * blank or none), starting in the one and ending in the other. */
static bool joined_match(struct vt_scanner *s, char *joined, const char *prev, size_t n, bool blank,
			 const char *line, size_t len, struct scan_match *m)
{
	size_t k = n + blank;
	memcpy(joined, prev, n);
	joined[n] = ' ';
	memcpy(joined + k, line, len);
	return scan_match(s, &scan_fmt_record, RE_MESSAGE, joined, k + len, m) && m->ov[0] < n && m->ov[1] > k;
}

/* A header cut in two: by a mail client at a blank ("...: instruction
 * emulation" then "exit on vCPU 2"), the two joined with a blank, or by a
 * terminal at its width ("... exit on v" then "CPU 2"), joined as one. */
static struct vt_crash *wrapped_header(struct vt_scanner *s, const char *line, size_t len)
{
	char joined[2 * EXCERPT_LINE_MAX];
	const char *prev;
	size_t n, raw;
	struct scan_match m;
	if (!scan_prev_line(s, &prev, &raw) || (len && (line[0] == ' ' || line[0] == '\t')))
		return NULL;
	n = raw;
	while (n && (prev[n - 1] == ' ' || prev[n - 1] == '\t'))
		n--; /* format=flowed keeps the blank it broke at */
	if (!n || n + 1 + len > sizeof joined)
		return NULL;
	if (!joined_match(s, joined, prev, n, true, line, len, &m) &&
	    !(n == raw && scan_width(prev, raw) >= SCAN_WRAP_COLUMNS &&
	      joined_match(s, joined, prev, n, false, line, len, &m)))
		return NULL;
	struct vt_crash *c = record_crash(s, &m);
	if (!c)
		return NULL;
	scan_own_time(s, prev, n, c);
	c->line = s->lineno - 1;
	scan_excerpt_add(c->excerpt, sizeof c->excerpt, prev, n);
	return c;
}

static bool start(struct vt_scanner *s, void *st, const char *line, size_t len)
{
	struct scan_match m;
	struct vt_crash *c;
	if (scan_match(s, &scan_fmt_record, RE_MESSAGE, line, len, &m)) {
		if (!(c = record_crash(s, &m)))
			return true;
		scan_own_time(s, line, len, c);
	} else if (!(c = wrapped_header(s, line, len))) {
		return false;
	}
	scan_excerpt_add(c->excerpt, sizeof c->excerpt, line, len);
	record_kv(line, len, c);
	scan_collect_begin(s, st, COLLECT_RECORD, c);
	return true;
}

static bool starts(const char *line, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && memcmp(line, prefix, n) == 0;
}

static bool hex(char c)
{
	return util_hex_digit(c) >= 0;
}

/* "    key = value": an indented field of a pretty record. */
static bool kv_line(const char *line, size_t len)
{
	size_t i = 0, k;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	for (k = i; k < len && ((line[k] >= 'a' && line[k] <= 'z') || line[k] == '_'); k++)
		;
	return i > 0 && k > i && len - k >= 2 && line[k] == ' ' && line[k + 1] == '=';
}

/* Whether a line is the rest of the record line before it (col->msg), cut
 * by a terminal or a mail client: inside brackets still open (a context
 * value), a segment line's next field ("access = ..." after "limit = ..."),
 * or the rest of a hex number cut by a terminal's hard wrap (the line
 * before as wide as a terminal's: a register line is never that long
 * unwrapped but a segment line is, and those end in a blank line). */
static bool record_rest(struct vt_scanner *s, const struct collector *col, const char *line, size_t len)
{
	struct scan_match m;
	size_t n = col->msglen;
	if (!n || !len || line[0] == '%' || scan_collect_ends(line, len) ||
	    scan_match(s, NULL, CORE_RE_LINE_TIME, line, len, &m))
		return false; /* a new log line, a panic: never a value's rest */
	/* A terminal's cut may leave the blank after a comma at the start. */
	if (line[0] == ' ' || line[0] == '\t')
		return col->depth > 0 && !kv_line(line, len);
	while (n && col->msg[n - 1] == ' ')
		n--;
	/* A mail client breaks lines at blanks: after "limit =" comes its value. */
	if (col->depth > 0 || (n && col->msg[n - 1] == '=') || starts(line, len, "base = ") ||
	    starts(line, len, "limit = ") || starts(line, len, "access = "))
		return true;
	return col->width >= SCAN_WRAP_COLUMNS && hex(col->msg[col->msglen - 1]) && hex(line[0]);
}

/* The record line gathered so far is complete: take its facts. */
static void record_line_end(struct collector *col)
{
	if (col->msglen)
		record_kv(col->msg, col->msglen, col->crash);
	col->msglen = 0;
	col->msg[0] = '\0';
	col->depth = 0;
}

/* Indented "key = value" lines, the register dump and its blank lines;
 * each logical line is taken whole once the next one begins. */
static bool collect(struct vt_scanner *s, void *st, const char *line, size_t len)
{
	struct collector *col = st;
	bool rest = record_rest(s, col, line, len);
	bool more = rest || len == 0 || line[0] == ' ' || line[0] == '\t' || line[0] == '%' ||
		    starts(line, len, "<guest data redacted>") || starts(line, len, "error reading");
	if (!more || col->nlines >= COLLECT_LINES_MAX) {
		record_line_end(col);
		scan_collect_finish(s, col, false);
		return false;
	}
	col->nlines++;
	if (!rest)
		record_line_end(col);
	if (len) {
		scan_collect_add(col, line, len);
		col->width = scan_width(line, len);
		scan_excerpt_add(col->crash->excerpt, sizeof col->crash->excerpt, line, len);
		col->crash->end_line = s->lineno;
	}
	return true;
}

static void flush(struct vt_scanner *s, void *st, bool eof)
{
	struct collector *col = st;
	if (col->kind == COLLECT_RECORD)
		record_line_end(col);
	scan_collect_flush(s, st, eof);
}

const struct scan_format scan_fmt_record = {
	.name = "propolis-record",
	.state_size = sizeof(struct collector),
	.keywords = keywords,
	.nkeywords = sizeof keywords / sizeof keywords[0],
	.collect = collect,
	.json = json,
	.start = start,
	.busy = scan_collect_busy,
	.flush = flush,
	.drop = scan_collect_drop,
	.regexes = regexes,
	.nregexes = RE_COUNT,
};
