/* The crash record: one unhandled VM exit (or, on request, another panic)
 * found in a log, with everything the log said about it. Every stage after
 * the scanner (reports, clustering, snapshots) reads this struct; fields may
 * be added, none renamed. */
#ifndef VMTRIAGE_CRASH_H
#define VMTRIAGE_CRASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/classify.h"
#include "vmtriage/cpumode.h"
#include "vmtriage/decode.h"
#include "vmtriage/hypervisor.h"
#include "vmtriage/insn.h"
#include "vmtriage/regs.h"
#include "vmtriage/timestamp.h"

#define VT_CRASH_SOURCE_MAX 256   /* source label (caller's name for the stream) */
#define VT_CRASH_TIME_MAX 48      /* time as the log printed it */
#define VT_CRASH_TEXT_MAX 512     /* detail text (VmxDetail, error text, panic message) */
#define VT_CRASH_EXCERPT_MAX 2048 /* raw lines, '\n'-separated, cut at this size */

/* Scalar registers, in the order propolis' Diagnostics prints the GPRs. */

/* Segment and descriptor-table registers: the first six are enum vt_seg
 * (ES, CS, SS, DS, FS, GS), so seg[VT_SEG_CS] works. */
enum vt_sreg {
	VT_SREG_ES = VT_SEG_ES, VT_SREG_CS = VT_SEG_CS, VT_SREG_SS = VT_SEG_SS,
	VT_SREG_DS = VT_SEG_DS, VT_SREG_FS = VT_SEG_FS, VT_SREG_GS = VT_SEG_GS,
	VT_SREG_GDTR = VT_SEG_COUNT, VT_SREG_IDTR, VT_SREG_LDTR, VT_SREG_TR,
	VT_SREG_COUNT
};

struct vt_segreg {
	bool present;
	uint16_t selector;
	uint64_t base;
	uint32_t limit;
	uint32_t access;   /* propolis: VMCS-style access rights; QEMU: flags & 0x00ffff00 */
};

struct vt_regs {
	uint64_t v[VT_REG_COUNT];
	bool has[VT_REG_COUNT];          /* the presence flag of each v[] */
	struct vt_segreg seg[VT_SREG_COUNT];
	bool redacted;                   /* the dump said <guest data redacted> */
	int cpl;                         /* QEMU's CPL=, or -1 */
};

/* "rax", "rflags", "cr0", ...; "cs", "gdtr", ... */
const char *vt_sreg_name(enum vt_sreg s);
/* How many registers (scalar + segment) are present. */
size_t vt_regs_count(const struct vt_regs *regs);
/* The mode the registers imply (vt_mode_derive); false when they do not say. */
bool vt_regs_mode(const struct vt_regs *regs, enum vt_mode *out);
/* Its code size (16/32/64), or 0 when unknown. */
unsigned vt_regs_code_bits(const struct vt_regs *regs);

/* Which text the crash was put together from (a bit set: the #795 error
 * record and the panic that follows it are one crash). */
enum vt_crash_origin {
	VT_ORIGIN_PANIC = 1u << 0,       /* Rust panic message (any generation) */
	VT_ORIGIN_LOG_RECORD = 1u << 1,  /* PR #795 error/info record (bunyan JSON or pretty) */
	VT_ORIGIN_STANDALONE = 1u << 2,  /* propolis-standalone "Unhandled exit @rip:" */
	VT_ORIGIN_QEMU = 1u << 3,        /* QEMU/KVM "KVM internal error" / "KVM: entry failed" + dump */
	VT_ORIGIN_BHYVE = 1u << 4        /* bhyve(8) "vm exit[N]" dump / "Failed to emulate instruction" */
};

/* The dialect of a panic message: how its text was laid out (JSON "form"). */
enum vt_message_dialect {
	VT_DIALECT_NONE = 0,
	VT_DIALECT_RUST_NEW,     /* rustc >= 1.73: location line, message on the next line(s) */
	VT_DIALECT_RUST_OLD,     /* rustc < 1.73: panicked at '<message>', <file>:<l>:<c> */
	VT_DIALECT_LEGACY,       /* pre-2022 lib: "unemulated instruction [..] as rip:..", ... */
	VT_DIALECT_BARE          /* a "vCPU N: Unhandled ..." message without a panic header */
};

