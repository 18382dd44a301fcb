/* The streaming crash scanner: lines in, crash records out through a
 * callback. It knows nothing of files or archives: the caller names each
 * stream with a source label and feeds it bytes or lines.
 *
 * Threads: compiled patterns (struct vt_scan_patterns) are immutable and
 * may be shared by any number of scanners in any threads; a scanner itself
 * is used by one thread at a time (make one per thread). */
#ifndef VMTRIAGE_SCAN_H
#define VMTRIAGE_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/crash.h"
#include "vmtriage/error.h"
#include "vmtriage/stream.h"

/* PCRE2 patterns, compiled once (JIT when available). */
struct vt_scan_patterns;
struct vt_scan_patterns *vt_scan_patterns_new(struct vt_error *err);
void vt_scan_patterns_free(struct vt_scan_patterns *p);

/* Called for each crash, in the order the crashes start in the source (the
 * record is only valid during the call). Return 0 to go on, nonzero to stop
 * the scan: the scan then returns that value. */
typedef int (*vt_scan_crash_fn)(void *ctx, const struct vt_crash *crash);
/* Non-fatal problems (a line cut at max_line, ...). line is 1-based. */
typedef void (*vt_scan_warn_fn)(void *ctx, const char *source, uint64_t line, const char *msg);

struct vt_scan_opts {
	bool all_panics;          /* also report other Rust panics, as class other-panic */
	bool no_decode;           /* classify without Capstone (no struct vt_decoded) */
	size_t max_line;          /* longer lines are cut (with a warning); 0: 1 MiB */
	vt_scan_crash_fn on_crash;
	vt_scan_warn_fn on_warn;  /* may be NULL */
	void *ctx;                /* passed to both */
};

struct vt_scan_stats {
	uint64_t sources, lines, bytes, crashes, cut_lines;
};

struct vt_scanner;

/* patterns may be NULL: the scanner compiles and owns its own. */
struct vt_scanner *vt_scan_new(const struct vt_scan_patterns *patterns,
			       const struct vt_scan_opts *opts, struct vt_error *err);
void vt_scan_free(struct vt_scanner *s);

/* Scan one whole stream named `source`: begin, every line, end. Returns 0,
 * a callback's nonzero value, or a negative vt_status (err filled). */
int vt_scan_stream(struct vt_scanner *s, const char *source, struct vt_stream stream,
		   struct vt_error *err);

/* The same, line by line, for callers that already have lines. Lines
 * carry no "\n"; a "\r" at the end is ignored. One thing only a stream
 * gives: a #795 record header a mail client wrapped at a blank is joined
 * with the line before, which the scanner does not keep. */
void vt_scan_begin(struct vt_scanner *s, const char *source);
int vt_scan_line(struct vt_scanner *s, const char *line, size_t len);
/* End of the source: reports crashes still held back for merging. */
int vt_scan_end(struct vt_scanner *s);

/* Totals over every source this scanner has seen. */
void vt_scan_stats(const struct vt_scanner *s, struct vt_scan_stats *out);

#endif
