/* Tar archives (zone bundles), read as streams with libarchive (nothing is
 * ever extracted). */
#include "source/source_int.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK (128u * 1024u)

/* ---- tar ---- */

static int tar_next(struct vt_container *c, struct vt_error *err)
{
	struct archive *a = c->impl;
	struct archive_entry *e;

	for (;;) {
		int r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			return 0;
		if (r < ARCHIVE_WARN) {
			const char *why = archive_error_string(a);
			vt_error_set(err, VT_ERR_IO, "damaged after %u members, at compressed offset %lld: %s",
				     c->index, (long long)archive_filter_bytes(a, -1), why ? why : "read error");
			return -1;
		}
		if (archive_entry_filetype(e) != AE_IFREG)
			continue; /* directories, links: no bytes to read */
		const char *name = archive_entry_pathname(e);
		if (src_container_set_name(c, name ? name : "?") < 0)
			return vt_error_set(err, VT_ERR_NOMEM, "out of memory"), -1;
		c->size = archive_entry_size_is_set(e) ? (uint64_t)archive_entry_size(e) : 0;
		c->mtime = (int64_t)archive_entry_mtime(e);
		c->inner.read = src_archive_stream_read;
		c->inner.ctx = a;
		return 1;
	}
}

static void archive_close(struct vt_container *c)
{
	if (c->impl)
		archive_read_free(c->impl);
	c->impl = NULL;
}

static const struct src_container_ops tar_ops = { tar_next, archive_close };

/* Read the first bytes without moving the file offset. */
static ssize_t peek(int fd, unsigned char *buf, size_t n)
{
	ssize_t r = pread(fd, buf, n, 0);
	return r;
}

static int open_archive(struct vt_container *c, struct vt_error *err)
{
	struct archive *a = src_archive_reader(true, false);
	if (!a)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	c->impl = a;
	if (archive_read_open_fd(a, c->fd, BLOCK) != ARCHIVE_OK) {
		const char *why = archive_error_string(a);
		return vt_error_set(err, VT_ERR_INPUT, "not readable as a tar archive: %s", why ? why : "unknown format");
	}
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
