/* gzip/zstd/xz streams by magic bytes, decompressed in bounded chunks.
 * gzip goes through source_int.h's src_gzip (ISA-L or zlib, one behaviour). */
#include "vmtriage/decompress.h"

#include "source/source_int.h"
#include "util/util_int.h"

#include <lzma.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#define IN_CHUNK (128u * 1024u)

struct vt_decompress {
	struct vt_stream in;
	enum vt_compression fmt;
	uint8_t *buf;              /* compressed input */
	size_t start, end;
	bool in_eof;
	bool member_done;          /* the last member/frame ended cleanly */
	bool one_member;           /* stop at the end of the current gzip member */
	uint64_t in_bytes, out_bytes, max_out;
	struct src_gzip *gz;
	const char *gz_why;        /* damage met after some output: reported next read */
	ZSTD_DStream *zs;
	lzma_stream xz;
	bool xz_init;
	bool timing;
	uint64_t read_ns, decode_ns;
};

const char *vt_compression_name(enum vt_compression c)
{
	switch (c) {
	case VT_COMPRESSION_GZIP: return "gzip";
	case VT_COMPRESSION_ZSTD: return "zstd";
	case VT_COMPRESSION_XZ: return "xz";
	default: return "none";
	}
}

enum vt_compression vt_compression_detect(const void *head, size_t n)
{
	static const uint8_t gz[] = { 0x1f, 0x8b }, zst[] = { 0x28, 0xb5, 0x2f, 0xfd },
			     xz[] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
	if (n >= sizeof gz && memcmp(head, gz, sizeof gz) == 0)
		return VT_COMPRESSION_GZIP;
	if (n >= sizeof zst && memcmp(head, zst, sizeof zst) == 0)
		return VT_COMPRESSION_ZSTD;
	if (n >= sizeof xz && memcmp(head, xz, sizeof xz) == 0)
		return VT_COMPRESSION_XZ;
	return VT_COMPRESSION_NONE;
}

/* Refill buf when it is empty; 0 ok (in_eof set at the end), -1 error. */
static int refill(struct vt_decompress *d, struct vt_error *err)
{
	if (d->start < d->end || d->in_eof)
		return 0;
	uint64_t t0 = d->timing ? util_thread_cpu_ns() : 0;
	ssize_t r = d->in.read(d->in.ctx, d->buf, IN_CHUNK, err);
	if (d->timing)
		d->read_ns += util_thread_cpu_ns() - t0;
	if (r < 0)
		return -1;
	d->start = 0;
	d->end = (size_t)r;
	d->in_bytes += (uint64_t)r;
	if (r == 0)
		d->in_eof = true;
	return 0;
}