/* Where crash.time came from. */
enum vt_time_origin {
	VT_TIME_NONE = 0,
	VT_TIME_RECORD,        /* the crash's own log record (bunyan "time", pretty prefix) */
	VT_TIME_NEAREST        /* the nearest timestamp before it (a log record or SMF line) */
};

struct vt_crash {
	char source[VT_CRASH_SOURCE_MAX]; /* the label the caller gave the stream */
	uint64_t line;                    /* 1-based first line of the crash text */
	uint64_t end_line;                /* last line that contributed */
	char time[VT_CRASH_TIME_MAX];     /* as printed, "" when unknown */
	enum vt_time_origin time_origin;
	struct vt_timestamp when;         /* time normalised (vt_crash_place_time); known false: not placed */
	struct vt_timestamp time_after;   /* the last full time printed before it in its log */
	int vcpu;                         /* -1 when unknown */
	enum vt_exit_kind kind;
	enum vt_hypervisor hypervisor;
	unsigned origin;                  /* enum vt_crash_origin bits */
	enum vt_message_dialect dialect;
	bool paired;                      /* a log record and a panic were paired (JSON "merged") */
	bool truncated;                   /* the text ended before the message did */
	unsigned restarts;                /* "Executing start method" lines before it in this source */

	/* InstEmul (and QEMU emulation failures) */
	bool has_inst;                    /* inst[] or redacted is meaningful */
	bool redacted;                    /* inst_data: <guest data redacted> */
	uint8_t inst[VT_INSN_MAX];
	size_t ninst;                     /* bytes in inst[] */
	int len;                          /* the exit's len (bytes fetched), -1 unknown */
	bool has_rip;
	uint64_t rip;                     /* as the log printed it (QEMU: RIP, not CS.base+RIP) */
	struct vt_regs regs;

	/* Kind-specific details */
	bool has_gpa;
	uint64_t gpa;                     /* Paging */
	int fault_type;                   /* Paging */
	bool has_code;
	int64_t code;                     /* Unknown(code); QEMU: the suberror */
	char detail[VT_CRASH_TEXT_MAX];   /* VmxDetail/SvmDetail text, vCPU error text, panic message */

	/* QEMU */
	uint64_t extra[16];               /* "extra data[i]" words */
	size_t nextra;

	/* Filled by vt_crash_analyse() */
	unsigned mode;                    /* code size the bytes were decoded as */
	bool decoded;
	struct vt_decoded dec;
	struct vt_classification cls;

	char excerpt[VT_CRASH_EXCERPT_MAX]; /* the raw lines, '\n'-separated */
};

/* An empty record: vcpu -1, len -1, cpl -1, no time. */
void vt_crash_init(struct vt_crash *c);

/* Decode (when there are bytes) and classify. The mode is taken from the
 * registers when they say, else 64. dec may be NULL: classify without decoding. */
int vt_crash_analyse(struct vt_crash *c, struct vt_decoder *dec, struct vt_error *err);

/* Normalise time into when: a time printed without its year or date is
 * placed after time_after, else before `before` (NULL: no such bound). */
void vt_crash_place_time(struct vt_crash *c, const struct vt_timestamp *before);

/* The exit's rip, else the registers' rip; false when neither. */
bool vt_crash_rip(const struct vt_crash *c, uint64_t *rip);

/* The valid instruction bytes (the first len when len is known). */
size_t vt_crash_inst_valid(const struct vt_crash *c);

/* Stable names used in JSON and text: "propolis-panic", ... */
const char *vt_message_dialect_name(enum vt_message_dialect form);
const char *vt_time_origin_name(enum vt_time_origin t);
/* Name of origin bit i (enum vt_crash_origin is 1 << i): "panic", ... */
const char *vt_crash_origin_name(unsigned bit_index);

#endif
