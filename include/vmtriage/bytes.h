/* Parsing instruction bytes as users paste them: Rust Debug lists, hex in
 * every common spelling, and whole propolis panic or log lines. */
#ifndef VMTRIAGE_BYTES_H
#define VMTRIAGE_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/error.h"
#include "vmtriage/insn.h"

enum vt_radix {
	VT_RADIX_AUTO = 0, /* decide by the documented rule (see vmtriage-decode(1)) */
	VT_RADIX_DEC,
	VT_RADIX_HEX
};

/* The notation the bytes were given in (decode's JSON "form"). */
enum vt_input_notation {
	VT_NOTATION_LIST = 0,    /* a bare byte list */
	VT_NOTATION_PANIC,       /* propolis-server "Unhandled VM exit: InstEmul(...)" (any log wrapping) */
	VT_NOTATION_UNEMULATED,  /* pre-2022 "unemulated instruction [f3, 6c] as rip:859f60" */
	VT_NOTATION_STANDALONE,  /* propolis-standalone "Unhandled exit @rip:00859f60 InstEmul(...)" */
	VT_NOTATION_QEMU_CODE,   /* QEMU's register dump line "Code=00 11 <f3> 6e ...": from the <byte> on */
	VT_NOTATION_C_ARRAY,     /* a C initializer "{0xf3, 0x6e}" (with or without a declaration) */
	VT_NOTATION_HEXDUMP      /* an xxd, hexdump -C or od -tx1 line: offset and text column dropped */
};

struct vt_exit_bytes {
	uint8_t bytes[VT_INSN_MAX];
	size_t count;          /* bytes parsed */
	int len;               /* the exit's declared `len`, or -1 when the input has none */
	bool redacted;         /* `inst_data: <guest data redacted>` */
	bool has_rip;
	uint64_t rip;
	int vcpu;              /* from "vCPU N:", or -1 */
	enum vt_input_notation notation;
	enum vt_radix radix;   /* how the bytes were read */
	bool ambiguous;        /* the other radix would have read different values */
	char warning[160];     /* what was dropped from the input (a hexdump offset), or "" */
};

/* Parse one pasted crash: a byte list or a panic/log line. Errors are
 * VT_ERR_INPUT with a message such as `token 3 "2x3" is not a byte`. */
int vt_bytes_parse(const char *text, size_t n, enum vt_radix force, struct vt_exit_bytes *out,
		   struct vt_error *err);

/* Parse a bare byte list into bytes[0..max). *chosen and *ambiguous may be NULL. */
int vt_bytes_parse_list(const char *text, size_t n, enum vt_radix radix, uint8_t *bytes,
			size_t max, size_t *count, enum vt_radix *chosen, bool *ambiguous,
			struct vt_error *err);

/* The bytes of a QEMU "Code=" dump, s being the text after "Code=": from
 * the one in angle brackets (at RIP) up to the first unreadable "??", at
 * most max. Returns how many; 0 when no readable byte is bracketed. */
size_t vt_bytes_parse_qemu_code(const char *s, size_t n, uint8_t *out, size_t max);

/* The bytes the exit really carries: the first `len` when len is known. */
size_t vt_exit_bytes_valid(const struct vt_exit_bytes *eb);

const char *vt_radix_name(enum vt_radix radix);
const char *vt_input_notation_name(enum vt_input_notation form);

#endif
