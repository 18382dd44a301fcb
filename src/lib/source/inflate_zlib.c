/* The zlib inflate backend (built when ISA-L is not: VMTRIAGE_ISAL=OFF or
 * not found). Raw deflate; the trailer is checked here, as inflate_isal.c's
 * ISAL_GZIP_NO_HDR_VER does, so both backends start at the same byte. */
#include "source/inflate.h"

#ifndef VT_HAVE_ISAL

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

struct vt_inflate {
	z_stream z;
	bool in_trailer;
	uint8_t trailer[8];
	unsigned have;       /* trailer bytes gathered */
	uLong crc;
	uint32_t size;       /* bytes out, mod 2^32 as ISIZE is */
};

const char *vt_inflate_backend(void)
{
	return "zlib";
}

struct vt_inflate *vt_inflate_new(void)
{
	struct vt_inflate *z = calloc(1, sizeof *z);
	/* Negative window bits: raw deflate, no zlib or gzip wrapper. */
	if (!z || inflateInit2(&z->z, -MAX_WBITS) != Z_OK) {
		free(z);
		return NULL;
	}
	z->crc = crc32(0, NULL, 0);
	return z;
}

void vt_inflate_free(struct vt_inflate *z)
{
	if (!z)
		return;
	inflateEnd(&z->z);
	free(z);
}

void vt_inflate_reset(struct vt_inflate *z)
{
	inflateReset(&z->z);
	z->in_trailer = false;
	z->have = 0;
	z->crc = crc32(0, NULL, 0);
	z->size = 0;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int read_trailer(struct vt_inflate *z, struct vt_inflate_io *io)
{
	size_t take = sizeof z->trailer - z->have;
	if (take > io->in_len)
		take = io->in_len;
	memcpy(z->trailer + z->have, io->in, take);
	z->have += (unsigned)take;
	io->in += take;
	io->in_len -= take;
	if (z->have < sizeof z->trailer)
		return VT_INFLATE_MORE;
	if (le32(z->trailer) != (uint32_t)z->crc || le32(z->trailer + 4) != z->size)
		return VT_INFLATE_BAD_TRAILER;
	return VT_INFLATE_END;
}

int vt_inflate_step(struct vt_inflate *z, struct vt_inflate_io *io)
{
	if (!z->in_trailer) {
		uInt in = io->in_len > UINT_MAX ? UINT_MAX : (uInt)io->in_len;
		uInt out = io->out_len > UINT_MAX ? UINT_MAX : (uInt)io->out_len;
		z->z.next_in = (Bytef *)io->in;
		z->z.avail_in = in;
		z->z.next_out = io->out;
		z->z.avail_out = out;
		int rc = inflate(&z->z, Z_NO_FLUSH);
		size_t made = out - z->z.avail_out;
		z->crc = crc32(z->crc, io->out, (uInt)made);
		z->size += (uint32_t)made;
		io->in += in - z->z.avail_in;
		io->in_len -= in - z->z.avail_in;
		io->out += made;
		io->out_len -= made;
		if (rc == Z_STREAM_END)
			z->in_trailer = true;
		else if (rc != Z_OK && rc != Z_BUF_ERROR)
			return VT_INFLATE_BAD_DATA;
	}
	return z->in_trailer ? read_trailer(z, io) : VT_INFLATE_MORE;
}

#else
typedef int vt_inflate_zlib_unused; /* ISO C wants something in a file */
#endif
