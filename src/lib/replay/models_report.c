/* `replay --model`: a model's result next to the reference's, as JSON
 * fields and as one text line. */
#include <stdio.h>
#include <string.h>

#include "vmtriage/models.h"
#include "vmtriage/replay.h"
#include "vmtriage/replay_report.h"

int vt_model_replay(const struct vt_model *m, const struct vt_snapshot *snap, uint64_t max_elements,
		    struct vt_result *out, struct vt_model_report *rep, struct vt_error *err)
{
	struct vt_result ref;
	struct vt_diff d;
	int rc;

	memset(rep, 0, sizeof *rep);
	vt_result_init(&ref);
	if ((rc = vt_replay_run(snap, max_elements, &ref, err)) == VT_OK &&
	    (rc = vt_model_run(m, snap, max_elements, out, err)) == VT_OK) {
		rep->reference = (int)ref.verdict;
		rep->outcome = vt_model_outcome(&ref, out, &d);
		snprintf(rep->what, sizeof rep->what, "%s", d.what);
		snprintf(rep->expected, sizeof rep->expected, "%s", d.expected);
		snprintf(rep->actual, sizeof rep->actual, "%s", d.actual);
		snprintf(rep->text, sizeof rep->text, "%s", d.text);
	}
	vt_result_free(&ref);
	return rc;
}

void vt_model_report_write(struct vt_jw *w, const char *key, const struct vt_model *m,
			   const struct vt_model_report *rep, const struct vt_result *model,
			   const char *name)
{
	vt_jw_object_begin(w, key);
	vt_jw_string(w, "snapshot", name);
	vt_jw_string(w, "model", vt_model_name(m));
	vt_jw_string(w, "outcome", vt_model_outcome_name(rep->outcome));
	vt_jw_string(w, "reference_verdict", vt_verdict_name((enum vt_verdict)rep->reference));
	if (rep->outcome == VT_OUTCOME_WRONG) {
		vt_jw_object_begin(w, "difference");
		vt_jw_string(w, "what", rep->what);
		vt_jw_string(w, "expected", rep->expected);
		vt_jw_string(w, "actual", rep->actual);
		vt_jw_object_end(w);
	} else {
		vt_jw_null(w, "difference");
	}
	vt_result_write(w, "result", model, name);
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
		fprintf(fp, "  %-12s %s\n", "difference", rep->text);
	/* Both sides in full: the reference (what a correct VMM does) first. */
	vt_result_text(fp, st, reference, "reference");
	vt_result_text(fp, st, model, label);
}
