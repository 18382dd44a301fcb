/* x86 prefix scanning and INS/OUTS recognition, shared by decode, classify
 * and the emulator so that all three agree on what an instruction means
 * (Capstone 4 mis-sizes e.g. `66 f3 6f`, so string I/O is decided here). */
#ifndef VMTRIAGE_INSN_H
#define VMTRIAGE_INSN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VT_INSN_MAX 15 /* architectural instruction length limit */

/* Segment registers, in the SDM's encoding order (ES=0 ... GS=5). */
enum vt_seg { VT_SEG_ES, VT_SEG_CS, VT_SEG_SS, VT_SEG_DS, VT_SEG_FS, VT_SEG_GS, VT_SEG_COUNT };

struct vt_prefixes {
	uint8_t rep;       /* 0, 0xF3 or 0xF2: the last one given wins */
	uint8_t segment;   /* 0 or the last segment-override byte */
	bool opsize;       /* 0x66 seen */
	bool addrsize;     /* 0x67 seen */
	bool lock;         /* 0xF0 seen */
	uint8_t rex;       /* REX byte in 64-bit mode when it directly precedes the opcode, else 0 */
	size_t count;      /* prefix bytes, including an ignored REX */
};

/* Scan the prefixes of bytes[0..n) for code of code_bits (16, 32 or 64). */
void vt_prefixes_scan(const uint8_t *bytes, size_t n, unsigned code_bits, struct vt_prefixes *out);

/* Effective operand and address sizes (16/32/64) for code of code_bits. */
unsigned vt_operand_bits(const struct vt_prefixes *p, unsigned code_bits);
unsigned vt_address_bits(const struct vt_prefixes *p, unsigned code_bits);

/* Name of a segment-override byte ("cs", "fs", ...) or NULL. */
const char *vt_seg_override_name(uint8_t byte);
enum vt_seg vt_seg_from_override(uint8_t byte);
const char *vt_seg_name(enum vt_seg seg);

/* A decoded INS/OUTS instruction. */
struct vt_string_io {
	bool in;              /* INS (port -> memory) or OUTS (memory -> port) */
	unsigned size;        /* element size: 1, 2 or 4 */
	unsigned addr_bits;   /* 16, 32 or 64: selects SI/DI/CX, ESI/EDI/ECX or RSI/RDI/RCX */
	unsigned code_bits;   /* the code size it was decoded for */
	bool rep;             /* F3 or F2 given: both repeat INS/OUTS */
	enum vt_seg segment;  /* memory segment: ES for INS, DS or the override for OUTS */
	bool seg_overridden;  /* an override prefix was given (for OUTS it applies) */
	uint8_t opcode;       /* 0x6C..0x6F */
	size_t length;        /* prefixes + opcode */
	struct vt_prefixes prefixes;
};

enum vt_sio_result {
	VT_SIO_OK = 0,
	VT_SIO_NOT_STRING_IO = 1, /* some other instruction */
	VT_SIO_TOO_LONG = 2,      /* prefixes push it past 15 bytes: #GP/#UD on hardware */
	VT_SIO_TRUNCATED = 3      /* ran out of bytes before an opcode */
};

/* Recognise INS/OUTS at bytes[0]. */
enum vt_sio_result vt_string_io_decode(const uint8_t *bytes, size_t n, unsigned code_bits,
				       struct vt_string_io *out);

/* Intel-syntax text as Capstone would print it when correct, e.g.
 * "rep outsw dx, word ptr [rsi]" or "insb byte ptr [di], dx". */
void vt_string_io_text(const struct vt_string_io *sio, char *buf, size_t bufsize);
/* The memory operand alone: "word ptr fs:[esi]". */
void vt_string_io_memory_operand(const struct vt_string_io *sio, char *buf, size_t bufsize);
/* "OUTSB", "INSD", ... */
const char *vt_string_io_mnemonic(const struct vt_string_io *sio);

#endif
