/* The gate: each case's reference result against a patched VMM's trace
 * (or a model's result), pass / fail / missing / error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vmtriage/corpus.h"
#include "vmtriage/replay_report.h"
#include "vmtriage/snapshot.h"

static const char *const gate_names[VT_GATE_STATUS_COUNT] = { "pass", "fail", "missing", "error" };

const char *vt_gate_status_name(enum vt_gate_status s)
{
	return (unsigned)s < VT_GATE_STATUS_COUNT ? gate_names[s] : "?";
}

/* Status and message "a" or "a: b". */
static void set(struct vt_gate_case *g, enum vt_gate_status s, const char *a, const char *b)
{
	g->status = s;
	snprintf(g->message, sizeof g->message, "%s%s%s", a, b ? ": " : "", b ? b : "");
}

static void against_model(const struct vt_gate_options *opt, const struct vt_snapshot *snap,
			  const struct vt_result *ref, struct vt_gate_case *g)
{
	struct vt_result mod;
	struct vt_error err;

	vt_result_init(&mod);
	if (vt_model_run(opt->model, snap, opt->max_elements, &mod, &err)) {
		set(g, VT_GATE_ERROR, err.msg, NULL);
	} else {
		enum vt_model_outcome o = vt_model_outcome(ref, &mod, &g->diff);
		g->outcome = (int)o;
		g->has_diff = o == VT_OUTCOME_WRONG;
		if (o == VT_OUTCOME_CORRECT)
			set(g, VT_GATE_PASS, "correct", NULL);
		else
			set(g, VT_GATE_FAIL, vt_model_outcome_name(o),
			    g->has_diff ? g->diff.text : mod.detail);
	}
	vt_result_release(&mod);
}

static void against_trace(const char *dir, const char *name, const struct vt_result *ref,
			  struct vt_gate_case *g)
{
	size_t n = strlen(dir) + strlen(name) + 16;
	char *path = malloc(n);
	struct vt_result tr;
	struct vt_error err;

	if (!path) {
		set(g, VT_GATE_ERROR, "out of memory", NULL);
		return;
	}
	snprintf(path, n, "%s/%s.trace.ndjson", dir, name);
	vt_result_init(&tr);
	if (access(path, F_OK) != 0)
		set(g, VT_GATE_MISSING, "no trace", path);
	else if (vt_trace_load(path, &tr, &err))
		set(g, VT_GATE_ERROR, err.msg, NULL);
	else if ((g->has_diff = vt_result_diff(ref, &tr, VT_DIFF_TRACE | VT_DIFF_FAULT, &g->diff)))
		set(g, VT_GATE_FAIL, g->diff.text, NULL);
	else
		set(g, VT_GATE_PASS, "matches the reference", NULL);
	vt_result_release(&tr);
	free(path);
}

static void gate_case(const struct vt_corpus_case *k, const struct vt_gate_options *opt,
		      struct vt_gate_case *g)
{
	struct vt_snapshot *snap;
	struct vt_result ref;
	struct vt_error err;

	g->outcome = -1;
	if (vt_snapshot_load_regular(k->snapshot, &snap, &err)) {
		set(g, VT_GATE_ERROR, err.msg, NULL);
		return;
	}
	vt_result_init(&ref);
	if (vt_replay_run(snap, opt->max_elements, &ref, &err)) {
		set(g, VT_GATE_ERROR, err.msg, NULL);
	} else {
		g->reference = ref.verdict;
		g->has_reference = true;
		if (opt->model)
			against_model(opt, snap, &ref, g);
		else
			against_trace(opt->traces, k->name, &ref, g);
	}
	vt_result_release(&ref);
	vt_snapshot_free(snap);
}

static char *source_name(const struct vt_gate_options *opt)
{
	size_t n = opt->model ? strlen(vt_model_name(opt->model)) + 8 : strlen(opt->traces) + 1;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, opt->model ? "model %s" : "%s",
			 opt->model ? vt_model_name(opt->model) : opt->traces);
	return s;
}

int vt_corpus_gate(const struct vt_corpus *c, const struct vt_gate_options *opt,
		   struct vt_gate_report *out, struct vt_error *err)
{
	memset(out, 0, sizeof *out);
	if (!opt->model == !opt->traces)
		return vt_error_set(err, VT_ERR_INPUT, "the gate takes a trace directory or a model, exactly one");
	/* A mistyped trace directory is an error, not N missing traces. */
	if (opt->traces && access(opt->traces, X_OK) != 0)
		return vt_error_set(err, VT_ERR_IO, "%s: %s", opt->traces, strerror(errno));
	out->model = opt->model;
	out->allow_missing = opt->allow_missing;
	out->timestamp = (long long)time(NULL);
	out->dir = strdup(c->dir);
	out->source = source_name(opt);
	out->cases = calloc(c->n ? c->n : 1, sizeof *out->cases);
	if (!out->dir || !out->source || !out->cases) {
		vt_gate_report_release(out);
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < c->n; i++) {
		struct vt_gate_case *g = &out->cases[out->n];
		if (!(g->name = strdup(c->cases[i].name))) {
			vt_gate_report_release(out);
			return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		}
		out->n++;
		gate_case(&c->cases[i], opt, g);
		out->count[g->status]++;
	}
	return VT_OK;
}

void vt_gate_report_release(struct vt_gate_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		free(r->cases[i].name);
	free(r->cases);
	free(r->dir);
	free(r->source);
	memset(r, 0, sizeof *r);
}

bool vt_gate_passed(const struct vt_gate_report *r)
{
	return r->count[VT_GATE_FAIL] == 0 && r->count[VT_GATE_ERROR] == 0 &&
	       (r->allow_missing || r->count[VT_GATE_MISSING] == 0);
}
