/* Private to models*.c: one built-in model is a name, a run
 * function over an emulator execution and a bytes-only assessor. */
#ifndef VMTRIAGE_MODELS_INT_H
#define VMTRIAGE_MODELS_INT_H

#include "vmtriage/emu.h"
#include "vmtriage/models.h"

struct vt_model {
	const char *name;   /* short commit id */
	const char *commit; /* full commit id, also accepted by vt_model_find */
	/* Execute on e (a fresh execution of the snapshot) and vt_emu_finish
	 * into out; `bound` is the snapshot's max_elements. */
	int (*run)(struct vt_emu *e, uint64_t bound, struct vt_result *out);
	enum vt_assess (*assess)(const uint8_t *bytes, size_t n, unsigned code_bits,
				 struct vt_model_assessment *out);
};

/* vt_model_assessment_write's object as a cJSON tree, for the reports
 * still built with cJSON (gate, firmware): parsed back from it, one writer. */
#include <cjson/cJSON.h>
cJSON *model_assessment_json(const char *name, const char *verdict, const char *reason);

extern const struct vt_model model_c2bc58f9;
extern const struct vt_model model_7bb3e125;

/* Fill *out and return its verdict. */
enum vt_assess model_assess_set(struct vt_model_assessment *out, enum vt_assess v, const char *fmt,
			     ...) VT_PRINTF(3, 4);
/* Why bytes that are not a form the model accepts fail: "67 prefix: not
 * handled", "not INS/OUTS", ... (byte `at` is the first one it rejects). */
enum vt_assess model_assess_rejected(const uint8_t *bytes, size_t n, size_t at, unsigned code_bits,
				  struct vt_model_assessment *out);

/* Guest-physical addresses a patch's physical access can never reach
 * (beyond the architectural 52-bit MAXPHYADDR): the access fails in the VMM
 * rather than being merely absent from the snapshot. */
#define MODEL_PHYS_LIMIT (1ull << 52)

/* Physical read/write through e that a model treats like the VMM would:
 * VT_ACCESS_OK, VT_ACCESS_FAULT when the VMM's access fails (beyond the
 * physical limit), VT_ACCESS_UNKNOWN when the snapshot does not say. */
enum vt_access model_phys(struct vt_emu *e, uint64_t gpa, uint8_t *buf, size_t n, bool write);

/* Finish a model run that gave up (the VMM panics) after `done` elements. */
int model_panic(struct vt_emu *e, uint64_t done, const char *why, struct vt_result *out);

#endif
