/* A crash read back from JSON, completed: decoded again (the record keeps
 * its bytes and registers, not the decode), so a merged report's crash has
 * its instruction record; and, for a record without a signature (scan's
 * version 1), classified and signed as bundles does. */
#include "report/crash_sign_int.h"

#include <string.h>

#include "vmtriage/crash_report.h"

int crash_sign_complete(struct vt_crash *c, struct vt_crash_rec *w, struct vt_decoder **dec,
		      struct vt_error *err)
{
	struct vt_classification kept = c->cls;
	bool sign = !w->signature[0] || !w->has_class;
	int rc;
	if (!sign && (c->kind != VT_KIND_INST_EMUL || !c->has_inst || c->redacted))
		return VT_OK; /* nothing to decode, nothing to sign */
	if (!*dec && !(*dec = vt_decoder_new(err)))
		return err->status;
	if ((rc = vt_crash_analyse(c, *dec, err)) != VT_OK)
		return rc;
	if (!sign) {
		c->cls = kept; /* the record's verdict stands: it is what it was clustered by */
		return VT_OK;
	}
	struct vt_crash_sig sig;
	vt_crash_signature(c, &sig);
	memcpy(w->instruction, sig.instruction, sizeof w->instruction);
	memcpy(w->signature, sig.signature, sizeof w->signature);
	memcpy(w->signature_id, sig.id, sizeof w->signature_id);
	w->has_class = true;
	return VT_OK;
}
