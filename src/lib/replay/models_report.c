/* `replay --model`: a model's result next to the reference's, as JSON
 * fields and as one text line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay/models_int.h"
#include "util/util_int.h"
#include "vmtriage/models.h"
#include "vmtriage/replay.h"
#include "vmtriage/replay_report.h"

int vt_model_replay(const struct vt_model *m, const struct vt_snapshot *snap, uint64_t max_elements,
		    struct vt_result *out, struct vt_model_report *rep, struct vt_error *err)
{
	struct vt_result ref;
	int rc;

	memset(rep, 0, sizeof *rep);
	vt_result_init(&ref);
	if ((rc = vt_replay_run(snap, max_elements, &ref, err)) == VT_OK &&
	    (rc = vt_model_run(m, snap, max_elements, out, err)) == VT_OK) {
		rep->reference = (int)ref.verdict;
		rep->outcome = vt_model_outcome(&ref, out, &rep->diff);
		if (rep->outcome != VT_OUTCOME_WRONG)
			rep->diff.differs = false;
	}
	vt_result_release(&ref);
	return rc;
}

void vt_model_assessment_write(struct vt_jw *w, const char *key, const char *name, const char *verdict,
			       const char *reason)
{
	vt_jw_object_begin(w, key);
	vt_jw_string(w, "name", name);
	vt_jw_string(w, "verdict", verdict);
	vt_jw_string(w, "reason", reason && *reason ? reason : NULL);
	vt_jw_object_end(w);
}

struct assessment_arg {
	const char *name, *verdict, *reason;
};

static void write_assessment(struct vt_jw *w, const void *arg)
{
	const struct assessment_arg *a = arg;
	vt_model_assessment_write(w, NULL, a->name, a->verdict, a->reason);
}

cJSON *model_assessment_json(const char *name, const char *verdict, const char *reason)
{
	struct assessment_arg a = { name, verdict, reason };
	return util_jw_tree(write_assessment, &a);
}

/* Why the model's verdict: the difference, "same result", or what it said. */
static const char *model_reason(const struct vt_model_report *rep, const struct vt_result *model)
{
	return rep->outcome == VT_OUTCOME_WRONG ? rep->diff.text
	       : rep->outcome == VT_OUTCOME_CORRECT ? "same result as the reference"
	       : model->detail;
}

void vt_model_report_write(struct vt_jw *w, const char *key, const struct vt_model *m,
			   const struct vt_model_report *rep, const struct vt_result *model,
			   const char *name, const char *schema)
{
	vt_result_write_open(w, key, model, name, schema);
	vt_model_assessment_write(w, "model", vt_model_name(m), vt_model_outcome_name(rep->outcome),
				  model_reason(rep, model));
	vt_jw_literal(w, "reference_verdict", vt_verdict_name((enum vt_verdict)rep->reference));
	vt_diff_write(w, "difference", &rep->diff);
	vt_jw_object_end(w);
}

void vt_model_report_text(FILE *fp, const struct vt_style *st, const struct vt_model *m,
			  const struct vt_model_report *rep, const struct vt_result *reference,
			  const struct vt_result *model, const char *name)
{
	const char *colour = rep->outcome == VT_OUTCOME_CORRECT ? VT_SGR_GREEN : VT_SGR_RED;
	char label[64];

	fprintf(fp, "%s%s%s: model %s %s%s%s against the reference\n", vt_sgr(st, VT_SGR_BOLD),
		name ? name : "replay", vt_sgr(st, VT_SGR_RESET), vt_model_name(m), vt_sgr(st, colour),
		vt_model_outcome_name(rep->outcome), vt_sgr(st, VT_SGR_RESET));
	snprintf(label, sizeof label, "model %s", vt_model_name(m));
	if (rep->outcome == VT_OUTCOME_CORRECT) {
		fprintf(fp, "  %-12s %s\n", "difference", "none: the same result as the reference");
		vt_result_text(fp, st, model, label);
		return;
	}
	if (rep->outcome == VT_OUTCOME_WRONG)
		fprintf(fp, "  %-12s %s\n", "difference", rep->diff.text);
	/* Both sides in full: the reference (what a correct VMM does) first. */
	vt_result_text(fp, st, reference, "reference");
	vt_result_text(fp, st, model, label);
}
