/* The streaming JSON writer: valid JSON, exact escapes, both layouts. */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmtriage/jsonw.h"

static char *buf;
static size_t size;
static FILE *fp;
static struct vt_jw w;

static void open_writer(bool pretty)
{
	fp = open_memstream(&buf, &size);
	cr_assert_not_null(fp);
	vt_jw_init(&w, fp, pretty);
}

static const char *finish(void)
{
	vt_jw_flush(&w);
	fclose(fp);
	return buf;
}

Test(jsonw, writes_every_value_kind)
{
	const uint8_t b[] = { 0xf3, 0x6e };
	open_writer(false);
	vt_jw_object_begin(&w, NULL);
	vt_jw_string(&w, "s", "x");
	vt_jw_string(&w, "n", NULL);
	vt_jw_int(&w, "i", -42);
	vt_jw_int(&w, "big", 9007199254740993LL);
	vt_jw_bool(&w, "t", true);
	vt_jw_hex64(&w, "h", 0xfffc1234);
	vt_jw_hex64(&w, "z", 0);
	vt_jw_hexbytes(&w, "b", b, 2);
	vt_jw_array_begin(&w, "a");
	vt_jw_int(&w, NULL, 1);
	vt_jw_object_begin(&w, NULL);
	vt_jw_object_end(&w);
	vt_jw_array_end(&w);
	vt_jw_array_begin(&w, "empty");
	vt_jw_array_end(&w);
	vt_jw_object_end(&w);
	cr_assert_str_eq(finish(), "{\"s\":\"x\",\"n\":null,\"i\":-42,\"big\":9007199254740993,\"t\":true,"
				   "\"h\":\"0xfffc1234\",\"z\":\"0x0\",\"b\":\"f36e\",\"a\":[1,{}],\"empty\":[]}");
	free(buf);
}

Test(jsonw, escapes_quotes_backslashes_and_control_bytes_anywhere)
{
	/* Escapable bytes at every offset around the 8-byte fast path. */
	for (size_t at = 0; at < 20; at++) {
		for (const char *special = "\"\\\n\t\x01\x1f"; *special; special++) {
			char s[32];
			memset(s, 'a', sizeof s);
			s[at] = *special;
			s[24] = '\0';
			open_writer(false);
			vt_jw_string(&w, NULL, s);
			cJSON *j = cJSON_Parse(finish());
			cr_assert_not_null(j, "invalid JSON for byte 0x%02x at %zu: %s", *special, at, buf);
			cr_assert_str_eq(j->valuestring, s);
			cJSON_Delete(j);
			free(buf);
		}
	}
}

Test(jsonw, high_bytes_pass_through_unescaped)
{
	open_writer(false);
	vt_jw_string(&w, NULL, "caf\xc3\xa9 \xff\xfe");
	cr_assert_str_eq(finish(), "\"caf\xc3\xa9 \xff\xfe\"");
	free(buf);
}

Test(jsonw, pretty_layout_is_valid_and_indented)
{
	open_writer(true);
	vt_jw_object_begin(&w, NULL);
	vt_jw_int(&w, "a", 1);
	vt_jw_array_begin(&w, "b");
	vt_jw_bool(&w, NULL, false);
	vt_jw_array_end(&w);
	vt_jw_object_end(&w);
	cr_assert_str_eq(finish(), "{\n  \"a\": 1,\n  \"b\": [\n    false\n  ]\n}");
	free(buf);
}

Test(jsonw, output_larger_than_the_buffer_is_complete)
{
	static char big[100000];
	memset(big, 'q', sizeof big - 1);
	open_writer(false);
	vt_jw_array_begin(&w, NULL);
	for (int i = 0; i < 3; i++)
		vt_jw_string(&w, NULL, big);
	vt_jw_array_end(&w);
	cJSON *j = cJSON_Parse(finish());
	cr_assert_not_null(j);
	cr_assert_eq(cJSON_GetArraySize(j), 3);
	cr_assert_eq(strlen(cJSON_GetArrayItem(j, 2)->valuestring), sizeof big - 1);
	cJSON_Delete(j);
	free(buf);
}
