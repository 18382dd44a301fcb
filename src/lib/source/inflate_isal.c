/* The ISA-L (igzip) inflate backend, built with VT_HAVE_ISAL: raw deflate
 * (ISAL_DEFLATE, or ISAL_GZIP_NO_HDR for the CRC-32), about twice zlib's
 * speed. Header and trailer are gzip.c's: isal_inflate's own gzip header
 * reader forgets the header's flags when a header arrives in pieces (it
 * resumes from a fresh struct), which concatenated members at a buffer
 * boundary would meet. */
#include "source/source_int.h"

#ifdef VT_HAVE_ISAL

#include <isa-l/igzip_lib.h>
#include <stdlib.h>

struct src_inflate {
	struct inflate_state s;
};

const char *src_inflate_backend(void)
{
	return "isa-l";
}

struct src_inflate *src_inflate_new(void)
{
	struct src_inflate *z = malloc(sizeof *z);
	if (z)
		isal_inflate_init(&z->s);
	return z;
}

void src_inflate_free(struct src_inflate *z)
{
	free(z);
}

void src_inflate_reset(struct src_inflate *z, bool crc)
{
	isal_inflate_reset(&z->s);
	z->s.crc_flag = crc ? ISAL_GZIP_NO_HDR : ISAL_DEFLATE;
}

int src_inflate_step(struct src_inflate *z, struct src_inflate_io *io)
{
	uint32_t in = io->in_len > UINT32_MAX ? UINT32_MAX : (uint32_t)io->in_len;
	uint32_t out = io->out_len > UINT32_MAX ? UINT32_MAX : (uint32_t)io->out_len;
	z->s.next_in = (uint8_t *)io->in;
	z->s.avail_in = in;
	z->s.next_out = io->out;
	z->s.avail_out = out;
	int rc = isal_inflate(&z->s);
	io->in += in - z->s.avail_in;
	io->in_len -= in - z->s.avail_in;
	io->out += out - z->s.avail_out;
	io->out_len -= out - z->s.avail_out;
	if (rc < 0)
		return SRC_INFLATE_BAD_DATA;
	return z->s.block_state == ISAL_BLOCK_FINISH ? SRC_INFLATE_END : SRC_INFLATE_MORE;
}

uint32_t src_inflate_finish(struct src_inflate *z, uint8_t past[8], size_t *npast)
{
	/* igzip loads input 8 bytes at a time: whole bytes still in its bit
	 * buffer after the last block are the trailer's (ISA-L 2.32 moves
	 * next_in back over them itself; 2.30, Debian 12's, does not). The low
	 * read_in_length % 8 bits are the last byte's padding. */
	unsigned pad = (unsigned)z->s.read_in_length % 8;
	size_t n = (size_t)z->s.read_in_length / 8;
	for (size_t i = 0; i < n && i < 8; i++)
		past[i] = (uint8_t)(z->s.read_in >> (pad + 8 * i));
	*npast = n < 8 ? n : 8;
	z->s.read_in = 0;
	z->s.read_in_length = 0;
	return z->s.crc;
}

#else
typedef int src_inflate_isal_unused; /* ISO C wants something in a file */
#endif
