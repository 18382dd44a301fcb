/* Replay results: what a correct VMM must produce for one exit (the
 * reference emulator's output), or what a model of a patch / a patched
 * VMM's trace produced; their JSON (snapshot-format.md, "Replay result"),
 * the trace format (one JSON object a line), text reports, and a diff that
 * names the first difference between two results. */
#ifndef VMTRIAGE_REPLAY_H
#define VMTRIAGE_REPLAY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "vmtriage/emu.h"
#include "vmtriage/error.h"
#include "vmtriage/insn.h"
#include "vmtriage/jsonw.h"
#include "vmtriage/output.h"
#include "vmtriage/snapshot.h"
#include "vmtriage/stream.h"

/* Stable names in JSON: "emulated", "guest-fault", ... */
enum vt_verdict {
	VT_VERDICT_EMULATED = 0,   /* completes: regs/io/memory are what a correct VMM produces */
	VT_VERDICT_GUEST_FAULT,    /* a correct VMM injects `fault` after `elements` elements */
	VT_VERDICT_UNKNOWN_MEMORY, /* the snapshot lacks memory the replay needs (unknown_gpa) */
	VT_VERDICT_LIMIT_REACHED,  /* "limit-reached": max_elements done, registers describe
				    * the remaining work, RIP unchanged: re-entering resumes */
	VT_VERDICT_NOT_STRING_IO,  /* the bytes are another instruction */
	VT_VERDICT_NOT_HANDLED,    /* "not-handled": a model/VMM gives up (the exit panics);
				    * the reference never returns it */
	VT_VERDICT_INVALID,        /* undecodable bytes or a malformed snapshot */
	VT_VERDICT_COUNT
};
const char *vt_verdict_name(enum vt_verdict v);
int vt_verdict_from_name(const char *name, enum vt_verdict *out); /* 0 or -1 */

struct vt_result {
	enum vt_verdict verdict;
	bool decoded;                 /* sio is valid */
	struct vt_string_io sio;
	uint8_t inst[VT_INSN_MAX];    /* the bytes given (inst_len); the instruction is sio.length */
	size_t inst_len;
	uint64_t elements;            /* elements completed */
	struct vt_io_trace io;
	uint64_t regs_before[VT_REG_COUNT];
	uint64_t regs_after[VT_REG_COUNT];
	uint32_t regs_reported;       /* bit r: regs_after[r] is reported (changed, or rip/rsi/rdi/rcx);
				       * for a result read from a trace: the registers it holds */
	struct vt_mem_ranges memory_writes;     /* data the instruction stored (final bytes) */
	struct vt_mem_ranges page_table_writes; /* Accessed/Dirty updates of the page walk */
	struct vt_fault fault;
	uint64_t unknown_gpa;         /* VT_VERDICT_UNKNOWN_MEMORY: the first missing address */
	enum vt_access_kind unknown_kind;
	bool has_verdict;             /* false for a result read from a trace (no verdict there) */
	bool fault_reported;          /* a trace's final line had "fault" (null or an object) */
	char detail[256];             /* one sentence: why invalid / not handled / faulted */
};

void vt_result_init(struct vt_result *r);
void vt_result_free(struct vt_result *r);
/* Registers reported in regs_after always. */
#define VT_RESULT_ALWAYS_REGS \
	((1u << VT_REG_RIP) | (1u << VT_REG_RSI) | (1u << VT_REG_RDI) | (1u << VT_REG_RCX))

/* Run the reference emulator on a loaded snapshot, at most
 * vt_snapshot_max_elements(snap, max_elements) elements (0: the default ceiling). VT_OK with *out filled, or VT_ERR_NOMEM.
 * REP OUTS values in out->io may be borrowed from the snapshot's memory:
 * free the result first, or call vt_io_trace_own(&out->io). */
int vt_replay_run(const struct vt_snapshot *snap, uint64_t max_elements, struct vt_result *out,
		  struct vt_error *err);
/* A result for a snapshot that could not be loaded: verdict invalid. */
void vt_result_invalid(struct vt_result *r, const char *why);

