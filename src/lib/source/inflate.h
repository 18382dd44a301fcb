/* The one inflate interface behind every gzip stream (zone bundles, .gz
 * logs): raw deflate data and the gzip trailer after it (CRC-32 and size),
 * done by ISA-L's igzip when built with it (VT_HAVE_ISAL), else by zlib.
 * The gzip header is parsed by gzip.c, the same for both, so headers,
 * member boundaries, trailing garbage and truncation read the same way
 * whichever backend is built. */
#ifndef VMTRIAGE_SOURCE_INFLATE_H
#define VMTRIAGE_SOURCE_INFLATE_H

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
	VT_INFLATE_END = 1,         /* deflate data and trailer read and checked */
	VT_INFLATE_BAD_DATA = -1,   /* invalid deflate data */
	VT_INFLATE_BAD_TRAILER = -2 /* CRC-32 or size in the trailer does not match */
};

struct vt_inflate;

/* NULL when out of memory. */
struct vt_inflate *vt_inflate_new(void);
void vt_inflate_free(struct vt_inflate *z);
/* Ready for the next member's deflate data. */
void vt_inflate_reset(struct vt_inflate *z);
/* Inflate as much as the buffers allow: a VT_INFLATE_* code. */
int vt_inflate_step(struct vt_inflate *z, struct vt_inflate_io *io);
/* "isa-l" or "zlib": the backend this library was built with. */
const char *vt_inflate_backend(void);

#endif
