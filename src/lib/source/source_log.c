/* Single logs, plain or compressed (decompress.h knows by the magic): a
 * container of one member, from a walk or named by the user. */
#include "source/source_int.h"

#include "vmtriage/decompress.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int log_next(struct vt_container *c, struct vt_error *err)
{
	(void)err;
	if (c->started)
		return 0;
	c->started = true;
	return 1;
}

static void log_close(struct vt_container *c)
{
	vt_decompress_free(c->impl);
	c->impl = NULL;
}

static void log_stats(const struct vt_container *c, struct vt_decompress_stats *st)
{
	if (c->impl)
		vt_decompress_get_stats(c->impl, st);
}

static const struct src_container_ops log_ops = { log_next, log_close, log_stats };

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Decompress c->fd: a regular file up to its size when opened (a log still
 * being written cannot keep the read going), anything else to its end. */
static int start(struct vt_container *c, const char *name, struct vt_error *err)
{
	struct stat st;
	struct vt_stream raw = vt_stream_fd(&c->fd);

	c->ops = &log_ops;
	if (src_container_set_name(c, name) < 0)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	if (fstat(c->fd, &st) == 0 && S_ISREG(st.st_mode)) {
		int rc = vt_fd_upto_init(&c->raw, &c->fd, err);
		if (rc != VT_OK)
			return rc;
		raw = vt_stream_fd_upto(&c->raw);
	}
	c->impl = vt_decompress_new(raw, c->lim ? c->lim->max_member : 0, err);
	if (!c->impl)
		return err ? err->status : VT_ERR_INPUT;
	vt_decompress_set_timing(c->impl, c->lim && c->lim->timing);
	c->compressed_log = vt_decompress_format(c->impl) != VT_COMPRESSION_NONE;
	c->inner = vt_decompress_stream(c->impl);
	return VT_OK;
}

int src_container_init_log(struct vt_container *c, struct vt_error *err)
{
	c->fd = src_open_file(c->item->open_path, c->item->dev, c->item->ino, true, err);
	if (c->fd < 0)
		return err ? err->status : VT_ERR_IO;
	c->size = c->item->size;
	c->mtime = c->item->mtime;
	return start(c, base_name(c->item->path), err);
}

int src_container_init_named_log(struct vt_container *c, const char *path, struct vt_error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	struct stat st;

	/* A named path is the user's: followed like any command's operand. */
	c->fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
	if (c->fd < 0)
		return vt_error_set(err, VT_ERR_IO, "%s: %s", name, strerror(errno));
	if (fstat(c->fd, &st) == 0 && S_ISREG(st.st_mode)) {
		c->size = (uint64_t)st.st_size;
		c->mtime = (int64_t)st.st_mtime;
	}
	int rc = start(c, name, err);
	if (rc != VT_OK && err && rc != VT_ERR_NOMEM)
		vt_error_prefix(err, "%s", name);
	return rc;
}
