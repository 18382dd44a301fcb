/* output: JSON printing of text that came from hostile logs. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmtriage/output.h"
#include "vmtriage/table.h"

static char *print(const char *text, enum vt_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "detail", text);
	cr_assert_eq(vt_json_print(fp, o, fmt), 0);
	cJSON_Delete(o);
	fclose(fp);
	return buf;
}

/* Found by tests/shell/hostile_nul_and_invalid_utf8.sh: bytes from a log
 * that are not UTF-8 reached the JSON output as they were. */
Test(output, json_print_turns_invalid_utf8_from_logs_into_question_marks)
{
	char *s = print("a\xff" "b\xc0\xaf" "c\xed\xa0\x80" "d\xe2\x82", VT_FORMAT_NDJSON);
	cr_expect_str_eq(s, "{\"detail\":\"a?b??c???d??\"}\n");
	free(s);
}

Test(output, json_print_keeps_valid_utf8_of_every_length)
{
	const char *ok = "\x7f \xc2\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf";
	char *s = print(ok, VT_FORMAT_JSON);
	cr_expect(strstr(s, ok), "%s", s);
	free(s);
}

/* ---- The terminal escape for untrusted text. */

static const char *esc(const char *s, size_t n)
{
	static char buf[512];
	vt_text_escape(s, n, buf, sizeof buf);
	return buf;
}

Test(textsafe, controls_c1_bidi_and_invalid_utf8_become_visible_escapes)
{
	cr_assert_str_eq(esc("a\033]0;pwn\007b", 10), "a\\x1b]0;pwn\\x07b");
	cr_assert_str_eq(esc("x\ny\rz\x7f", 6), "x\\x0ay\\x0dz\\x7f");
	cr_assert_str_eq(esc("\xc2\x9b" "31m", 5), "\\u{9b}31m");          /* C1 CSI */
	cr_assert_str_eq(esc("gpj.\xe2\x80\xae" "exe", 10), "gpj.\\u{202e}exe");   /* RLO */
	cr_assert_str_eq(esc("\xe2\x81\xa6x\xe2\x80\x8f", 7), "\\u{2066}x\\u{200f}");
	cr_assert_str_eq(esc("caf\xe9!", 5), "caf\\xe9!");                  /* Latin-1 */
	cr_assert_str_eq(esc("\xc0\xaf\xed\xa0\x80", 5), "\\xc0\\xaf\\xed\\xa0\\x80"); /* overlong, surrogate */
	cr_assert_str_eq(esc("\xe2\x82", 2), "\\xe2\\x82");                 /* cut short */
	cr_assert_str_eq(esc("a\0b", 3), "a\\x00b");
}

Test(textsafe, printable_text_and_valid_utf8_pass_unchanged)
{
	const char *s = "tab\there, caf\xc3\xa9, \xe2\x82\xac 5, \xf0\x9f\x90\xa7, \\x1b stays";
	cr_assert_str_eq(esc(s, strlen(s)), s);
}

Test(textsafe, the_escaped_length_is_returned_and_the_buffer_always_terminated)
{
	char small[4];
	cr_assert_eq(vt_text_escape("\033\033", 2, small, sizeof small), 8);
	cr_assert_str_eq(small, "\\x1");
	cr_assert_eq(vt_text_escape("abc", 3, NULL, 0), 3);
	cr_assert_str_eq(vt_text_safe(NULL, small, sizeof small), "");
}

Test(textsafe, table_cells_are_escaped_and_aligned_by_their_escaped_width)
{
	const char *headers[] = { "zone", "n" };
	const char *cells[] = { "z\033[2J", "1", "plain", "22" };
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	vt_table_print(fp, NULL, headers, 2, cells, 2);
	fclose(fp);
	cr_assert_null(strchr(out, '\033'), "%s", out);
	cr_assert(strstr(out, "z\\x1b[2J  1\n"), "%s", out);
	cr_assert(strstr(out, "plain    22\n"), "%s", out);
	free(out);
}
