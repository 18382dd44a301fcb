/* A replay result's forms: the replay-result JSON object (vmtriage-replay(1),
 * OUTPUT), a text report, and the trace format (vmtriage-snapshot(5), TRACE
 * FORMAT) that a patched VMM writes and replay --trace reads back. */
#ifndef VMTRIAGE_REPLAY_REPORT_H
#define VMTRIAGE_REPLAY_REPORT_H

#include <stdio.h>

#include "vmtriage/emu.h"
#include "vmtriage/error.h"
#include "vmtriage/json.h"
#include "vmtriage/jsonw.h"
#include "vmtriage/replay.h"
#include "vmtriage/output.h"
#include "vmtriage/stream.h"

/* The replay-result record of docs/json.md, streamed (key: the member
 * name inside an object, NULL elsewhere). `name` may be NULL. schema
 * non-NULL is written first ("vmtriage.result.v2": in a document's results,
 * an NDJSON line, an expectation file). vt_result_write_open leaves the
 * object open for a caller's members (replay --model's assessment). */
void vt_result_write(struct vt_jw *w, const char *key, const struct vt_result *r, const char *name,
		     const char *schema);
void vt_result_write_open(struct vt_jw *w, const char *key, const struct vt_result *r, const char *name,
			  const char *schema);
#define VT_RESULT_SCHEMA "vmtriage.result.v2"
#define VT_REPLAY_SCHEMA "vmtriage.replay.v2"
void vt_io_access_write(struct vt_jw *w, const char *key, const struct vt_io_access *a);
void vt_mem_ranges_write(struct vt_jw *w, const char *key, const struct vt_mem_ranges *m);
void vt_result_regs_write(struct vt_jw *w, const char *key, const struct vt_result *r);
/* The same as a JSON value (parsed back from the writer: one serializer);
 * NULL when out of memory. */
struct vt_json *vt_result_json(const struct vt_result *r, const char *name, const char *schema);
/* The fault object (or null when none was raised) under key. */
void vt_fault_write(struct vt_jw *w, const char *key, const struct vt_fault *f);

/* The first difference (replay.h's struct vt_diff): {"path", "element",
 * "expected", "actual"}, or null when d says no difference. */
void vt_diff_write(struct vt_jw *w, const char *key, const struct vt_diff *d);
struct vt_json *vt_diff_json(const struct vt_diff *d);

/* Text report: verdict, instruction, elements, port traffic summarised per
 * port (debug-console text for 0x402/COM ports), registers (changed ones
 * highlighted), memory written, fault. */
void vt_result_text(FILE *fp, const struct vt_style *style, const struct vt_result *r,
		    const char *name);

/* ---- Trace format: one `io` object a line, then
 * {"registers_after": {...}, "memory_writes": [...], "fault": ...}; v1
 * spellings (dir, size, regs_after, hex) are still read. Returns 0 or -1. */
int vt_trace_write(FILE *fp, const struct vt_result *r);
/* Read a trace into *out (has_verdict false; io, regs_after/regs_reported,
 * memory_writes). Errors name `where:line`. VT_OK or VT_ERR_INPUT/IO/NOMEM,
 * VT_ERR_LIMIT past VT_TRACE_MAX_BYTES (a trace from outside cannot fill
 * memory). vt_trace_load reads only a regular file, without blocking. */
#define VT_TRACE_MAX_BYTES (512ull * 1024 * 1024)
int vt_trace_read(struct vt_stream in, const char *where, struct vt_result *out,
		  struct vt_error *err);
int vt_trace_load(const char *path, struct vt_result *out, struct vt_error *err);

#endif
