/* The zlib inflate backend (built when ISA-L is not: VMTRIAGE_ISAL=OFF or
 * not found): raw deflate, so gzip.c reads header and trailer for both. */
#include "source/source_int.h"

#ifndef VT_HAVE_ISAL

#include <stdlib.h>
#include <zlib.h>

struct src_inflate {
	z_stream z;
	bool crc_on;
	uLong crc;
};

const char *src_inflate_backend(void)
{
	return "zlib";
}

struct src_inflate *src_inflate_new(void)
{
	struct src_inflate *z = calloc(1, sizeof *z);
	/* Negative window bits: raw deflate, no zlib or gzip wrapper. */
	if (!z || inflateInit2(&z->z, -MAX_WBITS) != Z_OK) {
		free(z);
		return NULL;
	}
	return z;
}

void src_inflate_free(struct src_inflate *z)
{
	if (!z)
		return;
	inflateEnd(&z->z);
	free(z);
}

void src_inflate_reset(struct src_inflate *z, bool crc)
{
	inflateReset(&z->z);
	z->crc_on = crc;
	z->crc = crc32(0, NULL, 0);
}

int src_inflate_step(struct src_inflate *z, struct src_inflate_io *io)
{
	uInt in = io->in_len > UINT_MAX ? UINT_MAX : (uInt)io->in_len;
	uInt out = io->out_len > UINT_MAX ? UINT_MAX : (uInt)io->out_len;
	z->z.next_in = (Bytef *)io->in;
	z->z.avail_in = in;
	z->z.next_out = io->out;
	z->z.avail_out = out;
	int rc = inflate(&z->z, Z_NO_FLUSH);
	size_t made = out - z->z.avail_out;
	if (z->crc_on)
		z->crc = crc32(z->crc, io->out, (uInt)made);
	io->in += in - z->z.avail_in;
	io->in_len -= in - z->z.avail_in;
	io->out += made;
	io->out_len -= made;
	if (rc == Z_STREAM_END)
		return SRC_INFLATE_END;
	return rc == Z_OK || rc == Z_BUF_ERROR ? SRC_INFLATE_MORE : SRC_INFLATE_BAD_DATA;
}

uint32_t src_inflate_finish(struct src_inflate *z, uint8_t past[8], size_t *npast)
{
	(void)past;
	/* zlib pulls input a byte at a time as codes need it: at the end it
	 * holds only the last byte's padding bits, and next_in is the trailer. */
	*npast = 0;
	return (uint32_t)z->crc;
}

#else
typedef int src_inflate_zlib_unused; /* ISO C wants something in a file */
#endif
