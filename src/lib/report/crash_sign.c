/* Records without a signature (scan's version 1): decoded and classified
 * as bundles does, so merge and fleet load cluster them with the rest. */
#include "report/crash_sign.h"

#include "vmtriage/bundles.h"
#include "vmtriage/decode.h"

int vt_crash_where_sign(struct vt_crash *c, struct vt_crash_where *w, struct vt_decoder **dec,
			struct vt_error *err)
{
	char form[VT_FORM_MAX];
	int rc;
	if (w->signature[0] && w->has_class)
		return VT_OK;
	if (!*dec && !(*dec = vt_decoder_new(err)))
		return err->status;
	if ((rc = vt_crash_analyse(c, *dec, err)) != VT_OK)
		return rc;
	vt_crash_instruction_text(c, w->instruction, sizeof w->instruction);
	vt_cluster_form(w->instruction, form, sizeof form);
	vt_cluster_signature(c->kind, c->cls.id, form, w->signature, sizeof w->signature);
	vt_cluster_hash(w->signature, NULL, 0, w->signature_id);
	w->has_class = true;
	return VT_OK;
}
