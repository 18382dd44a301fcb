/* Transparent decompression of a struct vt_stream: gzip, zstd and xz are
 * recognised by their magic bytes (never by a file name) and streamed
 * through ISA-L's igzip (when built with it) or zlib, libzstd and liblzma; anything else passes through as is.
 * Concatenated members/frames/streams (cat'ed rotated logs) are read in turn. */
#ifndef VMTRIAGE_DECOMPRESS_H
#define VMTRIAGE_DECOMPRESS_H

#include <stdbool.h>
#include <stdint.h>

#include "vmtriage/error.h"
#include "vmtriage/stream.h"

enum vt_compression { VT_COMPRESSION_NONE = 0, VT_COMPRESSION_GZIP, VT_COMPRESSION_ZSTD, VT_COMPRESSION_XZ };

/* "none", "gzip", "zstd", "xz" */
const char *vt_compression_name(enum vt_compression c);
/* Recognise a format from the first n bytes (n may be short). */
enum vt_compression vt_compression_detect(const void *head, size_t n);

struct vt_decompress;

/* Wrap `in` (which must outlive the result). Reads the first bytes to
 * detect the format, so it can fail (err filled, NULL returned). max_out
 * bounds the decompressed size (0: no bound); past it reads fail with
 * VT_ERR_LIMIT, which stops decompression bombs. */
struct vt_decompress *vt_decompress_new(struct vt_stream in, uint64_t max_out, struct vt_error *err);
void vt_decompress_free(struct vt_decompress *d);

/* The decompressed bytes, as a stream (valid while d lives). Corrupt or
 * truncated input makes a read fail with VT_ERR_INPUT. */
struct vt_stream vt_decompress_stream(struct vt_decompress *d);
enum vt_compression vt_decompress_format(const struct vt_decompress *d);
/* Compressed bytes consumed so far. */
uint64_t vt_decompress_in_bytes(const struct vt_decompress *d);

/* gzip members are checked against their trailer: the size always, the
 * CRC-32 unless this turns it off (call it before the first read). zlib's
 * CRC-32 costs about a fifth of its inflate time. */
void vt_decompress_check_crc(struct vt_decompress *d, bool on);

/* What reading cost so far. The times are the reading thread's CPU time,
 * measured only after vt_decompress_set_timing(d, true) (two clock reads a
 * read call; off by default). */
struct vt_decompress_stats {
	uint64_t in_bytes;   /* bytes read from the input */
	uint64_t out_bytes;  /* bytes decompressed (0 for input passed through) */
	uint64_t read_ns;    /* CPU time in the input's reads */
	uint64_t decode_ns;  /* CPU time decompressing */
};
void vt_decompress_set_timing(struct vt_decompress *d, bool on);
void vt_decompress_get_stats(const struct vt_decompress *d, struct vt_decompress_stats *st);
/* "isa-l" or "zlib": what inflates gzip in this build. */
const char *vt_decompress_gzip_backend(void);

#endif
