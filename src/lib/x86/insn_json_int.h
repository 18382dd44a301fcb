/* The instruction record as a cJSON tree, for the reports still built with
 * cJSON (firmware): private, so no public header exposes cJSON. */
#ifndef VMTRIAGE_X86_INSN_JSON_INT_H
#define VMTRIAGE_X86_INSN_JSON_INT_H

#include <cjson/cJSON.h>

#include "vmtriage/decode.h"

cJSON *x86_instruction_json(const struct vt_insn *insn, unsigned bits, uint64_t base);

#endif
