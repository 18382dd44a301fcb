/* Signing a crash read back from JSON (crash_sign.c). */
#ifndef VMTRIAGE_REPORT_CRASH_SIGN_H
#define VMTRIAGE_REPORT_CRASH_SIGN_H

#include "vmtriage/crash_read.h"
#include "vmtriage/decode.h"

/* A record without a signature or class (scan's): decode (with *dec,
 * made on first use; vt_decoder_free it) and classify the crash as
 * bundles does, and fill w's instruction, signature and signature id. */
int vt_crash_where_sign(struct vt_crash *c, struct vt_crash_where *w, struct vt_decoder **dec,
			struct vt_error *err);

#endif
