/* The model registry, running a model on a snapshot, and classifying its
 * result against the reference. */
#include <stdio.h>
#include <string.h>

#include "replay/models_int.h"
#include "vmtriage/replay.h"
#include "vmtriage/snapshot.h"

static const struct vt_model *const models[] = { &model_c2bc58f9, &model_7bb3e125 };
#define NMODELS (sizeof models / sizeof models[0])

static const char *const outcome_names[VT_OUTCOME_COUNT] = {
	"correct", "wrong", "not-handled", "partial-then-panic", "hang", "unknown",
};

const char *vt_model_outcome_name(enum vt_model_outcome o)
{
	return (unsigned)o < VT_OUTCOME_COUNT ? outcome_names[o] : "?";
}

const struct vt_model *vt_model_find(const char *name)
{
	for (size_t i = 0; name && i < NMODELS; i++)
		if (strcmp(name, models[i]->name) == 0 || strcmp(name, models[i]->commit) == 0)
			return models[i];
	return NULL;
}

const struct vt_model *vt_model_at(size_t i)
{
	return i < NMODELS ? models[i] : NULL;
}

const char *vt_model_name(const struct vt_model *m)
{
	return m->name;
}

int vt_model_run(const struct vt_model *m, const struct vt_snapshot *snap, uint64_t max_elements,
		 struct vt_result *out, struct vt_error *err)
{
	uint64_t bound = vt_snapshot_max_elements(snap, max_elements);
	struct vt_emu *e = vt_emu_new(&snap->input, err);
	int rc;

	if (!e)
		return VT_ERR_NOMEM;
	rc = m->run(e, bound, out);
	vt_emu_free(e);
	if (rc)
		return vt_error_set(err, rc, "out of memory running model %s on %s", m->name, snap->name);
	return VT_OK;
}

enum vt_model_outcome vt_model_outcome(const struct vt_result *ref, const struct vt_result *mod,
				       struct vt_diff *d)
{
	struct vt_diff local;
	if (!d)
		d = &local;
	memset(d, 0, sizeof *d);
	d->element = -1;
	switch (mod->verdict) {
	case VT_VERDICT_NOT_HANDLED:
	case VT_VERDICT_NOT_STRING_IO:
	case VT_VERDICT_INVALID:
		return mod->io.accesses ? VT_OUTCOME_PARTIAL_THEN_PANIC : VT_OUTCOME_NOT_HANDLED;
	case VT_VERDICT_LIMIT_REACHED:
		return VT_OUTCOME_HANG;
	case VT_VERDICT_UNKNOWN_MEMORY:
		return VT_OUTCOME_UNKNOWN;
	default:
		break;
	}
	return vt_result_diff(ref, mod, VT_MODEL_DIFF_PARTS, d) ? VT_OUTCOME_WRONG : VT_OUTCOME_CORRECT;
}

enum vt_assess vt_model_assess_insn(const struct vt_model *m, const uint8_t *bytes, size_t n,
				    unsigned code_bits, struct vt_model_assessment *out)
{
	if (code_bits != 0 && code_bits != 16 && code_bits != 32 && code_bits != 64)
		return model_assess_set(out, VT_ASSESS_INVALID, "code size %u is not 16, 32 or 64", code_bits);
	if (!bytes || n == 0)
		return model_assess_set(out, VT_ASSESS_INVALID, "no instruction bytes");
	if (n > VT_INSN_MAX)
		n = VT_INSN_MAX;
	return m->assess(bytes, n, code_bits, out);
}
