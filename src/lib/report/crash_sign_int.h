/* Signing a crash read back from JSON (crash_sign.c). */
#ifndef VMTRIAGE_REPORT_CRASH_SIGN_INT_H
#define VMTRIAGE_REPORT_CRASH_SIGN_INT_H

#include "vmtriage/crash_read.h"
#include "vmtriage/decode.h"

/* Decode the crash's bytes again (with *dec, made on first use;
 * vt_decoder_free it), keeping the record's class; a record without a
 * signature or class (scan's version 1) is classified as bundles does and
 * w's instruction, signature and signature id filled. */
int crash_sign_complete(struct vt_crash *c, struct vt_crash_rec *w, struct vt_decoder **dec,
			struct vt_error *err);

#endif
