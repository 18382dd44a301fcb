/* Zip files (support bundles, a sled's logs.zip): libzip reads what it can
 * inflate; members it cannot (Zstandard, method 93, with bookworm's libzip
 * 1.7.3) come from libarchive, which also takes over a zip libzip cannot
 * open at all (truncated: no central directory). */
#include "source/source_int.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

struct zip_state {
	zip_t *z;               /* NULL: libarchive reads everything */
	zip_int64_t n, i;
	zip_file_t *f;
	struct archive *a;      /* for members libzip cannot inflate */
	int afd;
	zip_int64_t a_next;     /* index of the side reader's next entry */
	bool a_broken;          /* a read failed: reopen before the next seek */
	char why[128];          /* a member neither library can read */
	/* --stats: the current member's compressed and whole sizes and the
	 * bytes it gave so far; the finished members' totals. */
	uint64_t cur_comp, cur_size, cur_out;
	bool cur_stored;
	uint64_t read, inflated;
};

/* A member's share of the file: its compressed size in proportion to what
 * was read of it (libzip and libarchive read the file themselves). */
static void member_totals(const struct zip_state *s, uint64_t *read, uint64_t *inflated)
{
	uint64_t comp = s->cur_out >= s->cur_size ? s->cur_comp
		      : (uint64_t)((double)s->cur_comp * (double)s->cur_out / (double)s->cur_size);
	*read = s->read + (s->cur_stored ? s->cur_out : comp);
	*inflated = s->inflated + (s->cur_stored ? 0 : s->cur_out);
}

static void member_start(struct zip_state *s, uint64_t comp, uint64_t size, bool stored)
{
	member_totals(s, &s->read, &s->inflated);
	s->cur_comp = comp;
	s->cur_size = size;
	s->cur_out = 0;
	s->cur_stored = stored;
}

static void zip_stats(const struct vt_container *c, struct vt_decompress_stats *st)
{
	const struct zip_state *s = c->impl;
	uint64_t read, inflated;
	if (!s)
		return;
	member_totals(s, &read, &inflated);
	if (!s->z && s->a) /* no central directory: libarchive read the file in order */
		read = (uint64_t)archive_filter_bytes(s->a, -1);
	st->in_bytes += read;
	st->out_bytes += inflated;
}

static ssize_t zip_member_read(void *ctx, void *buf, size_t n, struct vt_error *err)
{
	struct zip_state *s = ctx;
	zip_int64_t r = zip_fread(s->f, buf, n);
	if (r < 0) {
		vt_error_set(err, VT_ERR_IO, "%s", zip_file_strerror(s->f));
		return -1;
	}
	s->cur_out += (uint64_t)r;
	return (ssize_t)r;
}

/* The side reader's stream: a failed read (a truncated zstd member) may
 * leave libarchive unusable, so the next member reopens it. */
static ssize_t side_read(void *ctx, void *buf, size_t n, struct vt_error *err)
{
	struct zip_state *s = ctx;
	ssize_t r = src_archive_stream_read(s->a, buf, n, err);
	if (r < 0)
		s->a_broken = true;
	else
		s->cur_out += (uint64_t)r;
	return r;
}

static ssize_t unreadable_read(void *ctx, void *buf, size_t n, struct vt_error *err)
{
	struct zip_state *s = ctx;
	(void)buf;
	(void)n;
	vt_error_set(err, VT_ERR_INPUT, "%s", s->why);
	return -1;
}

static int open_side_reader(struct vt_container *c, struct zip_state *s, struct vt_error *err)
{
	if (s->a)
		archive_read_free(s->a);
	if (s->afd >= 0)
		close(s->afd);
	s->a = NULL;
	s->a_next = 0;
	s->a_broken = false;
	s->afd = src_open_file(c->item->open_path, c->item->dev, c->item->ino, true, err);
	if (s->afd < 0)
		return -1;
	if (!(s->a = src_archive_reader(false, true)))
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory"), -1;
	if (archive_read_open_fd(s->a, s->afd, 128 * 1024) != ARCHIVE_OK)
		return vt_error_set(err, VT_ERR_INPUT, "not a readable zip: %s",
				    archive_error_string(s->a) ? archive_error_string(s->a) : "?"), -1;
	return 0;
}

/* Move the side reader to libzip's entry `index`, which must be named
 * `name`: libarchive lists a zip's entries in the same (central directory)
 * order, so the index, not the name, picks one of two same-named members.
 * Forward only; a reopen when the target is behind or the reader broke. */
static bool side_seek(struct vt_container *c, struct zip_state *s, zip_int64_t index, const char *name)
{
	struct archive_entry *e;
	if (s->a && (s->a_broken || s->a_next > index)) {
		archive_read_free(s->a);
		s->a = NULL;
	}
	if (!s->a && open_side_reader(c, s, NULL) < 0)
		return false;
	while (s->a_next <= index) {
		if (archive_read_next_header(s->a, &e) < ARCHIVE_WARN) {
			s->a_broken = true;
			return false;
		}
		if (s->a_next++ == index) {
			const char *p = archive_entry_pathname(e);
			return p && strcmp(p, name) == 0;
		}
	}
	return false;
}

