/* gzip through decompress.h on the built inflate backend (ISA-L or zlib:
 * scripts/test and scripts/test --zlib run this on both): members with every
 * optional header field, fed a few bytes at a time so headers, deflate data
 * and trailers split anywhere; truncation at every byte; trailing garbage;
 * trailers that do not match. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <criterion/criterion.h>

#include "vmtriage/decompress.h"

enum { FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16 };

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* One member of `text` with the header fields `flags` asks for. */
static size_t member(const char *text, size_t n, unsigned flags, int level, uint8_t *out, size_t cap)
{
	size_t len = 0;
	const uint8_t fixed[10] = { 0x1f, 0x8b, 8, (uint8_t)flags, 1, 2, 3, 4, 0, 3 };
	memcpy(out, fixed, sizeof fixed);
	len = sizeof fixed;
	if (flags & FEXTRA) {
		memcpy(out + len, "\x06\x00" "AB\x02\x00xy", 8);
		len += 8;
	}
	if (flags & FNAME)
		len += (size_t)sprintf((char *)out + len, "%s", "60718293.tar.gz") + 1;
	if (flags & FCOMMENT)
		len += (size_t)sprintf((char *)out + len, "%s", "a comment") + 1;
	if (flags & FHCRC) {
		uint32_t c = (uint32_t)crc32(0, out, (uInt)len);
		out[len++] = (uint8_t)c;
		out[len++] = (uint8_t)(c >> 8);
	}
	z_stream z = { 0 };
	cr_assert_eq(deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (Bytef *)text;
	z.avail_in = (uInt)n;
	z.next_out = out + len;
	z.avail_out = (uInt)(cap - len - 8);
	cr_assert_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
	len += z.total_out;
	deflateEnd(&z);
	put32(out + len, (uint32_t)crc32(0, (const Bytef *)text, (uInt)n));
	put32(out + len + 4, (uint32_t)n);
	return len + 8;
}

/* A memory stream handing out at most `step` bytes a read. */
struct dribble {
	const uint8_t *p;
	size_t n, pos, step;
};

static ssize_t dribble_read(void *ctx, void *buf, size_t n, struct vt_error *err)
{
	struct dribble *d = ctx;
	(void)err;
	size_t k = d->n - d->pos;
	if (k > d->step)
		k = d->step;
	if (k > n)
		k = n;
	memcpy(buf, d->p + d->pos, k);
	d->pos += k;
	return (ssize_t)k;
}

/* Inflate data fed `step` bytes at a time, read `out_step` at a time. */
static int inflate_all(const uint8_t *data, size_t n, size_t step, size_t out_step, bool crc, char *out,
		       size_t cap, size_t *got, struct vt_error *err)
{
	struct dribble dr = { data, n, 0, step };
	struct vt_stream in = { dribble_read, &dr };
	struct vt_decompress *d = vt_decompress_new(in, 0, err);
	if (!d)
		return -1;
	vt_decompress_check_crc(d, crc);
	struct vt_stream s = vt_decompress_stream(d);
	ssize_t r;
	*got = 0;
	while ((r = s.read(s.ctx, out + *got, cap - *got < out_step ? cap - *got : out_step, err)) > 0)
		*got += (size_t)r;
	vt_decompress_free(d);
	return r < 0 ? -1 : 0;
}

static char *log_text(size_t n)
{
	char *t = malloc(n);
	uint32_t x = 12345;
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		/* Log-like: mostly repeated words, some noise, lines. */
		t[i] = i % 61 == 60 ? '\n' : (x >> 16) % 5 ? "Unhandled VM exit "[i % 18] : (char)('a' + (x >> 20) % 26);
	}
	return t;
}

Test(gzip, members_with_every_header_field_read_whole_at_any_split)
{
	size_t tn = 100000;
	char *text = log_text(tn);
	static uint8_t packed[1 << 20];
	static char out[1 << 21];
	static const unsigned flag_sets[] = { 0, FNAME, FEXTRA | FNAME | FCOMMENT | FHCRC, FHCRC, FEXTRA | FCOMMENT };
	size_t n = 0, want = 0;
	/* Members of different sizes (an empty one too) and levels, cat'ed. */
	for (size_t i = 0; i < 5; i++) {
		size_t len = i == 3 ? 0 : tn / (i + 1);
		n += member(text, len, flag_sets[i], i == 1 ? 1 : 9, packed + n, sizeof packed - n);
		want += len;
	}
	static const size_t steps[] = { 1, 2, 3, 7, 8, 9, 13, 100, 4093, 65536, 1 << 20 };
	for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++) {
		size_t out_step = steps[(s + 3) % (sizeof steps / sizeof steps[0])];
		size_t got;
		struct vt_error err;
		cr_assert_eq(inflate_all(packed, n, steps[s], out_step, true, out, sizeof out, &got, &err), 0,
			     "input %zu at a time: %s", steps[s], err.msg);
		cr_assert_eq(got, want, "input %zu at a time", steps[s]);
		size_t at = 0;
		for (size_t i = 0; i < 5; i++) {
			size_t len = i == 3 ? 0 : tn / (i + 1);
			cr_assert_eq(memcmp(out + at, text, len), 0, "member %zu, input %zu at a time", i, steps[s]);
			at += len;
		}
	}
	free(text);
}

