/* Containers: an opened item handing out its members as named streams. */
#include "source/source_int.h"
#include "vmtriage/decompress.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* c, or NULL with c freed when its kind's init failed (rc). */
static struct vt_container *opened(struct vt_container *c, int rc)
{
	if (rc != VT_OK) {
		if (c->ops)
			c->ops->close(c);
		if (c->fd >= 0)
			close(c->fd);
		free(c->name);
		free(c);
		return NULL;
	}
	return c;
}

struct vt_container *vt_container_open(const struct vt_item *item, const struct vt_source_limits *lim,
				       struct vt_error *err)
{
	struct vt_container *c = calloc(1, sizeof *c);
	int rc;

	if (!c) {
		vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		return NULL;
	}
	c->item = item;
	c->lim = lim;
	c->fd = -1;
	c->decompress = item->kind != VT_ITEM_LOG;
	switch (item->kind) {
	case VT_ITEM_TARGZ:
		rc = src_container_init_tar(c, err);
		break;
	case VT_ITEM_ZIP:
		rc = src_container_init_zip(c, err);
		break;
	case VT_ITEM_LOG:
		rc = src_container_init_log(c, err);
		break;
	case VT_ITEM_BUNDLE_DIR:
		rc = src_container_init_dir(c, err);
		break;
	default:
		rc = vt_error_set(err, VT_ERR_INTERNAL, "%s items are not read", vt_item_kind_name(item->kind));
	}
	return opened(c, rc);
}

struct vt_container *vt_container_open_log(const char *path, const struct vt_source_limits *lim,
					   struct vt_error *err)
{
	struct vt_container *c = calloc(1, sizeof *c);
	if (!c) {
		vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		return NULL;
	}
	c->lim = lim;
	c->fd = -1;
	c->named = true;
	return opened(c, src_container_init_named_log(c, path, err));
}

/* Every member's raw bytes go through here: it counts them (for damage
 * offsets) and applies max_member. */
static ssize_t raw_read(void *ctx, void *buf, size_t n, struct vt_error *err)
{
	struct vt_container *c = ctx;
	uint64_t cap = c->lim ? c->lim->max_member : 0;
	if (cap && c->member_pos >= cap) {
		vt_error_set(err, VT_ERR_LIMIT, "member larger than the %llu-byte limit: the rest is skipped",
			     (unsigned long long)cap);
		return -1;
	}
	if (cap && n > cap - c->member_pos)
		n = (size_t)(cap - c->member_pos);
	ssize_t r = c->inner.read(c->inner.ctx, buf, n, err);
	if (r > 0)
		c->member_pos += (uint64_t)r;
	else if (r < 0 && c->compressed_log)
		vt_error_prefix(err, "at compressed offset %llu", (unsigned long long)vt_decompress_in_bytes(c->impl));
	else if (r < 0)
		vt_error_prefix(err, "after byte %llu of the member", (unsigned long long)c->member_pos);
	return r;
}

/* A member as the scanner sees it: a gzip, zstd or xz member (a rotated
 * "default.log.1.gz" in a bundle) is decompressed by its content, as scan
 * does for files; the decompressor is made on the first read, so a member
 * that cannot be read fails in its own stream, not in vt_container_next. */
static ssize_t member_read(void *ctx, void *buf, size_t n, struct vt_error *err)
{
	struct vt_container *c = ctx;
	if (!c->decompress)
		return raw_read(c, buf, n, err);
	if (!c->dec_started) {
		c->dec_started = true;
		c->dec = vt_decompress_new((struct vt_stream){ raw_read, c }, c->lim ? c->lim->max_member : 0, err);
		if (c->dec)
			vt_decompress_set_timing(c->dec, c->lim && c->lim->timing);
	}
	if (!c->dec)
		return -1;
	struct vt_stream s = vt_decompress_stream(c->dec);
	return s.read(s.ctx, buf, n, err);
}

/* A member decompressed by content: what it inflated, and the time. */
static void add_member_stats(struct vt_decompress_stats *to, const struct vt_decompress *dec)
{
	struct vt_decompress_stats st;
	if (!dec)
		return;
	vt_decompress_get_stats(dec, &st);
	to->out_bytes += st.out_bytes;
	to->decode_ns += st.decode_ns;
}

static void member_done(struct vt_container *c)
{
	add_member_stats(&c->dec_done, c->dec);
	vt_decompress_free(c->dec);
	c->dec = NULL;
	c->dec_started = false;
}

int vt_container_next(struct vt_container *c, struct vt_member *m, struct vt_error *err)
{
	size_t maxm = c->lim && c->lim->max_members ? c->lim->max_members : 100000;
	if (c->index >= maxm)
		return vt_error_set(err, VT_ERR_LIMIT, "more than %zu members: the rest is skipped", maxm), -1;
	member_done(c);
	int r = c->ops->next(c, err);
	if (r <= 0)
		return r;
	c->member_pos = 0;
	m->name = c->name;
	m->size = c->size;
	m->mtime = c->mtime;
	m->index = c->index++;
	m->independent = c->independent;
	m->stream.read = member_read;
	m->stream.ctx = c;
	if (c->named)
		m->stream = c->inner;
	return 1;
}

void vt_container_stats(const struct vt_container *c, struct vt_decompress_stats *st)
{
	memset(st, 0, sizeof *st);
	if (c->ops->stats)
		c->ops->stats(c, st);
	/* Members inflated by content (a log.1.gz in any bundle): their input
	 * is the container's, counted there; their output is added. */
	struct vt_decompress_stats members = c->dec_done;
	add_member_stats(&members, c->dec);
	st->out_bytes += members.out_bytes;
	st->decode_ns += members.decode_ns;
}

void vt_container_close(struct vt_container *c)
{
	if (!c)
		return;
	member_done(c);
	c->ops->close(c);
	if (c->fd >= 0)
		close(c->fd);
	free(c->name);
	free(c);
}