static int zip_next_libzip(struct vt_container *c, struct zip_state *s, struct vt_error *err)
{
	if (s->f)
		zip_fclose(s->f);
	s->f = NULL;
	while (s->i < s->n) {
		zip_stat_t st;
		zip_int64_t i = s->i++;
		if (zip_stat_index(s->z, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
			continue;
		size_t len = strlen(st.name);
		if (len && st.name[len - 1] == '/')
			continue; /* directory entry */
		if (src_container_set_name(c, st.name) < 0)
			return vt_error_set(err, VT_ERR_NOMEM, "out of memory"), -1;
		c->size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
		c->mtime = (st.valid & ZIP_STAT_MTIME) ? (int64_t)st.mtime : 0;
		member_start(s, (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : c->size, c->size,
			     (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_STORE);
		if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
			snprintf(s->why, sizeof s->why, "encrypted: not read");
			c->inner.read = unreadable_read;
			c->inner.ctx = s;
		} else if (zip_compression_method_supported(st.comp_method, 0) &&
		    (s->f = zip_fopen_index(s->z, (zip_uint64_t)i, 0)) != NULL) {
			c->inner.read = zip_member_read;
			c->inner.ctx = s;
		} else if (side_seek(c, s, i, st.name)) {
			c->inner.read = side_read;
			c->inner.ctx = s;
		} else {
			snprintf(s->why, sizeof s->why, "compression method %d cannot be read", (int)st.comp_method);
			c->inner.read = unreadable_read;
			c->inner.ctx = s;
		}
		return 1;
	}
	return 0;
}

static int zip_next_archive(struct vt_container *c, struct zip_state *s, struct vt_error *err)
{
	struct archive_entry *e;
	for (;;) {
		int r = archive_read_next_header(s->a, &e);
		if (r == ARCHIVE_EOF)
			return 0;
		if (r < ARCHIVE_WARN)
			return vt_error_set(err, VT_ERR_IO, "damaged after %u members, at offset %lld: %s", c->index,
					    (long long)archive_filter_bytes(s->a, -1),
					    archive_error_string(s->a) ? archive_error_string(s->a) : "?"), -1;
		if (archive_entry_filetype(e) != AE_IFREG)
			continue;
		if (src_container_set_name(c, archive_entry_pathname(e) ? archive_entry_pathname(e) : "?") < 0)
			return vt_error_set(err, VT_ERR_NOMEM, "out of memory"), -1;
		c->size = archive_entry_size_is_set(e) ? (uint64_t)archive_entry_size(e) : 0;
		c->mtime = (int64_t)archive_entry_mtime(e);
		/* No central directory: the file's bytes so far are what was read. */
		member_start(s, 0, c->size, false);
		c->inner.read = side_read;
		c->inner.ctx = s;
		return 1;
	}
}

static int zip_next(struct vt_container *c, struct vt_error *err)
{
	struct zip_state *s = c->impl;
	return s->z ? zip_next_libzip(c, s, err) : zip_next_archive(c, s, err);
}

static void zip_close_all(struct vt_container *c)
{
	struct zip_state *s = c->impl;
	if (!s)
		return;
	if (s->f)
		zip_fclose(s->f);
	if (s->z)
		zip_discard(s->z); /* never zip_close: that could write */
	if (s->a)
		archive_read_free(s->a);
	if (s->afd >= 0)
		close(s->afd);
	free(s);
	c->impl = NULL;
}

static const struct src_container_ops zip_ops = { zip_next, zip_close_all, zip_stats };

int src_container_init_zip(struct vt_container *c, struct vt_error *err)
{
	struct zip_state *s = calloc(1, sizeof *s);
	int zerr = 0, fd;

	if (!s)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	s->afd = -1;
	c->ops = &zip_ops;
	c->impl = s;
	fd = src_open_file(c->item->open_path, c->item->dev, c->item->ino, true, err);
	if (fd < 0)
		return err ? err->status : VT_ERR_IO;
	if (c->item->size == 0) {
		close(fd);
		return vt_error_set(err, VT_ERR_INPUT, "empty file");
	}
	s->z = zip_fdopen(fd, ZIP_RDONLY, &zerr); /* owns fd from here on success */
	if (s->z) {
		s->n = zip_get_num_entries(s->z, 0);
		c->independent = true; /* members by index: one bad one hides nothing */
		return VT_OK;
	}
	close(fd);
	/* No usable central directory: read the local headers in order. */
	if (open_side_reader(c, s, err) < 0)
		return err ? err->status : VT_ERR_INPUT;
	return VT_OK;
}
