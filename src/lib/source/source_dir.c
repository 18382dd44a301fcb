/* An extracted zone bundle: a directory whose regular files are members. */
#include "source/source_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct dir_state {
	struct dirent **names;
	int n, i;
	int fd;          /* the current member's file */
	struct vt_fd_upto up; /* fd, up to its size when opened */
	uint64_t bytes_read;  /* --stats */
};

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static ssize_t member_fd_read(void *ctx, void *buf, size_t n, struct vt_error *err)
{
	struct dir_state *d = ctx;
	ssize_t r = vt_fd_upto_read(&d->up, buf, n, err);
	if (r > 0)
		d->bytes_read += (uint64_t)r;
	return r;
}

/* --stats: the files' bytes as read (compressed ones are inflated by the
 * member's decompressor, counted by the container). */
static void dir_stats(const struct vt_container *c, struct vt_decompress_stats *st)
{
	const struct dir_state *d = c->impl;
	if (d)
		st->in_bytes += d->bytes_read;
}

static int dir_next(struct vt_container *c, struct vt_error *err)
{
	struct dir_state *d = c->impl;
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
	while (d->i < d->n) {
		const char *name = d->names[d->i++]->d_name;
		size_t len = strlen(c->item->open_path) + strlen(name) + 2;
		char *p = malloc(len);
		struct stat st;
		if (!p)
			return vt_error_set(err, VT_ERR_NOMEM, "out of memory"), -1;
		snprintf(p, len, "%s/%s", c->item->open_path, name);
		/* Only regular files: no symlinks, FIFOs or subdirectories. */
		if (lstat(p, &st) == 0 && S_ISREG(st.st_mode))
			d->fd = src_open_file(p, st.st_dev, st.st_ino, true, NULL);
		free(p);
		if (d->fd >= 0 && vt_fd_upto_init(&d->up, &d->fd, NULL) != VT_OK) {
			close(d->fd);
			d->fd = -1;
		}
		if (d->fd < 0)
			continue;
		if (src_container_set_name(c, name) < 0)
			return vt_error_set(err, VT_ERR_NOMEM, "out of memory"), -1;
		c->size = (uint64_t)st.st_size;
		c->mtime = (int64_t)st.st_mtime;
		c->inner.read = member_fd_read;
		c->inner.ctx = d;
		return 1;
	}
	return 0;
}

static void dir_close(struct vt_container *c)
{
	struct dir_state *d = c->impl;
	if (!d)
		return;
	if (d->fd >= 0)
		close(d->fd);
	for (int i = 0; i < d->n; i++)
		free(d->names[i]);
	free(d->names);
	free(d);
	c->impl = NULL;
}

static const struct src_container_ops dir_ops = { dir_next, dir_close, dir_stats };

int src_container_init_dir(struct vt_container *c, struct vt_error *err)
{
	struct dir_state *d = calloc(1, sizeof *d);
	if (!d)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	d->fd = -1;
	c->ops = &dir_ops;
	c->impl = d;
	c->independent = true; /* one unreadable file hides no other */
	d->n = scandir(c->item->open_path, &d->names, NULL, by_name);
	if (d->n < 0) {
		char why[128] = "?";
		strerror_r(errno, why, sizeof why); /* strerror() is not thread-safe */
		d->n = 0;
		d->names = NULL;
		return vt_error_set(err, VT_ERR_IO, "cannot read directory: %s", why);
	}
	return VT_OK;
}
