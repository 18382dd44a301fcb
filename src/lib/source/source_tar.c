/* Tar archives (zone bundles), read as streams with libarchive (nothing is
 * ever extracted), and single logs through decompress.h. */
#include "source/source_impl.h"

#include "vmtriage/decompress.h"

#include <archive.h>
#include <errno.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK (128u * 1024u)

struct archive *vt_archive_reader(bool tar, bool zip)
{
	struct archive *a = archive_read_new();
	if (!a)
		return NULL;
	archive_read_support_filter_all(a);
	if (tar)
		archive_read_support_format_tar(a);
	if (zip)
		archive_read_support_format_zip(a);
	return a;
}

ssize_t vt_archive_stream_read(void *ctx, void *buf, size_t n, struct vt_error *err)
{
	struct archive *a = ctx;
	la_ssize_t r = archive_read_data(a, buf, n);
	if (r < 0) {
		const char *why = archive_error_string(a);
		/* libarchive says ENOMEM for its own allocations: a resource failure, not damage. */
		vt_error_set(err, archive_errno(a) == ENOMEM ? VT_ERR_NOMEM : VT_ERR_IO,
			     "%s (compressed offset %lld)", why ? why : "read error",
			     (long long)archive_filter_bytes(a, -1));
		return -1;
	}
	return (ssize_t)r;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

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
		if (vt_container_set_name(c, name ? name : "?") < 0)
			return vt_error_set(err, VT_ERR_NOMEM, "out of memory"), -1;
		c->size = archive_entry_size_is_set(e) ? (uint64_t)archive_entry_size(e) : 0;
		c->mtime = (int64_t)archive_entry_mtime(e);
		c->inner.read = vt_archive_stream_read;
		c->inner.ctx = a;
		return 1;
	}
}

static uint64_t archive_raw_offset(const struct vt_container *c)
{
	return c->impl ? (uint64_t)archive_filter_bytes(c->impl, -1) : 0;
}

static void archive_close(struct vt_container *c)
{
	if (c->impl)
		archive_read_free(c->impl);
	c->impl = NULL;
}

static const struct vt_container_ops tar_ops = { tar_next, archive_raw_offset, archive_close };

/* Read the first bytes without moving the file offset. */
static ssize_t peek(int fd, unsigned char *buf, size_t n)
{
	ssize_t r = pread(fd, buf, n, 0);
	return r;
}

static int open_archive(struct vt_container *c, struct vt_error *err)
{
	struct archive *a = vt_archive_reader(true, false);
	if (!a)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	c->impl = a;
	if (archive_read_open_fd(a, c->fd, BLOCK) != ARCHIVE_OK) {
		const char *why = archive_error_string(a);
		return vt_error_set(err, VT_ERR_INPUT, "not readable as a tar archive: %s", why ? why : "unknown format");
	}
	return VT_OK;
}

int vt_container_init_tar(struct vt_container *c, struct vt_error *err)
{
	unsigned char magic[2];
	ssize_t n;

	c->ops = &tar_ops;
	c->fd = vt_source_open_file(c->item->open_path, c->item->dev, c->item->ino, true, err);
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

/* ---- single logs: plain or compressed (decompress.h knows by the magic) ---- */

static int log_next(struct vt_container *c, struct vt_error *err)
{
	(void)err;
	if (c->started)
		return 0;
	c->started = true;
	return 1;
}

static uint64_t log_raw_offset(const struct vt_container *c)
{
	return c->impl ? vt_decompress_in_bytes(c->impl) : 0;
}

static void log_close(struct vt_container *c)
{
	vt_decompress_free(c->impl);
	c->impl = NULL;
}

static const struct vt_container_ops log_ops = { log_next, log_raw_offset, log_close };

int vt_container_init_log(struct vt_container *c, struct vt_error *err)
{
	c->ops = &log_ops;
	c->fd = vt_source_open_file(c->item->open_path, c->item->dev, c->item->ino, true, err);
	if (c->fd < 0)
		return err ? err->status : VT_ERR_IO;
	if (vt_container_set_name(c, base_name(c->item->path)) < 0)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	c->size = c->item->size;
	c->mtime = c->item->mtime;
	int rc = vt_fd_upto_init(&c->raw, &c->fd, err);
	if (rc != VT_OK)
		return rc;
	struct vt_stream raw = { vt_fd_upto_read, &c->raw };
	c->impl = vt_decompress_new(raw, c->lim ? c->lim->max_member : 0, err);
	if (!c->impl)
		return err ? err->status : VT_ERR_INPUT;
	c->inner = vt_decompress_stream(c->impl);
	return VT_OK;
}
