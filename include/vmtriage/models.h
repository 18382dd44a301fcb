/* Executable models of known VMM patches for INS/OUTS exits, run on a
 * loaded snapshot with the emulator's primitives (emu.h) so their result
 * diffs against the reference's; and a bytes-only assessment of whether a
 * patch would handle an instruction form (for `bundles --model`).
 * Behaviour modelled: vmtriage-corpus(1), Models.
 *
 *   c2bc58f9  swherdman/propolis: F3/66 prefixes only; size 1, or 2 with 66
 *             else 4 (also in 16-bit code); rSI/rDI used as full 64-bit guest
 *             *physical* addresses; count = full RCX; OUTS panics on a failed
 *             memory read after earlier elements went out, with no register
 *             written; INS drops failed memory writes; loops the whole count.
 *   7bb3e125  oxidecomputer/propolis-standalone: only F3 6C / F3 6E; asserts
 *             RCX < 0x4000; pointers advance by RCX whatever DF says; RCX = 0;
 *             RIP left alone so the re-executed REP (RCX = 0) is a no-op.
 */
#ifndef VMTRIAGE_MODELS_H
#define VMTRIAGE_MODELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vmtriage/error.h"
#include "vmtriage/replay.h" /* the result and difference types a model run reports */

struct vt_snapshot; /* snapshot.h */
struct vt_jw;       /* jsonw.h */
struct vt_style;    /* output.h */

struct vt_model; /* one built-in model (opaque, static) */

/* By name ("c2bc58f9", also the full 40-digit commit) or NULL. */
const struct vt_model *vt_model_find(const char *name);
/* The i-th built-in model, NULL past the end (for listings and completion). */
const struct vt_model *vt_model_at(size_t i);
const char *vt_model_name(const struct vt_model *m);    /* "c2bc58f9" */

/* ---- Running a model on a snapshot. */

/* What a model did compared with the reference. Stable names in JSON. */
enum vt_model_outcome {
	VT_OUTCOME_CORRECT = 0,       /* same io, registers, memory, fault as the reference */
	VT_OUTCOME_WRONG,             /* completes, but differs (see the diff) */
	VT_OUTCOME_NOT_HANDLED,       /* gives up before any effect: the VMM panics as before */
	VT_OUTCOME_PARTIAL_THEN_PANIC,/* port traffic happened, then the VMM panics */
	VT_OUTCOME_HANG,              /* loops over more elements than the bound in one exit */
	VT_OUTCOME_UNKNOWN,           /* needs memory the snapshot does not describe */
	VT_OUTCOME_COUNT
};
const char *vt_model_outcome_name(enum vt_model_outcome o);

/* Run the model on the snapshot: *out gets the model's result (init it with
 * vt_result_init). Verdicts: emulated, not-handled (panic: `elements` done
 * before it), limit-reached (the model would loop past the snapshot's
 * max_elements: a hang), unknown-memory, not-string-io. `detail` says why
 * in one sentence. Bound: vt_snapshot_max_elements(snap, max_elements). VT_OK or VT_ERR_NOMEM. */
int vt_model_run(const struct vt_model *m, const struct vt_snapshot *snap, uint64_t max_elements,
		 struct vt_result *out, struct vt_error *err);

/* Classify a model's result against the reference's. *d (may be NULL)
 * gets the first difference for `wrong`. Page-table Accessed/Dirty updates
 * are not compared: no VMM's string-I/O path is expected to make them. */
enum vt_model_outcome vt_model_outcome(const struct vt_result *reference,
				       const struct vt_result *model, struct vt_diff *d);

/* The parts vt_model_outcome compares (VT_DIFF_* of replay.h; a trace gate
 * uses VT_DIFF_TRACE). */
#define VT_MODEL_DIFF_PARTS (VT_DIFF_ALL & ~(unsigned)VT_DIFF_PAGE_TABLES)

/* A model run next to the reference, for `replay --model`. */
struct vt_model_report {
	enum vt_model_outcome outcome;
	int reference;            /* the reference's enum vt_verdict (replay.h) */
	struct vt_diff diff;      /* outcome wrong: the first difference (differs false otherwise) */
};
/* Run the reference and the model on snap: *out = the model's result.
 * VT_OK or VT_ERR_NOMEM. */
int vt_model_replay(const struct vt_model *m, const struct vt_snapshot *snap, uint64_t max_elements,
		    struct vt_result *out, struct vt_model_report *rep, struct vt_error *err);
/* The model's replay-result record with "model" (the assessment: verdict
 * the outcome, reason why), "reference_verdict" and "difference" (null
 * unless wrong), streamed (key: the member name inside an object, NULL
 * elsewhere; schema as vt_result_write). */
void vt_model_report_write(struct vt_jw *w, const char *key, const struct vt_model *m,
			   const struct vt_model_report *rep, const struct vt_result *model,
			   const char *name, const char *schema);
/* The model assessment of docs/json.md, {"name", "verdict", "reason"}: one
 * writer for replay results, gate cases, firmware sites and bundles clusters.
 * reason NULL or "" is null. */
void vt_model_assessment_write(struct vt_jw *w, const char *key, const char *name, const char *verdict,
			       const char *reason);
/* The text of `replay --model`, led by the outcome against the reference:
 * "NAME: model c2bc58f9 wrong against the reference" and the first
 * difference (or why the model gave up), then both results, the reference's
 * and the model's, in full; when they agree, the model's once. */
void vt_model_report_text(FILE *fp, const struct vt_style *style, const struct vt_model *m,
			  const struct vt_model_report *rep, const struct vt_result *reference,
			  const struct vt_result *model, const char *name);

/* ---- Bytes-only assessment (no snapshot): would the patch handle this
 * instruction form, and where would it go wrong? Stable names in JSON. */
enum vt_assess {
	VT_ASSESS_HANDLED = 0,   /* "handled": as hardware does, given identity-mapped memory */
	VT_ASSESS_DEPENDS,       /* "depends": right or wrong depending on state (reason says) */
	VT_ASSESS_WRONG_SIZE,    /* "wrong-size": moves elements of the wrong size */
	VT_ASSESS_NOT_HANDLED,   /* "not-handled": falls back to the panic */
	VT_ASSESS_NOT_STRING_IO, /* "not-string-io": not INS/OUTS, the patch is irrelevant */
	VT_ASSESS_INVALID,       /* "invalid": no bytes, truncated, or longer than 15 bytes */
	VT_ASSESS_COUNT
};
const char *vt_assess_name(enum vt_assess a);

struct vt_model_assessment {
	enum vt_assess verdict;
	char reason[128]; /* one line: "67 prefix: not handled", "real-mode OUTSW: wrong size ..." */
};

/* Assess bytes[0..n) (the exit's inst_data; bytes after the instruction are
 * ignored) for code of code_bits 16, 32 or 64, or 0 when the mode is
 * unknown. Never fails: bad input gives VT_ASSESS_INVALID. Returns the verdict. */
enum vt_assess vt_model_assess_insn(const struct vt_model *m, const uint8_t *bytes, size_t n,
				    unsigned code_bits, struct vt_model_assessment *out);

#endif
