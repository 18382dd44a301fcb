/* One pasted crash, fully explained: parsed bytes, decode, class. Text and
 * JSON renderings live here so tests and every front end share them. */
#ifndef VMTRIAGE_DECODE_REPORT_H
#define VMTRIAGE_DECODE_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "vmtriage/bytes.h"
#include "vmtriage/classify.h"
#include "vmtriage/cluster.h"
#include "vmtriage/hypervisor.h"
#include "vmtriage/decode.h"
#include "vmtriage/insn_json.h"
#include "vmtriage/jsonw.h"
#include "vmtriage/output.h"

struct vt_decode_opts {
	unsigned mode;        /* 16, 32 or 64 */
	enum vt_radix radix;  /* VT_RADIX_AUTO unless --dec/--hex */
	bool has_rip;         /* --rip given: overrides a rip found in the input */
	uint64_t rip;
	enum vt_hypervisor hypervisor; /* --hypervisor: whose words explain the class */
};

struct vt_decode_report {
	char input[512];      /* the input as given (cut at 511 bytes) */
	struct vt_exit_bytes eb;
	uint64_t rip;         /* --rip, else the input's rip, else 0 */
	bool has_rip;
	enum vt_hypervisor hypervisor;
	struct vt_decoded dec;
	bool decoded;         /* false when redacted or empty */
	struct vt_classification cls;
	char signature[VT_SIG_MAX];     /* as bundles clusters it (exit kind InstEmul) */
	char signature_id[VT_SIG_ID_MAX];
};

int vt_decode_report_build(struct vt_decoder *dec, const char *text, size_t n,
			   const struct vt_decode_opts *opts, struct vt_decode_report *rep,
			   struct vt_error *err);

/* The text block; explain=false replaces the class's explanation and advice
 * with a pointer back to an earlier block (batch output). */
void vt_decode_report_text(FILE *fp, const struct vt_style *style, const struct vt_decode_report *rep,
			   bool explain);
/* One decode record (docs/json.md, vmtriage-decode(1)); schema non-NULL
 * writes it as the first member (an NDJSON line's "vmtriage.decode.v2"). */
void vt_decode_report_write_json(struct vt_jw *w, const struct vt_decode_report *rep, const char *schema);

/* The instruction record and its parts: vmtriage/insn_json.h. */

#endif
