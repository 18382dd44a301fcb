/* gzip members (RFC 1952 2.3): the header parsed a byte at a time, so a
 * header split across reads is read the same as a whole one, the deflate
 * data by the backend, then the trailer: ISIZE always checked, CRC-32 when
 * asked (see src_gzip_new). */
#include "source/source_int.h"

#include <stdbool.h>
#include <stdlib.h>
#include <zlib.h>

enum { FHCRC = 0x02, FEXTRA = 0x04, FNAME = 0x08, FCOMMENT = 0x10, FRESERVED = 0xe0 };

enum part { FIXED, XLEN, EXTRA, NAME, COMMENT, HCRC, BODY, TRAILER };

struct src_gzip {
	struct src_inflate *z;
	enum part part;
	unsigned pos;          /* bytes of the current part read */
	unsigned flags;
	unsigned left;         /* FEXTRA bytes still to skip; the HCRC read so far */
	uLong hcrc;            /* CRC-32 of the header bytes before FHCRC */
	unsigned long members; /* members read to their end */
	bool check_crc;
	uint32_t size;         /* bytes inflated, mod 2^32 as ISIZE is */
	uint32_t crc;          /* the backend's CRC-32 of them */
	uint8_t trailer[8];
};

struct src_gzip *src_gzip_new(bool check_crc)
{
	struct src_gzip *g = calloc(1, sizeof *g);
	if (!g || !(g->z = src_inflate_new())) {
		free(g);
		return NULL;
	}
	g->check_crc = check_crc;
	src_gzip_next_member(g);
	g->members = 0;
	return g;
}

void src_gzip_free(struct src_gzip *g)
{
	if (!g)
		return;
	src_inflate_free(g->z);
	free(g);
}

void src_gzip_next_member(struct src_gzip *g)
{
	if (g->part == TRAILER)
		g->members++;
	g->part = FIXED;
	g->pos = g->flags = g->left = 0;
	g->size = 0;
	g->hcrc = crc32(0, NULL, 0);
	src_inflate_reset(g->z, g->check_crc);
}

/* The part after `p`, skipping optional fields the flags leave out. */
static enum part after(const struct src_gzip *g, enum part p)
{
	static const unsigned needs[] = { [XLEN] = FEXTRA, [EXTRA] = FEXTRA, [NAME] = FNAME,
					  [COMMENT] = FCOMMENT, [HCRC] = FHCRC };
	for (p++; p < BODY; p++)
		if (g->flags & needs[p])
			return p == EXTRA && g->left == 0 ? after(g, p) : p;
	return BODY;
}

static const char *fixed_byte(struct src_gzip *g, uint8_t b)
{
	switch (g->pos) {
	case 0:
	case 1:
		if (b == (g->pos ? 0x8b : 0x1f))
			return NULL;
		return g->members ? "trailing garbage: data after the last member is not gzip" : "not a gzip header";
	case 2:
		return b == 8 ? NULL : "unknown compression method";
	case 3:
		g->flags = b;
		return b & FRESERVED ? "reserved header flags set" : NULL;
	default:
		return NULL; /* mtime, xfl, os: not needed */
	}
}

/* One header byte; NULL, or what is wrong. */
static const char *header_byte(struct src_gzip *g, uint8_t b)
{
	const char *why = NULL;
	bool done = false;
	if (g->part != HCRC)
		g->hcrc = crc32(g->hcrc, &b, 1);
	switch (g->part) {
	case FIXED:
		why = fixed_byte(g, b);
		done = g->pos == 9;
		break;
	case XLEN:
		g->left |= (unsigned)b << (8 * g->pos);
		done = g->pos == 1;
		break;
	case EXTRA:
		done = --g->left == 0;
		break;
	case NAME:
	case COMMENT:
		done = b == 0;
		break;
	case HCRC:
		g->left |= (unsigned)b << (8 * g->pos);
		if ((done = g->pos == 1) && g->left != (g->hcrc & 0xffff))
			why = "header CRC mismatch";
		break;
	default:
		break;
	}
	g->pos++;
	if (done && !why) {
		if (g->part == HCRC)
			g->left = 0;
		g->part = after(g, g->part);
		g->pos = 0;
	}
	return why;
}

bool src_gzip_between_members(const struct src_gzip *g)
{
	return g->members > 0 && g->part < BODY;
}

void src_gzip_check_crc(struct src_gzip *g, bool on)
{
	g->check_crc = on;
	src_inflate_reset(g->z, on);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int trailer_bytes(struct src_gzip *g, const uint8_t *p, size_t n, const char **why)
{
	for (size_t i = 0; i < n && g->pos < sizeof g->trailer; i++)
		g->trailer[g->pos++] = p[i];
	if (g->pos < sizeof g->trailer)
		return SRC_INFLATE_MORE;
	if (le32(g->trailer + 4) != g->size || (g->check_crc && le32(g->trailer) != g->crc)) {
		*why = le32(g->trailer + 4) != g->size ? "the size in the trailer does not match the data"
							 : "the CRC-32 in the trailer does not match the data";
		return SRC_INFLATE_BAD_TRAILER;
	}
	return SRC_INFLATE_END;
}

static int body(struct src_gzip *g, struct src_inflate_io *io, const char **why)
{
	size_t room = io->out_len;
	int rc = src_inflate_step(g->z, io);
	g->size += (uint32_t)(room - io->out_len);
	if (rc == SRC_INFLATE_BAD_DATA)
		*why = "invalid deflate data";
	if (rc != SRC_INFLATE_END)
		return rc;
	uint8_t past[8];
	size_t npast;
	g->crc = src_inflate_finish(g->z, past, &npast);
	g->part = TRAILER;
	g->pos = 0;
	return trailer_bytes(g, past, npast, why);
}

int src_gzip_step(struct src_gzip *g, struct src_inflate_io *io, const char **why)
{
	while (g->part < BODY) {
		if (!io->in_len)
			return SRC_INFLATE_MORE;
		io->in_len--;
		if ((*why = header_byte(g, *io->in++)))
			return SRC_INFLATE_BAD_DATA;
	}
	if (g->part == BODY) {
		int rc = body(g, io, why);
		if (rc != SRC_INFLATE_MORE || g->part == BODY)
			return rc;
	}
	size_t take = sizeof g->trailer - g->pos < io->in_len ? sizeof g->trailer - g->pos : io->in_len;
	int rc = trailer_bytes(g, io->in, take, why);
	io->in += take;
	io->in_len -= take;
	return rc;
}
