/* The instruction record of docs/json.md, written by the streaming JSON
 * writer: one writer for decode, crashes, firmware sites and replay results. */
#ifndef VMTRIAGE_INSN_JSON_H
#define VMTRIAGE_INSN_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "vmtriage/decode.h"
#include "vmtriage/insn.h"
#include "vmtriage/jsonw.h"

/* {"address", "offset", "bytes", "text", "length", "valid", "prefixes",
 * "string_io"}: prefixes and string I/O read from the instruction's own
 * bytes as code of `bits`; offset from base (the exit's rip). */
void vt_instruction_write_json(struct vt_jw *w, const char *key, const struct vt_insn *insn, unsigned bits,
			       uint64_t base);

/* Its parts. {"address", "offset", "bytes", "text", "length", "valid"};
 * the object is left open when close is false. */
void vt_insn_write_json(struct vt_jw *w, const char *key, const struct vt_insn *insn, uint64_t base,
			bool close);
/* {"rep", "lock", "operand_size", ...} */
void vt_prefixes_write_json(struct vt_jw *w, const char *key, const struct vt_prefixes *p, unsigned mode);
/* {"direction", "element_size", "address_size", "rep", "segment"} */
void vt_string_io_write_json(struct vt_jw *w, const char *key, const struct vt_string_io *sio);

#endif
