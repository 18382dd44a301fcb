#include "vmtriage/stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util_int.h"

#define CHUNK (64u * 1024u) /* fits in L2: 128 KiB+ reads ran 2x slower (docs/PERFORMANCE.md) */

static ssize_t fd_read(void *ctx, void *buf, size_t n, struct vt_error *err)
{
	int fd = *(int *)ctx;
	for (;;) {
		ssize_t r = read(fd, buf, n);
		if (r >= 0)
			return r;
		if (errno != EINTR) {
			vt_error_set(err, VT_ERR_IO, "read: %s", strerror(errno));
			return -1;
		}
	}
}

struct vt_stream vt_stream_fd(int *fd)
{
	struct vt_stream s = { fd_read, fd };
	return s;
}

int vt_fd_upto_init(struct vt_fd_upto *u, int *fd, struct vt_error *err)
{
	struct stat st;
	if (fstat(*fd, &st) != 0)
		return vt_error_set(err, VT_ERR_IO, "cannot stat: %s", strerror(errno));
	u->fd = fd;
	u->size = u->left = (uint64_t)st.st_size;
	return VT_OK;
}

ssize_t vt_fd_upto_read(void *ctx, void *buf, size_t n, struct vt_error *err)
{
	struct vt_fd_upto *u = ctx;
	struct vt_stream s = vt_stream_fd(u->fd);
	if (u->left == 0) {
		/* At the size it had when opened: one byte more means it grew. */
		char probe;
		ssize_t r = s.read(s.ctx, &probe, 1, err);
		if (r > 0)
			vt_error_set(err, VT_ERR_LIMIT, "grew while being read: only the %llu bytes it had when opened are read",
				     (unsigned long long)u->size);
		return r > 0 ? -1 : r;
	}
	if (n > u->left)
		n = (size_t)u->left;
	ssize_t r = s.read(s.ctx, buf, n, err);
	if (r > 0)
		u->left -= (uint64_t)r;
	return r;
}

struct vt_stream vt_stream_fd_upto(struct vt_fd_upto *u)
{
	struct vt_stream s = { vt_fd_upto_read, u };
	return s;
}

static ssize_t mem_read(void *ctx, void *buf, size_t n, struct vt_error *err)
{
	struct vt_mem_stream *m = ctx;
	size_t left = m->size - m->pos;
	(void)err;
	if (n > left)
		n = left;
	memcpy(buf, m->data + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

struct vt_stream vt_stream_mem(struct vt_mem_stream *m)
{
	struct vt_stream s = { mem_read, m };
	return s;
}

struct vt_lines {
	struct vt_stream stream;
	size_t max_line;
	char *buf;          /* read buffer */
	size_t start, end;  /* unread bytes are buf[start..end) */
	bool eof;
	char *line;         /* assembly buffer for lines that span reads */
	size_t line_len, line_cap;
	uint64_t number, offset;
};

struct vt_lines *vt_lines_new(struct vt_stream stream, size_t max_line)
{
	struct vt_lines *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	l->stream = stream;
	l->max_line = max_line ? max_line : VT_LINE_MAX_DEFAULT;
	l->buf = malloc(CHUNK);
	if (!l->buf) {
		free(l);
		return NULL;
	}
	return l;
}

void vt_lines_free(struct vt_lines *l)
{
	if (!l)
		return;
	free(l->buf);
	free(l->line);
	free(l);
}

static int fill(struct vt_lines *l, struct vt_error *err)
{
	ssize_t r = l->stream.read(l->stream.ctx, l->buf, CHUNK, err);
	if (r < 0)
		return -1;
	l->start = 0;
	l->end = (size_t)r;
	if (r == 0)
		l->eof = true;
	return 0;
}

/* Append to the assembly buffer, keeping at most max_line bytes. */
static int append(struct vt_lines *l, const char *p, size_t n, bool *truncated)
{
	if (l->line_len + n > l->max_line) {
		*truncated = true;
		n = l->max_line - l->line_len;
	}
	if (l->line_len + n > l->line_cap) {
		size_t cap = l->line_cap ? l->line_cap : 4096;
		while (cap < l->line_len + n)
			cap *= 2;
		if (cap > l->max_line)
			cap = l->max_line;
		if (util_vec_reserve_exact(&l->line, &l->line_cap, cap, 1) < 0)
			return -1;
	}
	memcpy(l->line + l->line_len, p, n);
	l->line_len += n;
	return 0;
}

static void strip_cr(const char **line, size_t *len)
{
	if (*len && (*line)[*len - 1] == '\r')
		(*len)--;
}

int vt_lines_next(struct vt_lines *l, const char **line, size_t *len, bool *truncated,
		  struct vt_error *err)
{
	bool spanning = false;
	*truncated = false;
	l->line_len = 0;
	for (;;) {
		if (l->start == l->end) {
			if (l->eof || fill(l, err) < 0)
				break;
			if (l->eof)
				break;
		}
		char *p = l->buf + l->start;
		size_t avail = l->end - l->start;
		char *nl = memchr(p, '\n', avail);
		size_t take = nl ? (size_t)(nl - p) : avail;
		l->offset += take + (nl ? 1 : 0);
		l->start += take + (nl ? 1 : 0);
		if (nl && !spanning && take <= l->max_line) {
			/* Common case: the whole line is in the buffer, no copy. */
			*line = p;
			*len = take;
			l->number++;
			strip_cr(line, len);
			return 1;
		}
		if (!*truncated && append(l, p, take, truncated) < 0) {
			vt_error_set(err, VT_ERR_NOMEM, "out of memory");
			return -1;
		}
		spanning = true;
		if (nl) {
			*line = l->line;
			*len = l->line_len;
			l->number++;
			strip_cr(line, len);
			return 1;
		}
	}
	if (l->start == l->end && !l->eof)
		return -1; /* read error */
	if (spanning) {
		/* Last line without a newline. */
		*line = l->line;
		*len = l->line_len;
		l->number++;
		strip_cr(line, len);
		return 1;
	}
	return 0;
}

uint64_t vt_lines_number(const struct vt_lines *l)
{
	return l->number;
}

uint64_t vt_lines_offset(const struct vt_lines *l)
{
	return l->offset;
}
