/* Replaying one exit: the reference emulator's result for a snapshot (what
 * a correct VMM must produce), and a diff naming the first difference
 * between it and another result (a model's, or a patched VMM's trace).
 * The result type is the emulator's (emu.h); its JSON, text and trace
 * forms are in replay_report.h. */
#ifndef VMTRIAGE_REPLAY_H
#define VMTRIAGE_REPLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "vmtriage/emu.h"
#include "vmtriage/error.h"

struct vt_snapshot; /* snapshot.h */

/* Run the reference emulator on a loaded snapshot, at most
 * vt_snapshot_max_elements(snap, max_elements) elements (0: the default ceiling). VT_OK with *out filled, or VT_ERR_NOMEM.
 * REP OUTS values in out->io may be borrowed from the snapshot's memory:
 * free the result first, or call vt_io_trace_own(&out->io). */
int vt_replay_run(const struct vt_snapshot *snap, uint64_t max_elements, struct vt_result *out,
		  struct vt_error *err);

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

/* The first difference, one shape for `corpus check` (stored expectation
 * against a fresh one), `corpus gate` and `replay --model` (reference
 * result against a trace or a model): in JSON {"path", "element",
 * "expected", "actual"} with the values as JSON values (replay_report.h
 * writes it). One engine finds it in results and in JSON documents. */
#define VT_DIFF_VALUE_MAX 192
struct vt_diff {
	bool differs;
	unsigned part;          /* the VT_DIFF_* bit where the first difference is (0: a JSON walk) */
	int64_t element;        /* index of the first differing io access, or -1 */
	char path[128];         /* "verdict", "io[12]", "registers_after.rcx", "memory_writes[0x1000]" */
	char expected[VT_DIFF_VALUE_MAX]; /* each side as JSON text: "\"emulated\"", "72", "null" (none) */
	char actual[VT_DIFF_VALUE_MAX];
	char text[400];         /* "io[12]: expected out 0x402 size 1 value 0x48, got out ..." */
};

/* Compare in the order verdict, elements, io, regs, memory, fault, page
 * tables; fill *d with the first difference. Returns true when they differ. */
bool vt_result_diff(const struct vt_result *expected, const struct vt_result *actual,
		    unsigned parts, struct vt_diff *d);

#endif
