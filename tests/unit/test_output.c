/* output: JSON printing of text that came from hostile logs. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmtriage/output.h"

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
