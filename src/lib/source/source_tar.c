/* Tar archives (zone bundles), read as streams (nothing is ever extracted):
 * the gzip layer is inflated by decompress.h (ISA-L or zlib, the same
 * inflater as .gz logs) and libarchive walks the plain tar it hands out
 * through a read callback. */
#include "source/source_int.h"

#include "vmtriage/decompress.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Inflated tar handed to libarchive per callback. ISA-L keeps 32 KiB of
 * history by copying it after every call, so larger blocks copy less; past
 * 256 KiB the block falls out of L2 before libarchive copies it out
 * (bench/run tree, best CPU s of 6 with ISA-L / zlib: 32 KiB 0.68 / 1.04,
 * 64 KiB 0.66 / 1.01, 128 KiB 0.65 / 0.99, 256 KiB 0.61 / 0.95; 1 MiB
 * was 0.02 s slower than 256 KiB in another run). */
#define BLOCK (256u * 1024u)

/* ---- tar ---- */

/* One open .tar.gz: the inflater over the file and libarchive over that. */
struct tar {
	struct archive *a;
	struct vt_decompress *gz;
	struct vt_stream tar_bytes; /* the inflated stream */
	bool failed;                /* the inflater failed: err says why */
	struct vt_error err;
	unsigned char block[BLOCK];
};

/* libarchive's read callback: a block of inflated tar. Whole blocks keep
 * tar headers from straddling blocks; an error after some bytes comes back
 * on the next call, so every byte before damage reaches the reader. */
static la_ssize_t tar_feed(struct archive *a, void *ctx, const void **buf)
{
	struct tar *t = ctx;
	size_t got = 0;
	while (got < sizeof t->block) {
		ssize_t r = t->tar_bytes.read(t->tar_bytes.ctx, t->block + got, sizeof t->block - got, &t->err);
		if (r < 0 && !got) {
			t->failed = true;
			archive_set_error(a, EIO, "%s", t->err.msg);
			return -1;
		}
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	*buf = t->block;
	return (la_ssize_t)got;
}

/* Why libarchive stopped: the inflater's own error when it was the cause. */
static const char *tar_why(const struct tar *t)
{
	const char *why = archive_error_string(t->a);
	return t->failed ? t->err.msg : why ? why : "read error";
}

static ssize_t tar_member_read(void *ctx, void *buf, size_t n, struct vt_error *err)
{
	struct tar *t = ctx;
	la_ssize_t r = archive_read_data(t->a, buf, n);
	if (r < 0) {
		vt_error_set(err, t->failed ? t->err.status : VT_ERR_IO, "%s, at compressed offset %llu", tar_why(t),
			     (unsigned long long)vt_decompress_in_bytes(t->gz));
		return -1;
	}
	return (ssize_t)r;
}

/* libarchive stops at the tar's end-of-archive blocks, before the gzip
 * trailer: inflate the rest of that member (record padding, a few KiB) so
 * its CRC-32 and size are checked. What follows the member (garbage, say)
 * is not read, as libarchive's own gzip reader never did. 0, or -1 with err
 * set. */
static int tar_finish(struct vt_container *c, struct tar *t, struct vt_error *err)
{
	/* failed: the inflater failed after the last block libarchive took */
	if (!t->failed && src_decompress_end_member(t->gz, t->block, sizeof t->block, &t->err) == 0)
		return 0;
	vt_error_set(err, t->err.status, "damaged after %u members, at compressed offset %llu: %s", c->index,
		     (unsigned long long)vt_decompress_in_bytes(t->gz), t->err.msg);
	return -1;
}

static int tar_next(struct vt_container *c, struct vt_error *err)
{
	struct tar *t = c->impl;
	struct archive_entry *e;

	for (;;) {
		int r = archive_read_next_header(t->a, &e);
		if (r == ARCHIVE_EOF)
			return tar_finish(c, t, err);
		if (r < ARCHIVE_WARN) {
			vt_error_set(err, VT_ERR_IO, "damaged after %u members, at compressed offset %llu: %s",
				     c->index, (unsigned long long)vt_decompress_in_bytes(t->gz), tar_why(t));
			return -1;
		}
		if (archive_entry_filetype(e) != AE_IFREG)
			continue; /* directories, links: no bytes to read */
		const char *name = archive_entry_pathname(e);
		if (src_container_set_name(c, name ? name : "?") < 0)
			return vt_error_set(err, VT_ERR_NOMEM, "out of memory"), -1;
		c->size = archive_entry_size_is_set(e) ? (uint64_t)archive_entry_size(e) : 0;
		c->mtime = (int64_t)archive_entry_mtime(e);
		c->inner.read = tar_member_read;
		c->inner.ctx = t;
		return 1;
	}
}

static void tar_stats(const struct vt_container *c, struct vt_decompress_stats *st)
{
	const struct tar *t = c->impl;
	if (t && t->gz)
		vt_decompress_get_stats(t->gz, st);
}

static void tar_close(struct vt_container *c)
{
	struct tar *t = c->impl;
	if (t) {
		if (t->a)
			archive_read_free(t->a);
		vt_decompress_free(t->gz);
		free(t);
	}
	c->impl = NULL;
}

static const struct src_container_ops tar_ops = { tar_next, tar_close, tar_stats };

/* Read the first bytes without moving the file offset. */
static ssize_t peek(int fd, unsigned char *buf, size_t n)
{
	ssize_t r = pread(fd, buf, n, 0);
	return r;
}

static int open_archive(struct vt_container *c, struct vt_error *err)
{
	struct tar *t = calloc(1, sizeof *t);
	if (!t)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	c->impl = t;
	t->gz = vt_decompress_new(vt_stream_fd(&c->fd), 0, err);
	if (!t->gz)
		return err ? err->status : VT_ERR_INPUT;
	vt_decompress_set_timing(t->gz, c->lim && c->lim->timing);
	/* The tar stream's CRC-32 and size are checked, as a .gz log's are
	 * (tar_finish reads up to the trailer). */
	t->tar_bytes = vt_decompress_stream(t->gz);
	/* Plain tar only: the gzip layer is already off. */
	if (!(t->a = archive_read_new()) || archive_read_support_format_tar(t->a) != ARCHIVE_OK)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	if (archive_read_open(t->a, t, NULL, tar_feed, NULL) != ARCHIVE_OK)
		return vt_error_set(err, t->failed ? t->err.status : VT_ERR_INPUT, "not readable as a tar archive: %s",
				    t->failed ? t->err.msg : archive_error_string(t->a) ? archive_error_string(t->a) : "unknown format");
	return VT_OK;
}

int src_container_init_tar(struct vt_container *c, struct vt_error *err)
{
	unsigned char magic[2];
	ssize_t n;

	c->ops = &tar_ops;
	c->fd = src_open_file(c->item->open_path, c->item->dev, c->item->ino, true, err);
	if (c->fd < 0)
		return err ? err->status : VT_ERR_IO;
	n = peek(c->fd, magic, sizeof magic);
	if (n == 0)
		return vt_error_set(err, VT_ERR_INPUT, "empty file");
	if (n < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
		return vt_error_set(err, VT_ERR_INPUT, "not a gzip file (starts with %02x %02x)",
				    n > 0 ? magic[0] : 0, n > 1 ? magic[1] : 0);
	return open_archive(c, err);
}