/* The replay-result object of snapshot-format.md, streamed (key: the member
 * name inside an object, NULL elsewhere). `name` may be NULL. */
void vt_result_write(struct vt_jw *w, const char *key, const struct vt_result *r, const char *name);
void vt_io_access_write(struct vt_jw *w, const char *key, const struct vt_io_access *a);
void vt_mem_ranges_write(struct vt_jw *w, const char *key, const struct vt_mem_ranges *m);
void vt_result_regs_write(struct vt_jw *w, const char *key, const struct vt_result *r);
/* The same as a cJSON tree (parsed back from the writer: one serializer). */
cJSON *vt_result_json(const struct vt_result *r, const char *name);
/* Pieces of it: one io access, the io array, memory ranges, a fault (null when none). */
cJSON *vt_io_access_json(const struct vt_io_access *a);
cJSON *vt_io_json(const struct vt_io_trace *t);
cJSON *vt_mem_ranges_json(const struct vt_mem_ranges *m);
cJSON *vt_fault_json(const struct vt_fault *f);
/* The fault object (or null when none was raised) under key. */
void vt_fault_write(struct vt_jw *w, const char *key, const struct vt_fault *f);
/* regs_after: rip, rsi, rdi, rcx, then every other reported register. */
cJSON *vt_result_regs_json(const struct vt_result *r);

/* Text report: verdict, instruction, elements, port traffic summarised per
 * port (debug-console text for 0x402/COM ports), registers (changed ones
 * highlighted), memory written, fault. */
void vt_result_text(FILE *fp, const struct vt_style *style, const struct vt_result *r,
		    const char *name);

/* ---- Trace format: one `io` object a line, then
 * {"regs_after": {...}, "memory_writes": [...]}. Returns 0 or -1 (write error). */
int vt_trace_write(FILE *fp, const struct vt_result *r);
/* Read a trace into *out (has_verdict false; io, regs_after/regs_reported,
 * memory_writes). Errors name `where:line`. VT_OK or VT_ERR_INPUT/IO/NOMEM,
 * VT_ERR_LIMIT past VT_TRACE_MAX_BYTES (a trace from outside cannot fill
 * memory). vt_trace_load reads only a regular file, without blocking. */
#define VT_TRACE_MAX_BYTES (512ull * 1024 * 1024)
int vt_trace_read(struct vt_stream in, const char *where, struct vt_result *out,
		  struct vt_error *err);
int vt_trace_load(const char *path, struct vt_result *out, struct vt_error *err);

/* ---- Differences between an expected result (the reference) and an
 * actual one (a model's, or a trace's). Which parts to compare: */
enum {
	VT_DIFF_VERDICT = 1u << 0,  /* only when both have a verdict */
	VT_DIFF_ELEMENTS = 1u << 1,
	VT_DIFF_IO = 1u << 2,
	VT_DIFF_REGS = 1u << 3,     /* registers reported by expected, plus any actual reports */
	VT_DIFF_MEMORY = 1u << 4,   /* memory_writes */
	VT_DIFF_FAULT = 1u << 5,
	VT_DIFF_PAGE_TABLES = 1u << 6,
	VT_DIFF_TRACE = VT_DIFF_IO | VT_DIFF_REGS | VT_DIFF_MEMORY, /* what a trace holds */
	VT_DIFF_ALL = 0x7f
};

struct vt_diff {
	bool differs;
	unsigned part;          /* the VT_DIFF_* bit where the first difference is */
	int64_t element;        /* index of the first differing io access, or -1 */
	char what[64];          /* "verdict", "io[12].value", "regs_after.rcx", "memory_writes" ... */
	char expected[96];
	char actual[96];
	char text[320];         /* "io[12].value: expected 0x48, got 0x0" */
};

/* Compare in the order verdict, elements, io, regs, memory, fault, page
 * tables; fill *d with the first difference. Returns true when they differ. */
bool vt_result_diff(const struct vt_result *expected, const struct vt_result *actual,
		    unsigned parts, struct vt_diff *d);

#endif
