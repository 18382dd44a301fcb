/* Byte streams and a bounded line reader over them: everything that reads
 * logs (decode's stdin, scan, bundle members) goes through these, so no
 * reader knows or cares where the bytes come from. */
#ifndef VMTRIAGE_STREAM_H
#define VMTRIAGE_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "vmtriage/error.h"

struct vt_stream {
	/* Read up to n bytes; 0 at end of stream, -1 on error (with *err filled). */
	ssize_t (*read)(void *ctx, void *buf, size_t n, struct vt_error *err);
	void *ctx;
};

/* A stream over an open file descriptor (not closed by the stream). */
struct vt_stream vt_stream_fd(int *fd);
/* A file read only up to the size it had when opened: a log still being
 * written (or a writer appending forever) cannot keep a scan going; reading
 * on past that size fails with VT_ERR_LIMIT, which callers report as a
 * warning after keeping what came before. */
struct vt_fd_upto {
	int *fd;
	uint64_t left;  /* bytes still to read */
	uint64_t size;  /* the size when opened */
};
/* Set up *u over *fd with the file's current size (fstat). VT_OK or VT_ERR_IO. */
int vt_fd_upto_init(struct vt_fd_upto *u, int *fd, struct vt_error *err);
ssize_t vt_fd_upto_read(void *ctx, void *buf, size_t n, struct vt_error *err);
/* The stream of an initialised struct vt_fd_upto. */
struct vt_stream vt_stream_fd_upto(struct vt_fd_upto *u);

/* A stream over a memory buffer; *cursor tracks the position (start at 0). */
struct vt_mem_stream {
	const uint8_t *data;
	size_t size, pos;
};
struct vt_stream vt_stream_mem(struct vt_mem_stream *m);

#define VT_LINE_MAX_DEFAULT (1024u * 1024u) /* longer lines are cut, with a warning */

struct vt_lines;

/* Lines of at most max_line bytes; the rest of a longer line is skipped. */
struct vt_lines *vt_lines_new(struct vt_stream stream, size_t max_line);
void vt_lines_free(struct vt_lines *lines);

/* Next line without its "\n" or "\r\n". Returns 1 with a line, 0 at end,
 * -1 on a read error. *truncated says the line was cut at max_line.
 * The line stays valid until the next call. */
int vt_lines_next(struct vt_lines *lines, const char **line, size_t *len, bool *truncated,
		  struct vt_error *err);
/* 1-based number of the line last returned. */
uint64_t vt_lines_number(const struct vt_lines *lines);
/* Bytes consumed from the stream so far. */
uint64_t vt_lines_offset(const struct vt_lines *lines);

#endif
