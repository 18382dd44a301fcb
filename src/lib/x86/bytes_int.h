/* The bytes of a QEMU register dump's "Code=" line (and qemu-kvm 0.12's
 * "code:"), read by decode (vt_bytes_parse_qemu_code) and by the scanner,
 * which feeds a line wrapped by a mail client or a terminal piece by piece.
 * Not installed. */
#ifndef VMTRIAGE_BYTES_INT_H
#define VMTRIAGE_BYTES_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/insn.h"

/* Bytes a whole Code= line prints (and qemu-kvm's code: line): fewer
 * tokens read means the line was wrapped and its rest follows. */
#define BYTES_CODE_TOKENS 50

struct bytes_code {
	uint8_t bytes[VT_INSN_MAX]; /* from the one at RIP up to the first unreadable one */
	size_t n;
	size_t tokens;              /* byte tokens read so far, readable or not */
	bool at;                    /* past the marker of the byte at RIP: "<f3>" or "--> f3" */
	bool stop;                  /* an unreadable byte ("??", "xx") came after it */
};

/* Read more of the line (zero *code first): "00 11 <f3> 6e ?? .." (QEMU)
 * or "00 11 --> f3 6e xx" (qemu-kvm); blanks and newlines separate. */
void bytes_code_feed(struct bytes_code *code, const char *p, size_t n);
/* Whether a line holds byte tokens only: the rest of a wrapped Code= line. */
bool bytes_code_rest(const char *line, size_t len);

#endif