static int init_codec(struct vt_decompress *d, struct vt_error *err)
{
	switch (d->fmt) {
	case VT_COMPRESSION_GZIP:
		if (!(d->gz = src_gzip_new(true)))
			return vt_error_set(err, VT_ERR_NOMEM, "cannot start gzip decompression");
		return 0;
	case VT_COMPRESSION_ZSTD:
		d->zs = ZSTD_createDStream();
		if (!d->zs || ZSTD_isError(ZSTD_initDStream(d->zs)))
			return vt_error_set(err, VT_ERR_NOMEM, "cannot start zstd decompression");
		return 0;
	case VT_COMPRESSION_XZ:
		/* LZMA_CONCATENATED reads cat'ed .xz streams as one. */
		if (lzma_stream_decoder(&d->xz, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK)
			return vt_error_set(err, VT_ERR_NOMEM, "cannot start xz decompression");
		d->xz_init = true;
		return 0;
	default:
		return 0;
	}
}

struct vt_decompress *vt_decompress_new(struct vt_stream in, uint64_t max_out, struct vt_error *err)
{
	struct vt_decompress *d = calloc(1, sizeof *d);
	if (!d || !(d->buf = malloc(IN_CHUNK))) {
		free(d);
		vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		return NULL;
	}
	d->in = in;
	d->max_out = max_out;
	d->xz = (lzma_stream)LZMA_STREAM_INIT;
	/* Short reads are allowed: gather up to 6 bytes of magic. */
	while (d->end < 6 && !d->in_eof) {
		ssize_t r = in.read(in.ctx, d->buf + d->end, IN_CHUNK - d->end, err);
		if (r < 0)
			goto fail;
		if (r == 0)
			d->in_eof = true;
		d->end += (size_t)r;
		d->in_bytes += (uint64_t)r;
	}
	d->fmt = vt_compression_detect(d->buf, d->end);
	if (init_codec(d, err) == 0)
		return d;
fail:
	vt_decompress_free(d);
	return NULL;
}

void vt_decompress_free(struct vt_decompress *d)
{
	if (!d)
		return;
	src_gzip_free(d->gz);
	if (d->zs)
		ZSTD_freeDStream(d->zs);
	if (d->xz_init)
		lzma_end(&d->xz);
	free(d->buf);
	free(d);
}

/* Streams return -1 on any error; the status is in err. */
static ssize_t fail(struct vt_error *err, const char *fmt, ...) VT_PRINTF(2, 3);
static ssize_t fail(struct vt_error *err, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	vt_error_set(err, VT_ERR_INPUT, "%s", msg);
	return -1;
}

static ssize_t read_plain(struct vt_decompress *d, uint8_t *out, size_t n, struct vt_error *err)
{
	if (d->start == d->end && !d->in_eof) {
		/* Nothing buffered: read straight into the caller's buffer, no extra copy. */
		uint64_t t0 = d->timing ? util_thread_cpu_ns() : 0;
		ssize_t r = d->in.read(d->in.ctx, out, n, err);
		if (d->timing)
			d->read_ns += util_thread_cpu_ns() - t0;
		if (r > 0)
			d->in_bytes += (uint64_t)r;
		return r;
	}
	if (refill(d, err) < 0)
		return -1;
	size_t take = d->end - d->start < n ? d->end - d->start : n;
	memcpy(out, d->buf + d->start, take);
	d->start += take;
	return (ssize_t)take;
}

/* Every byte that can be inflated is returned before an error is: damage
 * found after some output is kept for the next read. */
static ssize_t read_gzip(struct vt_decompress *d, uint8_t *out, size_t n, struct vt_error *err)
{
	struct src_inflate_io io = { .out = out, .out_len = n };
	if (d->gz_why)
		return fail(err, "corrupt gzip data (%s)", d->gz_why);
	while (io.out_len == n) {
		if (refill(d, err) < 0)
			return -1;
		bool eof = d->start == d->end;
		if ((eof || d->one_member) && d->member_done)
			break;
		if (d->member_done) {
			/* Another member follows: cat'ed .gz files are one stream. */
			src_gzip_next_member(d->gz);
			d->member_done = false;
		}
		io.in = d->buf + d->start;
		io.in_len = d->end - d->start;
		const char *why = NULL;
		/* At the end of the input the backend may still hold output. */
		int rc = src_gzip_step(d->gz, &io, &why);
		bool stuck = io.out_len == n && io.in_len == d->end - d->start;
		d->start = d->end - io.in_len;
		if (rc == SRC_INFLATE_END) {
			d->member_done = true;
		} else if (rc < 0) {
			if (io.out_len == n)
				return fail(err, "corrupt gzip data (%s)", why);
			d->gz_why = why;
		} else if (stuck && eof) {
			return fail(err, "gzip data ends early (truncated file)");
		} else if (stuck) {
			return fail(err, "corrupt gzip data (inflate made no progress)");
		}
	}
	return (ssize_t)(n - io.out_len);
}

static ssize_t read_zstd(struct vt_decompress *d, uint8_t *out, size_t n, struct vt_error *err)
{
	ZSTD_outBuffer ob = { out, n, 0 };
	while (ob.pos == 0) {
		if (refill(d, err) < 0)
			return -1;
		if (d->start == d->end) {
			if (!d->member_done)
				return fail(err, "zstd data ends early (truncated file)");
			break;
		}
		ZSTD_inBuffer ib = { d->buf, d->end, d->start };
		size_t rc = ZSTD_decompressStream(d->zs, &ob, &ib);
		d->start = ib.pos;
		if (ZSTD_isError(rc))
			return fail(err, "corrupt zstd data (%s)", ZSTD_getErrorName(rc));
		/* rc 0: a frame ended; the next bytes, if any, start a new frame. */
		d->member_done = rc == 0;
	}
	return (ssize_t)ob.pos;
}

static ssize_t read_xz(struct vt_decompress *d, uint8_t *out, size_t n, struct vt_error *err)
{
	d->xz.next_out = out;
	d->xz.avail_out = n;
	while (d->xz.avail_out == n && !d->member_done) {
		if (refill(d, err) < 0)
			return -1;
		d->xz.next_in = d->buf + d->start;
		d->xz.avail_in = d->end - d->start;
		lzma_ret rc = lzma_code(&d->xz, d->start == d->end ? LZMA_FINISH : LZMA_RUN);
		d->start = d->end - d->xz.avail_in;
		if (rc == LZMA_STREAM_END)
			d->member_done = true;
		else if (rc == LZMA_BUF_ERROR)
			return fail(err, "xz data ends early (truncated file)");
		else if (rc != LZMA_OK)
			return fail(err, "corrupt xz data (liblzma error %d)", (int)rc);
	}
	return (ssize_t)(n - d->xz.avail_out);
}

static ssize_t decode(struct vt_decompress *d, void *buf, size_t n, struct vt_error *err)
{
	switch (d->fmt) {
	case VT_COMPRESSION_GZIP: return read_gzip(d, buf, n, err);
	case VT_COMPRESSION_ZSTD: return read_zstd(d, buf, n, err);
	case VT_COMPRESSION_XZ: return read_xz(d, buf, n, err);
	default: return read_plain(d, buf, n, err);
	}
}

/* Decoding time is the thread's CPU time in decode() less its reads'. */
static ssize_t decode_timed(struct vt_decompress *d, void *buf, size_t n, struct vt_error *err)
{
	uint64_t t0 = util_thread_cpu_ns(), read0 = d->read_ns;
	ssize_t r = decode(d, buf, n, err);
	uint64_t spent = util_thread_cpu_ns() - t0, reading = d->read_ns - read0;
	d->decode_ns += spent > reading ? spent - reading : 0;
	return r;
}

static ssize_t decompress_read(void *ctx, void *buf, size_t n, struct vt_error *err)
{
	struct vt_decompress *d = ctx;
	if (n == 0)
		return 0;
	ssize_t r = d->timing && d->fmt != VT_COMPRESSION_NONE ? decode_timed(d, buf, n, err) : decode(d, buf, n, err);
	if (r > 0) {
		d->out_bytes += (uint64_t)r;
		if (d->max_out && d->out_bytes > d->max_out) {
			vt_error_set(err, VT_ERR_LIMIT, "decompressed data exceeds the %llu-byte limit: the rest is not read",
				     (unsigned long long)d->max_out);
			return -1;
		}
	}
	return r;
}

struct vt_stream vt_decompress_stream(struct vt_decompress *d)
{
	struct vt_stream s = { decompress_read, d };
	return s;
}

enum vt_compression vt_decompress_format(const struct vt_decompress *d)
{
	return d->fmt;
}

uint64_t vt_decompress_in_bytes(const struct vt_decompress *d)
{
	return d->in_bytes;
}

int src_decompress_end_member(struct vt_decompress *d, void *buf, size_t n, struct vt_error *err)
{
	ssize_t r = 1;
	d->one_member = true;
	/* Already past that member's end, at the header of what follows it
	 * (which a read filling its buffer looked at): not read. */
	if (d->gz && src_gzip_between_members(d->gz))
		return 0;
	while (!d->member_done && r > 0)
		r = decompress_read(d, buf, n, err);
	return r < 0 ? -1 : 0;
}

void vt_decompress_check_crc(struct vt_decompress *d, bool on)
{
	if (d->gz)
		src_gzip_check_crc(d->gz, on);
}

void vt_decompress_set_timing(struct vt_decompress *d, bool on)
{
	d->timing = on;
}

void vt_decompress_get_stats(const struct vt_decompress *d, struct vt_decompress_stats *st)
{
	st->in_bytes = d->in_bytes;
	st->out_bytes = d->fmt == VT_COMPRESSION_NONE ? 0 : d->out_bytes;
	st->read_ns = d->read_ns;
	st->decode_ns = d->decode_ns;
}

const char *vt_decompress_gzip_backend(void)
{
	return src_inflate_backend();
}
