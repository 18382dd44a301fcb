/* The bounded line reader every log reader uses. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "vmtriage/stream.h"

struct collected {
	char lines[16][64];
	bool cut[16];
	int n;
};

static int read_all(const char *data, size_t size, size_t max, struct collected *c)
{
	struct vt_mem_stream m = { (const uint8_t *)data, size, 0 };
	struct vt_lines *l = vt_lines_new(vt_stream_mem(&m), max);
	struct vt_error err;
	const char *line;
	size_t len;
	bool cut;
	int r;
	memset(c, 0, sizeof *c);
	while ((r = vt_lines_next(l, &line, &len, &cut, &err)) > 0 && c->n < 16) {
		snprintf(c->lines[c->n], 64, "%.*s", (int)len, line);
		c->cut[c->n++] = cut;
	}
	vt_lines_free(l);
	return r;
}

Test(stream, splits_lines_and_strips_crlf)
{
	struct collected c;
	const char text[] = "one\r\ntwo\nthree";
	cr_assert_eq(read_all(text, strlen(text), 0, &c), 0);
	cr_assert_eq(c.n, 3);
	cr_assert_str_eq(c.lines[0], "one");
	cr_assert_str_eq(c.lines[1], "two");
	cr_assert_str_eq(c.lines[2], "three", "last line without newline is kept");
}

Test(stream, long_lines_are_cut_and_flagged)
{
	struct collected c;
	const char text[] = "0123456789abcdef\nshort\n";
	read_all(text, strlen(text), 8, &c);
	cr_assert_eq(c.n, 2);
	cr_assert_str_eq(c.lines[0], "01234567");
	cr_assert(c.cut[0]);
	cr_assert_str_eq(c.lines[1], "short");
	cr_assert_not(c.cut[1]);
}

Test(stream, nul_bytes_are_kept_in_the_line)
{
	struct vt_mem_stream m = { (const uint8_t *)"a\0b\nc\n", 6, 0 };
	struct vt_lines *l = vt_lines_new(vt_stream_mem(&m), 0);
	const char *line;
	size_t len;
	bool cut;
	cr_assert_eq(vt_lines_next(l, &line, &len, &cut, NULL), 1);
	cr_assert_eq(len, 3);
	cr_assert_eq(vt_lines_number(l), 1);
	cr_assert_eq(vt_lines_next(l, &line, &len, &cut, NULL), 1);
	cr_assert_eq(vt_lines_number(l), 2);
	cr_assert_eq(vt_lines_next(l, &line, &len, &cut, NULL), 0);
	cr_assert_eq(vt_lines_offset(l), 6);
	vt_lines_free(l);
}

Test(stream, lines_spanning_read_chunks_are_joined)
{
	/* 600 KiB of one line crosses the 256 KiB read chunk twice. */
	size_t size = 600 * 1024;
	char *big = malloc(size + 3);
	memset(big, 'x', size);
	memcpy(big + size, "\ny\n", 3);
	struct vt_mem_stream m = { (const uint8_t *)big, size + 3, 0 };
	struct vt_lines *l = vt_lines_new(vt_stream_mem(&m), 0);
	const char *line;
	size_t len;
	bool cut;
	cr_assert_eq(vt_lines_next(l, &line, &len, &cut, NULL), 1);
	cr_assert_eq(len, size);
	cr_assert_not(cut);
	cr_assert_eq(vt_lines_next(l, &line, &len, &cut, NULL), 1);
	cr_assert_eq(len, 1);
	vt_lines_free(l);
	free(big);
}
