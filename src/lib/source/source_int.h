/* Private to the source module: one container implementation per kind. */
#ifndef VMTRIAGE_SOURCE_INT_H
#define VMTRIAGE_SOURCE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/decompress.h"
#include "vmtriage/source.h"

struct archive;

struct src_container_ops {
	/* 1 member / 0 end / -1 damaged; fills c->name, c->size, c->mtime, c->inner. */
	int (*next)(struct vt_container *c, struct vt_error *err);
	void (*close)(struct vt_container *c);
	/* What reading cost (NULL: nothing is decompressed by vmtriage itself). */
	void (*stats)(const struct vt_container *c, struct vt_decompress_stats *st);
};


struct vt_container {
	const struct src_container_ops *ops;
	const struct vt_item *item;
	const struct vt_source_limits *lim;
	int fd;                   /* the item's file, or -1 */
	unsigned index;           /* members returned so far */
	bool independent;         /* a member's read error leaves the next readable */
	bool decompress;          /* members are decompressed by content (not a log item,
				   * which decompresses its one member itself) */
	struct vt_decompress *dec; /* the current member's, made on its first read */
	struct vt_decompress_stats dec_done; /* --stats: the members' decompressors, freed */
	bool dec_started;
	bool started;
	bool named;               /* a log named by the user: its member's stream is the
				   * decompressor's, whose errors and cap need no prefix */
	bool compressed_log;      /* a compressed log item: impl is its decompressor, and
				   * damage is placed by compressed offset (the inflated
				   * count at a cut differs by a few bytes between the
				   * inflate backends; where the input ends does not) */
	/* The current member. */
	char *name;
	uint64_t size;
	int64_t mtime;
	struct vt_stream inner;   /* kind-specific reader, wrapped to count and cap */
	uint64_t member_pos;
	void *impl;               /* kind-specific state */
	struct vt_fd_upto raw;    /* a log item's file, bounded (see above) */
};

/* Shared by the kinds (source_shared.c). */
/* Open a walked item's file read-only and check it is still that regular file. */
int src_open_file(const char *path, dev_t dev, ino_t ino, bool check_id, struct vt_error *err);
/* Set c->name to a copy of name (-1 when out of memory). */
int src_container_set_name(struct vt_container *c, const char *name);

/* libarchive helpers for the zip reader (tar has its own, source_tar.c). */
struct archive *src_archive_reader(bool tar, bool zip);
ssize_t src_archive_stream_read(void *ctx, void *buf, size_t n, struct vt_error *err);

/* Inflate (into buf, discarded) up to the end of the current gzip member,
 * so its trailer is checked, and no further: what follows a bundle's tar
 * stream is not read. 0, or -1 with err set (damage). */
int src_decompress_end_member(struct vt_decompress *d, void *buf, size_t n, struct vt_error *err);

int src_container_init_tar(struct vt_container *c, struct vt_error *err);
int src_container_init_log(struct vt_container *c, struct vt_error *err);
int src_container_init_named_log(struct vt_container *c, const char *path, struct vt_error *err);
int src_container_init_dir(struct vt_container *c, struct vt_error *err);
int src_container_init_zip(struct vt_container *c, struct vt_error *err);

/* The one inflate interface behind every gzip stream (zone bundles, .gz
 * logs): raw deflate data, and the CRC-32 of what it inflated, done by
 * ISA-L's igzip when built with it (VT_HAVE_ISAL), else by zlib. gzip's
 * header and trailer are read by gzip.c, the same for both, so headers,
 * member boundaries, trailing garbage and truncation read the same way
 * whichever backend is built. */
/* Buffers a step reads from and writes to; advanced past what it used. */
struct src_inflate_io {
	const uint8_t *in;
	size_t in_len;
	uint8_t *out;
	size_t out_len;
};

enum {
	SRC_INFLATE_MORE = 0,        /* give more input or more output room */
	SRC_INFLATE_END = 1,         /* the end of the deflate data (or of a member) */
	SRC_INFLATE_BAD_DATA = -1,   /* invalid deflate data */
	SRC_INFLATE_BAD_TRAILER = -2 /* CRC-32 or size in a gzip trailer does not match */
};

struct src_inflate;

/* NULL when out of memory. */
struct src_inflate *src_inflate_new(void);
void src_inflate_free(struct src_inflate *z);
/* Ready for the next member's deflate data; crc: compute the CRC-32 of
 * the output (zlib's costs about a fifth of inflating; ISA-L's next to nothing). */
void src_inflate_reset(struct src_inflate *z, bool crc);
/* Inflate as much as the buffers allow: SRC_INFLATE_MORE, SRC_INFLATE_END or
 * SRC_INFLATE_BAD_DATA. */
int src_inflate_step(struct src_inflate *z, struct src_inflate_io *io);
/* After SRC_INFLATE_END: input bytes the backend read past the end of the
 * deflate data (at most 8: they start the trailer) into past[], how many in
 * *npast; returns the CRC-32 of the output (0 unless asked for). */
uint32_t src_inflate_finish(struct src_inflate *z, uint8_t past[8], size_t *npast);
/* "isa-l" or "zlib": the backend this library was built with. */
const char *src_inflate_backend(void);

/* gzip members one after another (RFC 1952): the header is parsed here,
 * the deflate data and trailer go to the inflate backend (inflate.h), so
 * both backends see the same bytes and fail in the same places. */
struct src_gzip;

/* NULL when out of memory. check_crc: check each member's CRC-32 as well
 * as its size (ISIZE); it costs the zlib build a fifth of its inflate time. */
struct src_gzip *src_gzip_new(bool check_crc);
void src_gzip_free(struct src_gzip *g);
/* Change check_crc before the first src_gzip_step. */
void src_gzip_check_crc(struct src_gzip *g, bool on);
/* A member was read to its end and the next one's header is not yet read
 * (it may have failed: trailing garbage). */
bool src_gzip_between_members(const struct src_gzip *g);
/* Start reading the next member (after src_gzip_step returned SRC_INFLATE_END). */
void src_gzip_next_member(struct src_gzip *g);
/* Read the current member: SRC_INFLATE_MORE, SRC_INFLATE_END (member read and
 * checked) or < 0 with *why saying what is wrong (a static string). */
int src_gzip_step(struct src_gzip *g, struct src_inflate_io *io, const char **why);

#endif
