/* The one inflate interface behind every gzip stream (zone bundles, .gz
 * logs): raw deflate data, and the CRC-32 of what it inflated, done by
 * ISA-L's igzip when built with it (VT_HAVE_ISAL), else by zlib. gzip's
 * header and trailer are read by gzip.c, the same for both, so headers,
 * member boundaries, trailing garbage and truncation read the same way
 * whichever backend is built. */
#ifndef VMTRIAGE_SOURCE_INFLATE_H
#define VMTRIAGE_SOURCE_INFLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Buffers a step reads from and writes to; advanced past what it used. */
struct vt_inflate_io {
	const uint8_t *in;
	size_t in_len;
	uint8_t *out;
	size_t out_len;
};

enum {
	VT_INFLATE_MORE = 0,        /* give more input or more output room */
	VT_INFLATE_END = 1,         /* the end of the deflate data (or of a member) */
	VT_INFLATE_BAD_DATA = -1,   /* invalid deflate data */
	VT_INFLATE_BAD_TRAILER = -2 /* CRC-32 or size in a gzip trailer does not match */
};

struct vt_inflate;

/* NULL when out of memory. */
struct vt_inflate *vt_inflate_new(void);
void vt_inflate_free(struct vt_inflate *z);
/* Ready for the next member's deflate data; crc: compute the CRC-32 of
 * the output (zlib's costs about a fifth of inflating; ISA-L's next to nothing). */
void vt_inflate_reset(struct vt_inflate *z, bool crc);
/* Inflate as much as the buffers allow: VT_INFLATE_MORE, VT_INFLATE_END or
 * VT_INFLATE_BAD_DATA. */
int vt_inflate_step(struct vt_inflate *z, struct vt_inflate_io *io);
/* After VT_INFLATE_END: input bytes the backend read past the end of the
 * deflate data (at most 8: they start the trailer) into past[], how many in
 * *npast; returns the CRC-32 of the output (0 unless asked for). */
uint32_t vt_inflate_finish(struct vt_inflate *z, uint8_t past[8], size_t *npast);
/* "isa-l" or "zlib": the backend this library was built with. */
const char *vt_inflate_backend(void);

#endif
