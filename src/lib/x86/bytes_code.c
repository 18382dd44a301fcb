/* The one reader of QEMU's "Code=" bytes (and qemu-kvm's "code:"): decode
 * and the scanner both go through bytes_code_feed. */
#include <string.h>

#include "util/util_int.h"
#include "vmtriage/bytes.h"
#include "x86/bytes_int.h"

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool unreadable(const char *t, size_t n)
{
	return n == 2 && (memcmp(t, "??", 2) == 0 || memcmp(t, "xx", 2) == 0);
}

/* The next blank-separated token from *p on: *t and its length (0 at the end). */
static size_t token(const char **p, const char *end, const char **t)
{
	while (*p < end && blank(**p))
		(*p)++;
	*t = *p;
	while (*p < end && !blank(**p))
		(*p)++;
	return (size_t)(*p - *t);
}

void bytes_code_feed(struct bytes_code *code, const char *p, size_t n)
{
	const char *end = p + n, *t;
	size_t len;
	while ((len = token(&p, end, &t)) != 0) {
		if (len == 3 && memcmp(t, "-->", 3) == 0) {
			code->at = true;
			continue;
		}
		bool marked = len == 4 && t[0] == '<' && t[3] == '>';
		if (marked)
			code->at = true, t++, len = 2;
		code->tokens++;
		int hi = len == 2 ? util_hex_digit(t[0]) : -1, lo = len == 2 ? util_hex_digit(t[1]) : -1;
		if (hi < 0 || lo < 0) {
			/* "??": unreadable from here on; before the marker, only context. */
			if (code->at)
				code->stop = true;
			continue;
		}
		if (code->at && !code->stop && code->n < VT_INSN_MAX)
			code->bytes[code->n++] = (uint8_t)(hi * 16 + lo);
	}
}

bool bytes_code_rest(const char *line, size_t len)
{
	const char *p = line, *end = line + len, *t;
	size_t tokens = 0, n;
	while ((n = token(&p, end, &t)) != 0) {
		if (n == 4 && t[0] == '<' && t[3] == '>')
			t++, n = 2;
		if (n == 3 && memcmp(t, "-->", 3) == 0)
			continue;
		if (n != 2 || !((util_hex_digit(t[0]) >= 0 && util_hex_digit(t[1]) >= 0) || unreadable(t, n)))
			return false;
		tokens++;
	}
	return tokens > 0;
}

size_t vt_bytes_parse_qemu_code(const char *s, size_t n, uint8_t *out, size_t max)
{
	struct bytes_code code = { 0 };
	bytes_code_feed(&code, s, n);
	size_t k = code.n < max ? code.n : max;
	memcpy(out, code.bytes, k);
	return k;
}
