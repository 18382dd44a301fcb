/* output: the opaque JSON value the CLI builds documents with, JSON
 * printing of text that came from hostile logs, the terminal escape. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmtriage/json.h"
#include "vmtriage/output.h"
#include "vmtriage/table.h"

static char *print_value(const struct vt_json *v, enum vt_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	cr_assert_eq(vt_json_print(fp, v, fmt), 0);
	fclose(fp);
	return buf;
}

/* The members of a document print in the order they were added, with the
 * types asked for; a string that is NULL is null. */
Test(json, a_document_built_member_by_member_prints_in_order)
{
	struct vt_json *doc = vt_json_object_new(), *rows, *sum, *row;
	cr_assert_not_null(doc);
	cr_assert_not_null(vt_json_add_string(doc, "schema", "vmtriage.test.v2"));
	cr_assert_not_null(vt_json_add_string(doc, "none", NULL));
	cr_assert_not_null(vt_json_add_bool(doc, "passed", false));
	cr_assert_not_null(sum = vt_json_add_object(doc, "summary"));
	cr_assert_not_null(vt_json_add_number(sum, "cases", 3));
	cr_assert_not_null(vt_json_add_number(sum, "ratio", 0.5));
	cr_assert_not_null(rows = vt_json_add_array(doc, "rows"));
	cr_assert_not_null(row = vt_json_append(rows, vt_json_object_new()));
	vt_json_add_string(row, "name", "a");
	cr_assert_not_null(vt_json_add(doc, "empty", vt_json_array_new()));
	char *s = print_value(doc, VT_FORMAT_NDJSON);
	cr_expect_str_eq(s, "{\"schema\":\"vmtriage.test.v2\",\"none\":null,\"passed\":false,"
			 "\"summary\":{\"cases\":3,\"ratio\":0.5},\"rows\":[{\"name\":\"a\"}],\"empty\":[]}\n");
	free(s);
	s = print_value(sum, VT_FORMAT_JSON);
	cr_expect_str_eq(s, "{\n\t\"cases\":\t3,\n\t\"ratio\":\t0.5\n}\n");
	free(s);
	vt_json_free(doc);
}

Test(json, get_finds_a_member_of_an_object_only)
{
	struct vt_json *o = vt_json_object_new(), *a = vt_json_array_new();
	vt_json_add_string(o, "schema", "x");
	cr_assert_not_null(vt_json_get(o, "schema"));
	cr_assert_null(vt_json_get(o, "Schema"), "member names are case-sensitive");
	cr_assert_null(vt_json_get(o, "missing"));
	cr_assert_null(vt_json_get(a, "schema"));
	cr_assert_null(vt_json_get(NULL, "schema"));
	vt_json_free(o);
	vt_json_free(a);
}

/* A value handed to add or append belongs to the container, or is freed
 * when it cannot go in (under valgrind --leak-check=full --trace-children=yes
 * a value left behind shows as definitely lost). */
Test(json, a_value_that_cannot_be_added_is_freed_not_leaked)
{
	struct vt_json *o = vt_json_object_new(), *a = vt_json_array_new();
	cr_assert_null(vt_json_add(a, "k", vt_json_object_new()), "an array has no members");
	cr_assert_null(vt_json_append(o, vt_json_array_new()), "an object is not appended to");
	cr_assert_null(vt_json_add(NULL, "k", vt_json_object_new()));
	cr_assert_null(vt_json_append(NULL, vt_json_object_new()));
	cr_assert_null(vt_json_add(o, "k", NULL));
	cr_assert_null(vt_json_add_string(NULL, "k", "v"));
	char *s = print_value(o, VT_FORMAT_NDJSON);
	cr_expect_str_eq(s, "{}\n");
	free(s);
	vt_json_free(o);
	vt_json_free(a);
	vt_json_free(NULL);
}

static char *print(const char *text, enum vt_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct vt_json *o = vt_json_object_new();
	cr_assert_not_null(vt_json_add_string(o, "detail", text));
	cr_assert_eq(vt_json_print(fp, o, fmt), 0);
	vt_json_free(o);
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
