/* bundles --model: would a known patch handle each cluster's instruction? */
#include "vmtriage/bundles.h"

#include <stdlib.h>
#include <string.h>

/* The code size to judge a cluster in: the first of its crashes with the
 * most frequent bytes whose registers say; 0 (unknown) otherwise. */
static unsigned cluster_code_bits(const struct vt_bundles_result *r, const struct vt_cluster *c,
				  const struct vt_cluster_variant *v)
{
	for (size_t k = 0; k < c->count; k++) {
		const struct vt_found *f = &r->crashes[c->crashes[k]];
		if (f->code_bits && f->ninst == v->nbytes && memcmp(f->inst, v->bytes, v->nbytes) == 0)
			return f->code_bits;
	}
	return 0;
}

int vt_bundles_assess(struct vt_bundles_result *r, const struct vt_model *m)
{
	free(r->assessments);
	r->assessments = calloc(r->nclusters ? r->nclusters : 1, sizeof *r->assessments);
	if (!r->assessments)
		return VT_ERR_NOMEM;
	r->model = vt_model_name(m);
	for (size_t i = 0; i < r->nclusters; i++) {
		const struct vt_cluster *c = &r->clusters[i];
		struct vt_model_assessment *a = &r->assessments[i];
		/* Variants are most frequent first; redacted or empty ones have no bytes. */
		const struct vt_cluster_variant *v = c->nvariants ? &c->variants[0] : NULL;
		if (!v || v->redacted || !v->nbytes) {
			a->verdict = c->kind == VT_KIND_INST_EMUL ? VT_ASSESS_INVALID : VT_ASSESS_NOT_STRING_IO;
			snprintf(a->reason, sizeof a->reason, "%s",
				 v && v->redacted ? "bytes redacted: cannot tell" :
				 c->kind == VT_KIND_INST_EMUL ? "no instruction bytes" : "not an instruction exit");
			continue;
		}
		vt_model_assess_insn(m, v->bytes, v->nbytes, cluster_code_bits(r, c, v), a);
	}
	return VT_OK;
}
