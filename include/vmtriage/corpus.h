/* A replay corpus: a directory of snapshots, each with a reviewed
 * expectation `<name>.expect.json` (the reference replay result), checked for
 * drift, (re)blessed with a diff, grown from scan crashes, and used as a CI
 * gate for a patched VMM's traces (`<name>.trace.ndjson`) or for a model. */
#ifndef VMTRIAGE_CORPUS_H
#define VMTRIAGE_CORPUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vmtriage/crash_read.h"
#include "vmtriage/error.h"
#include "vmtriage/json.h"
#include "vmtriage/models.h"
#include "vmtriage/output.h"
#include "vmtriage/replay.h"

#define VT_CORPUS_MAX_CASES 100000
#define VT_CORPUS_EXPECT_MAX (256u * 1024 * 1024) /* bytes of one expectation read */

struct vt_corpus_case {
	char *name;     /* file name without .json: also the trace's and expectation's stem */
	char *snapshot; /* DIR/<name>.json */
	char *expect;   /* DIR/<name>.expect.json (may not exist yet) */
};

struct vt_corpus {
	char *dir;
	struct vt_corpus_case *cases; /* sorted by name */
	size_t n;
};

/* List DIR's snapshots (*.json but not *.expect.json). VT_OK, or
 * VT_ERR_IO (unreadable directory) / VT_ERR_INPUT (no snapshots). */
int vt_corpus_load(const char *dir, struct vt_corpus **out, struct vt_error *err);
void vt_corpus_free(struct vt_corpus *c);
/* Keep only the named cases, in corpus order; an unknown name is VT_ERR_INPUT. */
int vt_corpus_select(struct vt_corpus *c, char *const *names, size_t n, struct vt_error *err);

/* ---- Expectations. */

/* Read a file ("-": standard input) of at most max bytes; *text is
 * NUL-terminated (free() it). */
int vt_corpus_read_text(const char *path, size_t max, char **text, size_t *len, struct vt_error *err);
/* Write an expectation (vt_check's fresh: the reference result as replay
 * --json prints it) to DIR/<name>.expect.json, pretty with a trailing
 * newline, atomically via a temporary file. */
int vt_corpus_write_expectation(const struct vt_corpus_case *c, const struct vt_json *expect,
				struct vt_error *err);

/* A line diff of two JSON values pretty-printed: "--- old", "+++ new" and
 * the changed lines ('-'/'+') with up to 3 lines of context (' '). Writes
 * nothing when they are equal. Returns 0 or -1 (write error or no memory). */
int vt_json_line_diff(FILE *fp, const char *old_label, const struct vt_json *old_value,
		      const char *new_label, const struct vt_json *new_value);

enum vt_check_status {
	VT_CHECK_OK = 0,   /* the reference reproduces the expectation */
	VT_CHECK_DRIFT,    /* it does not: diff says where */
	VT_CHECK_MISSING,  /* no expectation yet: bless it after review */
	VT_CHECK_ERROR     /* snapshot or expectation unreadable: message says why */
};
const char *vt_check_status_name(enum vt_check_status s); /* "ok", "drift", "missing", "error" */

struct vt_check {
	enum vt_check_status status;
	struct vt_diff diff;      /* VT_CHECK_DRIFT: the first difference, stored against fresh */
	struct vt_error err;      /* VT_CHECK_ERROR */
	int error_status;         /* its enum vt_status */
	struct vt_json *fresh;    /* the freshly computed expectation (owned; may be NULL) */
	struct vt_json *stored;   /* the stored one (owned; may be NULL) */
};
/* Re-run the reference for one case, for at most
 * vt_snapshot_max_elements(snap, max_elements) elements (0: the default
 * ceiling; the snapshot can only lower it), and compare. Never fails:
 * errors land in *out. Empty it with vt_check_release. */
void vt_corpus_check_case(const struct vt_corpus_case *c, uint64_t max_elements, struct vt_check *out);
void vt_check_release(struct vt_check *chk);

/* ---- The gate: a patched VMM's traces (or a model) against the reference. */

enum vt_gate_status {
	VT_GATE_PASS = 0,
	VT_GATE_FAIL,     /* a difference (trace) or an outcome other than correct (model) */
	VT_GATE_MISSING,  /* no <name>.trace.ndjson */
	VT_GATE_ERROR,    /* snapshot or trace unreadable */
	VT_GATE_STATUS_COUNT
};
const char *vt_gate_status_name(enum vt_gate_status s); /* "pass", "fail", "missing", "error" */

struct vt_gate_options {
	const char *traces;           /* trace directory, or NULL with model */
	const struct vt_model *model; /* stands in for the traces */
	bool allow_missing;           /* missing traces do not fail the gate */
	uint64_t max_elements;        /* ceiling of every run (0: the default); snapshots only lower it */
};

struct vt_gate_case {
	char *name;
	enum vt_gate_status status;
	enum vt_verdict reference;    /* the reference verdict (when the snapshot loaded) */
	bool has_reference;
	int outcome;                  /* enum vt_model_outcome with a model, else -1 */
	bool has_diff;
	struct vt_diff diff;          /* the first difference */
	char message[512];            /* one line: why it failed / is missing / errored */
};

struct vt_gate_report {
	char *dir;
	char *source;                 /* the trace directory, or "model <name>" */
	const struct vt_model *model;
	bool allow_missing;
	struct vt_gate_case *cases;
	size_t n;
	size_t count[VT_GATE_STATUS_COUNT];
	long long timestamp;          /* Unix time of the run (JUnit); the CLI honours SOURCE_DATE_EPOCH */
};

/* Run the gate over every case of c. VT_OK (whatever the verdicts) or
 * VT_ERR_NOMEM / VT_ERR_INPUT (bad options) / VT_ERR_IO (the trace directory
 * cannot be searched). Empty it with vt_gate_report_release. */
int vt_corpus_gate(const struct vt_corpus *c, const struct vt_gate_options *opt,
		   struct vt_gate_report *out, struct vt_error *err);
void vt_gate_report_release(struct vt_gate_report *r);
/* true when the gate passes: no fail or error, and no missing unless allowed. */
bool vt_gate_passed(const struct vt_gate_report *r);

/* Reports: text (one line a case, then a summary line), JSON, JUnit XML. */
#define VT_GATE_SCHEMA "vmtriage.corpus-gate.v2"
#define VT_CHECK_SCHEMA "vmtriage.corpus-check.v2"
void vt_gate_text(FILE *fp, const struct vt_style *style, const struct vt_gate_report *r);
struct vt_json *vt_gate_json(const struct vt_gate_report *r);
int vt_gate_junit(FILE *fp, const struct vt_gate_report *r); /* 0 or -1 on a write error */

/* ---- corpus add: a snapshot skeleton from a crash record. */

struct vt_skeleton {
	struct vt_json *snapshot; /* the snapshot JSON, memory empty (owned) */
	char needs[8][200]; /* what the user must still add, one sentence each */
	size_t nneeds;
};
/* Crash `index` of a file ("-": stdin, at most max bytes) in any form
 * vt_crash_read takes: a crash object, an array, a scan/bundles --json
 * document, NDJSON rows. */
int vt_corpus_read_crash(const char *path, size_t max, size_t index, struct vt_crash *c,
			 struct vt_crash_rec *w, struct vt_error *err);
/* name: the snapshot's name. VT_OK, or VT_ERR_INPUT when the crash is not
 * an InstEmul exit with bytes and registers. */
int vt_corpus_skeleton(const struct vt_crash *c, const char *name, struct vt_skeleton *out,
		       struct vt_error *err);
void vt_skeleton_release(struct vt_skeleton *s);

#endif