Test(gzip, a_cut_anywhere_gives_a_prefix_then_ends_early)
{
	size_t tn = 20000;
	char *text = log_text(tn);
	static uint8_t packed[1 << 16];
	static char out[1 << 16];
	size_t one = member(text, tn, FNAME, 9, packed, sizeof packed);
	size_t n = one + member(text, tn, FHCRC, 6, packed + one, sizeof packed - one);
	for (size_t cut = 2; cut < n; cut++) {
		size_t got;
		struct vt_error err;
		int rc = inflate_all(packed, cut, cut % 7 ? 4096 : 5, 4096, true, out, sizeof out, &got, &err);
		if (cut == one) {
			cr_assert_eq(rc, 0, "a cut between members is a shorter stream: %s", err.msg);
			cr_assert_eq(got, tn);
			continue;
		}
		cr_assert_eq(rc, -1, "cut at %zu of %zu", cut, n);
		cr_assert_eq(err.status, VT_ERR_INPUT);
		cr_assert_str_eq(err.msg, "gzip data ends early (truncated file)", "cut at %zu", cut);
		cr_assert_eq(memcmp(out, text, got < tn ? got : tn), 0, "cut at %zu: not a prefix", cut);
		if (got > tn)
			cr_assert_eq(memcmp(out + tn, text, got - tn), 0, "cut at %zu: not a prefix", cut);
	}
	free(text);
}

static const char *error_of(uint8_t *packed, size_t n, bool crc, size_t *got)
{
	static char out[1 << 16];
	static struct vt_error err;
	if (inflate_all(packed, n, 1000, 4096, crc, out, sizeof out, got, &err) == 0)
		return NULL;
	cr_assert_eq(err.status, VT_ERR_INPUT);
	return err.msg;
}

Test(gzip, trailing_garbage_and_zeros_fail_after_every_byte_of_data)
{
	static const char text[] = "thread 'vcpu-0' panicked at x.rs:1:1:\nUnhandled VM exit\n";
	uint8_t packed[512];
	size_t n = member(text, strlen(text), FNAME, 9, packed, sizeof packed), got;
	memcpy(packed + n, "garbage", 7);
	const char *why = error_of(packed, n + 7, true, &got);
	cr_assert_str_eq(why, "corrupt gzip data (trailing garbage: data after the last member is not gzip)");
	cr_assert_eq(got, strlen(text), "every byte before the garbage is read");
	memset(packed + n, 0, 16);
	cr_assert_not_null(strstr(error_of(packed, n + 16, true, &got), "trailing garbage"));
	cr_assert_eq(got, strlen(text));
}

Test(gzip, trailer_size_is_always_checked_and_crc_unless_turned_off)
{
	static const char text[] = "18:41:28.637Z INFO a log line\n";
	uint8_t packed[512];
	size_t n = member(text, strlen(text), 0, 9, packed, sizeof packed), got;
	packed[n - 8] ^= 1; /* CRC-32 */
	cr_assert_str_eq(error_of(packed, n, true, &got),
			 "corrupt gzip data (the CRC-32 in the trailer does not match the data)");
	cr_assert_null(error_of(packed, n, false, &got), "CRC-32 not checked when turned off");
	cr_assert_eq(got, strlen(text));
	packed[n - 8] ^= 1;
	packed[n - 4] ^= 1; /* ISIZE */
	cr_assert_str_eq(error_of(packed, n, false, &got),
			 "corrupt gzip data (the size in the trailer does not match the data)");
}

Test(gzip, bad_headers_and_deflate_data_say_what_is_wrong)
{
	static const char text[] = "18:41:28.637Z INFO a log line\n";
	uint8_t packed[512];
	size_t n = member(text, strlen(text), FHCRC, 9, packed, sizeof packed), got;
	packed[2] = 7;
	cr_assert_str_eq(error_of(packed, n, true, &got), "corrupt gzip data (unknown compression method)");
	packed[2] = 8;
	packed[3] |= 0x80;
	cr_assert_str_eq(error_of(packed, n, true, &got), "corrupt gzip data (reserved header flags set)");
	packed[3] &= 0x7f;
	packed[4] ^= 1; /* mtime: under the header CRC */
	cr_assert_str_eq(error_of(packed, n, true, &got), "corrupt gzip data (header CRC mismatch)");
	packed[4] ^= 1;
	packed[12] = 0xff; /* first deflate byte: block type 3 does not exist */
	cr_assert_str_eq(error_of(packed, n, true, &got), "corrupt gzip data (invalid deflate data)");
}

Test(gzip, the_backend_is_named)
{
	const char *b = vt_decompress_gzip_backend();
	cr_assert(strcmp(b, "isa-l") == 0 || strcmp(b, "zlib") == 0, "%s", b);
}
