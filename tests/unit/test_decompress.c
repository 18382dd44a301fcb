/* Decompression by content: gzip, zstd, xz, concatenated members, bad input. */
#include <lzma.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include <criterion/criterion.h>

#include "gzip_helpers.h"
#include "vmtriage/decompress.h"

static const char text[] = "line one\nthread 'vcpu-0' panicked at x.rs:1:1:\nline three\n";

static size_t gzip(const void *in, size_t n, uint8_t *out, size_t cap)
{
	return test_gzip(in, n, out, cap, 6);
}

static size_t zstd(const void *in, size_t n, uint8_t *out, size_t cap)
{
	size_t r = ZSTD_compress(out, cap, in, n, 3);
	cr_assert(!ZSTD_isError(r));
	return r;
}

static size_t xz(const void *in, size_t n, uint8_t *out, size_t cap)
{
	size_t pos = 0;
	cr_assert_eq(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL, in, n, out, &pos, cap), LZMA_OK);
	return pos;
}

/* Read everything through vt_decompress in small reads. */
static int drain(const uint8_t *data, size_t n, uint64_t limit, char *out, size_t cap, size_t *got,
		 enum vt_compression *fmt, struct vt_error *err)
{
	struct vt_mem_stream m = { data, n, 0 };
	struct vt_decompress *d = vt_decompress_new(vt_stream_mem(&m), limit, err);
	if (!d)
		return -1;
	*fmt = vt_decompress_format(d);
	struct vt_stream s = vt_decompress_stream(d);
	ssize_t r;
	*got = 0;
	while ((r = s.read(s.ctx, out + *got, cap - *got < 7 ? cap - *got : 7, err)) > 0)
		*got += (size_t)r;
	vt_decompress_free(d);
	return r < 0 ? -1 : 0;
}

static void roundtrip(size_t (*pack)(const void *, size_t, uint8_t *, size_t), enum vt_compression want)
{
	uint8_t packed[1024];
	char out[1024];
	size_t n = pack(text, strlen(text), packed, sizeof packed), got;
	/* Two members back to back, as cat a.gz b.gz gives. */
	n += pack(text, strlen(text), packed + n, sizeof packed - n);
	enum vt_compression fmt;
	struct vt_error err;
	cr_assert_eq(drain(packed, n, 0, out, sizeof out, &got, &fmt, &err), 0, "%s", err.msg);
	cr_assert_eq(fmt, want);
	cr_assert_eq(got, 2 * strlen(text));
	cr_assert_eq(memcmp(out, text, strlen(text)), 0);
	cr_assert_eq(memcmp(out + strlen(text), text, strlen(text)), 0);
	/* Cut in the middle: an error that says so, not silence. */
	cr_assert_eq(drain(packed, n / 4, 0, out, sizeof out, &got, &fmt, &err), -1);
	cr_assert_eq(err.status, VT_ERR_INPUT);
}

Test(decompress, gzip_is_detected_by_magic_and_concatenated_members_are_read)
{
	roundtrip(gzip, VT_COMPRESSION_GZIP);
}

Test(decompress, zstd_is_detected_by_magic_and_concatenated_frames_are_read)
{
	roundtrip(zstd, VT_COMPRESSION_ZSTD);
}

Test(decompress, xz_is_detected_by_magic_and_concatenated_streams_are_read)
{
	roundtrip(xz, VT_COMPRESSION_XZ);
}

Test(decompress, plain_text_passes_through_unchanged_even_when_shorter_than_a_magic)
{
	char out[256];
	size_t got;
	enum vt_compression fmt;
	struct vt_error err;
	cr_assert_eq(drain((const uint8_t *)text, strlen(text), 0, out, sizeof out, &got, &fmt, &err), 0);
	cr_assert_eq(fmt, VT_COMPRESSION_NONE);
	cr_assert_eq(got, strlen(text));
	cr_assert_eq(drain((const uint8_t *)"\x1f", 1, 0, out, sizeof out, &got, &fmt, &err), 0);
	cr_assert_eq(fmt, VT_COMPRESSION_NONE);
	cr_assert_eq(got, 1);
	cr_assert_eq(drain((const uint8_t *)"", 0, 0, out, sizeof out, &got, &fmt, &err), 0);
	cr_assert_eq(got, 0);
}

Test(decompress, corrupt_gzip_body_is_an_input_error)
{
	uint8_t packed[512];
	char out[512];
	size_t n = gzip(text, strlen(text), packed, sizeof packed), got;
	for (size_t i = 10; i < n - 8; i++)
		packed[i] ^= 0x5a;
	enum vt_compression fmt;
	struct vt_error err;
	cr_assert_eq(drain(packed, n, 0, out, sizeof out, &got, &fmt, &err), -1);
	cr_assert_eq(err.status, VT_ERR_INPUT);
	cr_assert_not_null(strstr(err.msg, "gzip"));
}

Test(decompress, output_past_the_limit_fails_with_a_limit_error)
{
	static char big[1 << 20];
	static uint8_t packed[1 << 16];
	static char out[1 << 20];
	memset(big, 'x', sizeof big);
	size_t n = zstd(big, sizeof big, packed, sizeof packed), got;
	enum vt_compression fmt;
	struct vt_error err;
	cr_assert_eq(drain(packed, n, 4096, out, sizeof out, &got, &fmt, &err), -1);
	cr_assert_eq(err.status, VT_ERR_LIMIT);
	cr_assert_leq(got, 4096 + 7);
}

Test(decompress, names_and_detection_agree)
{
	cr_assert_str_eq(vt_compression_name(VT_COMPRESSION_XZ), "xz");
	cr_assert_eq(vt_compression_detect("\x28\xb5\x2f\xfd", 4), VT_COMPRESSION_ZSTD);
	cr_assert_eq(vt_compression_detect("\xfd" "7zXZ", 5), VT_COMPRESSION_NONE, "xz magic is 6 bytes");
}
