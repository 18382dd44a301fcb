/* Decoding exit bytes with Capstone: the faulting instruction, its
 * prefixes, and the bytes after it (shown, never executed). */
#ifndef VMTRIAGE_DECODE_H
#define VMTRIAGE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/error.h"
#include "vmtriage/insn.h"

struct vt_insn {
	uint64_t address;
	uint8_t bytes[VT_INSN_MAX];
	uint8_t size;
	bool valid;                /* false: a raw byte that does not decode */
	bool touches_memory;       /* an explicit memory operand that is really accessed */
	char text[160];            /* Intel syntax: "rep outsb dx, byte ptr [rsi]" */
	char memory_operand[96];   /* that operand's text, e.g. "byte ptr [rsi]" */
};

struct vt_decoded {
	unsigned mode;             /* code size: 16, 32 or 64 */
	uint64_t rip;
	struct vt_insn faulting;   /* faulting.valid false: the first bytes do not decode */
	struct vt_prefixes prefixes;
	bool is_string_io;
	struct vt_string_io sio;   /* when is_string_io */
	struct vt_insn following[VT_INSN_MAX]; /* after the faulting one: not executed */
	size_t nfollowing;
};

struct vt_decoder;

/* One decoder serves any number of decodes (Capstone handles are opened once). */
struct vt_decoder *vt_decoder_new(struct vt_error *err);
void vt_decoder_free(struct vt_decoder *dec);

/* Decode bytes[0..n) as code of `mode` bits at address rip. */
int vt_decode(struct vt_decoder *dec, const uint8_t *bytes, size_t n, unsigned mode, uint64_t rip,
	      struct vt_decoded *out, struct vt_error *err);

#endif
