/* Crash text inside something else: quoted in mail ("> ", ">> "), or a
 * log line captured by a container runtime or the journal, where the text
 * is a JSON string with escaped newlines and tabs: Docker's json-file
 * driver ({"log":"...\n","stream":"stderr","time":"..."}) and
 * `journalctl -o json` ({"__CURSOR":...,"MESSAGE":"...",...}). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "scan/scan_int.h"
#include "vmtriage/bytes.h"

size_t scan_unquote(const char **line, size_t len)
{
	const char *p = *line, *end = p + len;
	if (p == end || *p != '>')
		return len;
	/* ">", "> ", ">>", "> > " ...: mail quoting, any depth. */
	while (p < end && *p == '>') {
		p++;
		if (p < end && *p == ' ')
			p++;
	}
	*line = p;
	return (size_t)(end - p);
}

static const char *string_value(const char *line, size_t len, const char *key)
{
	const char *k = util_memfind(line, len, key);
	return k ? k + strlen(key) : NULL;
}

/* Which envelope the line is, and where its text string starts. */
static const char *envelope_text(const char *line, size_t len)
{
	static const char docker[] = "{\"log\":\"";
	if (len > sizeof docker - 1 && memcmp(line, docker, sizeof docker - 1) == 0)
		return line + sizeof docker - 1;
	if (util_memfind(line, len, "\"__REALTIME_TIMESTAMP\"") || util_memfind(line, len, "\"__CURSOR\""))
		return string_value(line, len, "\"MESSAGE\":\"");
	return NULL;
}

static int hex4(const char *p, const char *end)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		int d = p + i < end ? util_hex_digit(p[i]) : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* The JSON string at p, unescaped into out (at most cap bytes, cut there).
 * \uXXXX below 0x80 becomes its byte, anything else '?': crash text is ASCII. */
static size_t unescape(const char *p, const char *end, char *out, size_t cap)
{
	size_t n = 0;
	while (p < end && *p != '"' && n < cap) {
		char c = *p++;
		if (c == '\\' && p < end) {
			char e = *p++;
			int u;
			switch (e) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'u':
				u = hex4(p, end);
				c = u >= 0 && u < 0x80 ? (char)u : '?';
				p += u >= 0 ? 4 : 0;
				break;
			default: c = e; break; /* \" \\ \/ */
			}
		}
		out[n++] = c;
	}
	return n;
}

size_t scan_envelope(const char *line, size_t len, char *out, size_t cap)
{
	const char *p = envelope_text(line, len);
	return p ? unescape(p, line + len, out, cap) : 0;
}

bool scan_journal_time(const char *line, size_t len, char *out, size_t size)
{
	const char *p = string_value(line, len, "\"__REALTIME_TIMESTAMP\":\"");
	uint64_t us;
	struct tm tm;
	if (!p || !util_parse_u64(p, (size_t)(line + len - p), 10, &us, NULL))
		return false;
	time_t t = (time_t)(us / 1000000);
	if (!gmtime_r(&t, &tm))
		return false;
	snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d.%06uZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		 tm.tm_hour, tm.tm_min, tm.tm_sec, (unsigned)(us % 1000000));
	return true;
}
