/* One gzip member of in[0..n) into out (at most cap bytes), with zlib at
 * `level`: for tests that build their own .gz and .tar.gz inputs. */
#ifndef VT_TEST_GZIP_HELPERS_H
#define VT_TEST_GZIP_HELPERS_H

#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#include <criterion/criterion.h>

static inline size_t test_gzip(const void *in, size_t n, uint8_t *out, size_t cap, int level)
{
	z_stream z = { 0 };
	cr_assert_eq(deflateInit2(&z, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	cr_assert_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
	size_t len = cap - z.avail_out;
	deflateEnd(&z);
	return len;
}

#endif
