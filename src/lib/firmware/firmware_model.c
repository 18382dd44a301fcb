/* firmware --model: which string-I/O sites a known patch would handle. */
#include "vmtriage/firmware.h"
#include "vmtriage/models.h"

#include <stdio.h>

void vt_firmware_assess(struct vt_fw_report *rep, const struct vt_model *m)
{
	rep->model = vt_model_name(m);
	for (size_t i = 0; i < rep->nsites; i++) {
		struct vt_fw_site *s = &rep->sites[i];
		struct vt_model_assessment a;
		/* Firmware code is decoded for a known code size: the assessment
		 * can tell e.g. 16-bit OUTSW mis-sizing apart. */
		vt_model_assess_insn(m, s->insn.bytes, s->insn.size, s->bits, &a);
		s->verdict = vt_assess_name(a.verdict);
		snprintf(s->verdict_reason, sizeof s->verdict_reason, "%s", a.reason);
	}
}
