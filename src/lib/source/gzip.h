/* gzip members one after another (RFC 1952): the header is parsed here,
 * the deflate data and trailer go to the inflate backend (inflate.h), so
 * both backends see the same bytes and fail in the same places. */
#ifndef VMTRIAGE_SOURCE_GZIP_H
#define VMTRIAGE_SOURCE_GZIP_H

#include <stdbool.h>

#include "source/inflate.h"

struct vt_gzip;

/* NULL when out of memory. check_crc: check each member's CRC-32 as well
 * as its size (ISIZE); it costs the zlib build a fifth of its inflate time. */
struct vt_gzip *vt_gzip_new(bool check_crc);
void vt_gzip_free(struct vt_gzip *g);
/* Change check_crc before the first vt_gzip_step. */
void vt_gzip_check_crc(struct vt_gzip *g, bool on);
/* Start reading the next member (after vt_gzip_step returned VT_INFLATE_END). */
void vt_gzip_next_member(struct vt_gzip *g);
/* Read the current member: VT_INFLATE_MORE, VT_INFLATE_END (member read and
 * checked) or < 0 with *why saying what is wrong (a static string). */
int vt_gzip_step(struct vt_gzip *g, struct vt_inflate_io *io, const char **why);

#endif
