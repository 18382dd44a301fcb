/* The reference x86 string-I/O emulator (INS/OUTS, every prefix, every mode)
 * and its guest page walker. No file I/O and no JSON here: the snapshot
 * module fills a struct vt_emu_input, the replay module prints results.
 *
 * One execution is a struct vt_emu: the CPU state, a private copy-on-write
 * view of guest-physical memory, the port inputs consumed so far and the
 * I/O trace. The same primitives (translate, phys read/write, port in/out,
 * finish) let a *model* of a VMM patch run on the same loaded snapshot and
 * produce a struct vt_result that vt_result_diff() (replay.h) can compare
 * with the reference's. Semantics: the INS and OUTS pages of the Intel SDM
 * (vol. 2) and AMD APM (vol. 3), paging per the SDM vol. 3 chapter 4. */
#ifndef VMTRIAGE_EMU_H
#define VMTRIAGE_EMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/cpumode.h"
#include "vmtriage/error.h"
#include "vmtriage/insn.h"
#include "vmtriage/regs.h"



/* Architectural bits the emulator looks at. */
#define VT_RFLAGS_DF (1ull << 10)
#define VT_RFLAGS_AC (1ull << 18)
#define VT_CR0_PE (1ull << 0)
#define VT_CR0_WP (1ull << 16)
#define VT_CR0_PG (1ull << 31)
#define VT_CR4_PSE (1ull << 4)
#define VT_CR4_PAE (1ull << 5)
#define VT_CR4_LA57 (1ull << 12)
#define VT_CR4_SMAP (1ull << 21)
#define VT_EFER_LMA (1ull << 10)
#define VT_EFER_NXE (1ull << 11)

/* Segment access rights in the VMX layout, as bhyve keeps them and propolis
 * prints them (`access = 0x0000c093`): descriptor type, S, DPL, P, AVL, L,
 * D/B, G, and the VMX "unusable" bit (a null selector was loaded). */
#define VT_AR_TYPE_WRITABLE (1u << 1)  /* data: writable; code: readable */
#define VT_AR_TYPE_DOWN (1u << 2)      /* data: expand-down */
#define VT_AR_TYPE_CODE (1u << 3)
#define VT_AR_S (1u << 4)              /* code or data, not a system segment */
#define VT_AR_P (1u << 7)
#define VT_AR_L (1u << 13)
#define VT_AR_DB (1u << 14)
#define VT_AR_UNUSABLE (1u << 16)

struct vt_segment {
	uint64_t base;     /* used as given (the snapshot loader sets selector << 4 in real16
			    * when only a selector is given); long64 uses only FS/GS bases */
	uint32_t limit;    /* byte-granular (G already applied), as VMCS/VMCB hold it */
	uint32_t access;   /* VT_AR_* bits */
	bool has_limit;    /* check offsets against limit (outside long64) */
	bool has_access;   /* check usability, type and expand-down (protected modes) */
	uint16_t selector;
	bool l, d;         /* CS.L / CS.D, only used to derive a mode the snapshot does not name */
};

struct vt_cpu {
	uint64_t r[VT_REG_COUNT];
	struct vt_segment seg[VT_SEG_COUNT];
	unsigned cpl;      /* 0..3; 3 makes every access a user access */
	enum vt_mode mode;
};

/* A guest-physical region: `len` bytes at `gpa` from `data`, or all `fill`
 * when data is NULL. Borrowed: the owner (the snapshot) outlives the emu. */
struct vt_region {
	uint64_t gpa, len;
	const uint8_t *data;
	uint8_t fill;
};

/* Values IN returns from one port: values[0..count) in order, then `then`
 * (masked to the access size; all ones unless the snapshot says otherwise). */
struct vt_port_input {
	uint16_t port;
	const uint64_t *values;
	size_t count;
	uint64_t then;
};

#define VT_MAX_ELEMENTS_DEFAULT 1000000ull

/* Everything one replay needs; borrowed by vt_emu_new(). */
struct vt_emu_input {
	struct vt_cpu cpu;
	uint8_t inst[VT_INSN_MAX];
	size_t inst_len;
	const struct vt_region *regions; /* sorted by gpa, non-overlapping */
	size_t nregions;
	const struct vt_port_input *ports;
	size_t nports;
	uint64_t max_elements;           /* 0 means VT_MAX_ELEMENTS_DEFAULT */
};

/* ---- I/O trace: every port access in order, stored as runs of the same
 * port, size and direction; values packed little-endian, `size` bytes each.
 * A REP OUTS run read straight from snapshot memory is *borrowed* (not
 * copied: 10^8 elements cost no allocation), so a result must not outlive
 * the snapshot it was replayed from, unless vt_io_trace_own() copied it. */
enum vt_io_dir { VT_IO_IN = 0, VT_IO_OUT = 1 };

struct vt_io_run {
	uint64_t count;  /* accesses in the run */
	size_t offset;   /* first value's byte offset in vt_io_trace.data, unless borrowed */
	const uint8_t *borrowed; /* or the values, zero-copy, in the snapshot's memory */
	uint16_t port;
	uint8_t size;    /* 1, 2 or 4 */
	uint8_t dir;     /* enum vt_io_dir */
	bool reversed;   /* borrowed in descending order (REP OUTS with DF = 1):
			  * access k is at borrowed + (count - 1 - k) * size */
};

struct vt_io_trace {
	struct vt_io_run *runs;
	size_t nruns, runs_cap;
	uint8_t *data;
	size_t len, cap;
	uint64_t accesses; /* total over all runs */
};

struct vt_io_access {
	uint16_t port;
	uint8_t size;
	uint8_t dir;
	uint32_t value;
};

/* Append one access, or n accesses whose values are bytes[0 .. n*size).
 * VT_OK or VT_ERR_NOMEM. Amortised: no allocation per access. */
int vt_io_trace_add(struct vt_io_trace *t, enum vt_io_dir dir, uint16_t port, unsigned size,
		    uint32_t value);
/* Room for n more accesses: extends the last run when it is owned and has
 * the same dir/port/size, else starts one; returns where to write their
 * values (n * size bytes), or NULL when out of memory. */
uint8_t *vt_io_trace_reserve(struct vt_io_trace *t, enum vt_io_dir dir, uint16_t port,
			     unsigned size, uint64_t n);
/* Append n accesses whose values stay at src (borrowed, see above): in
 * ascending order, or with `down` in descending order, src then being the
 * lowest (the last access's) value. */
int vt_io_trace_add_borrowed(struct vt_io_trace *t, enum vt_io_dir dir, uint16_t port,
			     unsigned size, const uint8_t *src, uint64_t n, bool down);
/* Copy every borrowed run into the trace's own data. VT_OK or VT_ERR_NOMEM. */
int vt_io_trace_own(struct vt_io_trace *t);
/* The `size` value bytes of access k (0 <= k < r->count) of a run. */
const uint8_t *vt_io_run_value(const struct vt_io_trace *t, const struct vt_io_run *r, uint64_t k);
/* Make room for `bytes` more value bytes in one allocation (a REP of known
 * count reserves up front instead of doubling). VT_OK or VT_ERR_NOMEM. */
int vt_io_trace_grow(struct vt_io_trace *t, size_t bytes);
void vt_io_trace_release(struct vt_io_trace *t);

/* Walk the trace in order: start with `struct vt_io_iter it = {0};`. */
struct vt_io_iter {
	size_t run;
	uint64_t index;
};
bool vt_io_trace_next(const struct vt_io_trace *t, struct vt_io_iter *it, struct vt_io_access *out);

/* ---- Memory ranges (memory_writes, page_table_writes): sorted by gpa,
 * coalesced, each `len` bytes at data + offset. */
struct vt_mem_range {
	uint64_t gpa;
	size_t len, offset;
};
struct vt_mem_ranges {
	struct vt_mem_range *v;
	size_t n, cap;
	uint8_t *data;
	size_t len, data_cap;
};
/* Append bytes at gpa, joining the last range when contiguous. Callers
 * add in ascending gpa order (vt_emu_finish does). VT_OK or VT_ERR_NOMEM. */
int vt_mem_ranges_add(struct vt_mem_ranges *m, uint64_t gpa, const uint8_t *bytes, size_t len);
void vt_mem_ranges_release(struct vt_mem_ranges *m);

/* ---- Faults a correct VMM injects into the guest. */
#define VT_VEC_UD 6
#define VT_VEC_SS 12
#define VT_VEC_GP 13
#define VT_VEC_PF 14
#define VT_PF_P (1u << 0)
#define VT_PF_W (1u << 1)
#define VT_PF_U (1u << 2)
#define VT_PF_RSVD (1u << 3)

struct vt_fault {
	bool raised;
	uint8_t vector;     /* 6 #UD (LOCK prefix), 12 #SS, 13 #GP, 14 #PF */
	bool has_error_code;
	uint32_t error_code;
	bool has_cr2;       /* #PF only */
	uint64_t cr2;       /* the faulting linear address */
	const char *cause;  /* #GP/#SS: why, a static string ("past the segment limit") */
};

/* How an access touched memory (the unknown memory of a result). */
enum vt_access_kind { VT_MEM_READ = 0, VT_MEM_WRITE, VT_MEM_WALK };
const char *vt_access_kind_name(enum vt_access_kind k); /* "read", "write", "page-walk" */

/* ---- The outcome of one execution: the reference's, a model's, or (read
 * back by the replay module) a patched VMM's trace. */
/* Stable names in JSON: "emulated", "guest-fault", ... */
enum vt_verdict {
	VT_VERDICT_EMULATED = 0,   /* completes: regs/io/memory are what a correct VMM produces */
	VT_VERDICT_GUEST_FAULT,    /* a correct VMM injects `fault` after `elements` elements */
	VT_VERDICT_UNKNOWN_MEMORY, /* the snapshot lacks memory the replay needs (unknown_gpa) */
	VT_VERDICT_LIMIT_REACHED,  /* "limit-reached": max_elements done, registers describe
				    * the remaining work, RIP unchanged: re-entering resumes */
	VT_VERDICT_NOT_STRING_IO,  /* the bytes are another instruction */
	VT_VERDICT_NOT_HANDLED,    /* "not-handled": a model/VMM gives up (the exit panics);
				    * the reference never returns it */
	VT_VERDICT_INVALID,        /* undecodable bytes or a malformed snapshot */
	VT_VERDICT_COUNT
};
const char *vt_verdict_name(enum vt_verdict v);
int vt_verdict_from_name(const char *name, enum vt_verdict *out); /* 0 or -1 */

struct vt_result {
	enum vt_verdict verdict;
	bool decoded;                 /* sio is valid */
	struct vt_string_io sio;
	uint8_t inst[VT_INSN_MAX];    /* the bytes given (inst_len); the instruction is sio.length */
	size_t inst_len;
	unsigned code_bits;           /* 16, 32 or 64: the snapshot's code size (0: not known) */
	uint64_t elements;            /* elements completed */
	struct vt_io_trace io;
	uint64_t regs_before[VT_REG_COUNT];
	uint64_t regs_after[VT_REG_COUNT];
	uint32_t regs_reported;       /* bit r: regs_after[r] is reported (changed, or rip/rsi/rdi/rcx);
				       * for a result read from a trace: the registers it holds */
	struct vt_mem_ranges memory_writes;     /* data the instruction stored (final bytes) */
	struct vt_mem_ranges page_table_writes; /* Accessed/Dirty updates of the page walk */
	struct vt_fault fault;
	uint64_t unknown_gpa;         /* VT_VERDICT_UNKNOWN_MEMORY: the first missing address */
	enum vt_access_kind unknown_kind;
	bool has_verdict;             /* false for a result read from a trace (no verdict there) */
	bool fault_reported;          /* a trace's final line had "fault" (null or an object) */
	char detail[256];             /* one sentence: why invalid / not handled / faulted */
};

void vt_result_init(struct vt_result *r);
void vt_result_release(struct vt_result *r);
/* Registers reported in regs_after always. */
#define VT_RESULT_ALWAYS_REGS \
	((1u << VT_REG_RIP) | (1u << VT_REG_RSI) | (1u << VT_REG_RDI) | (1u << VT_REG_RCX))
/* A result for a snapshot that could not be loaded: verdict invalid. */
void vt_result_invalid(struct vt_result *r, const char *why);

/* ---- One execution. */
struct vt_emu;

/* NULL on allocation failure (err filled). The input is borrowed. */
struct vt_emu *vt_emu_new(const struct vt_emu_input *in, struct vt_error *err);
void vt_emu_free(struct vt_emu *e);

/* The live CPU state (starts as in->cpu); a model updates it directly. */
struct vt_cpu *vt_emu_cpu(struct vt_emu *e);
const struct vt_emu_input *vt_emu_input(const struct vt_emu *e);

/* Outcome of a memory access or translation. */
enum vt_access {
	VT_ACCESS_OK = 0,
	VT_ACCESS_FAULT,   /* a guest fault: *fault filled */
	VT_ACCESS_UNKNOWN, /* memory the snapshot does not describe: see vt_emu_unknown() */
	VT_ACCESS_NOMEM    /* host allocation failure */
};

/* Guest-physical bytes through this execution's copy-on-write view:
 * writes are recorded (memory_writes) and later reads see them. */
enum vt_access vt_emu_phys_read(struct vt_emu *e, uint64_t gpa, void *buf, size_t n);
enum vt_access vt_emu_phys_write(struct vt_emu *e, uint64_t gpa, const void *buf, size_t n);
/* The first unknown guest-physical address an access hit, and how. */
uint64_t vt_emu_unknown(const struct vt_emu *e, enum vt_access_kind *kind);

/* Linear -> guest-physical for the current CPU state (CR0.PG, CR4.PAE/PSE/
 * LA57, EFER.LMA, CPL, CR0.WP, SMAP): sets Accessed/Dirty flags like
 * hardware (recorded as page_table_writes), fills *fault with #PF (error
 * code, CR2) on a violation. Does not check canonicality (see below). */
enum vt_access vt_emu_translate(struct vt_emu *e, uint64_t la, bool write, uint64_t *gpa,
				struct vt_fault *fault);
/* Read or write n bytes at a linear address (each byte's page translated,
 * so elements may straddle pages). In long64 a non-canonical address gives
 * #GP(0), or #SS(0) when seg is SS. */
enum vt_access vt_emu_linear_read(struct vt_emu *e, enum vt_seg seg, uint64_t la, void *buf,
				  size_t n, struct vt_fault *fault);
/* Translate and check n bytes at a linear address for a read or write
 * without moving data (INS checks its destination before reading the port,
 * as hardware does, so a faulting element consumes no port value). */
enum vt_access vt_emu_linear_check(struct vt_emu *e, enum vt_seg seg, uint64_t la, size_t n,
				   bool write, struct vt_fault *fault);
/* Segmentation checks of an n-byte access at seg:offset (offset already
 * masked to the address size), before any linear address is formed: in
 * every mode but long64, a segment with has_access must be usable, present,
 * readable (read) or writable data (write), and a segment with has_limit
 * must hold every byte (expand-up: offset..offset+n-1 <= limit; expand-down:
 * above limit, up to 0xffff or 0xffffffff by D/B). Real mode checks the
 * limit only. A violation is #GP(0), or #SS(0) through SS. */
enum vt_access vt_emu_seg_check(const struct vt_emu *e, enum vt_seg seg, uint64_t offset,
				size_t n, bool write, struct vt_fault *fault);
/* Linear address of seg:offset for the current mode (real-mode selector
 * << 4, only FS/GS bases in long64, 32-bit wrap outside long64). */
uint64_t vt_emu_linear(const struct vt_emu *e, enum vt_seg seg, uint64_t offset);

/* Port accesses, recorded in the trace. IN returns the snapshot's next
 * value for the port, then its `then` value, masked to size. */
uint32_t vt_emu_port_in(struct vt_emu *e, uint16_t port, unsigned size);
void vt_emu_port_out(struct vt_emu *e, uint16_t port, unsigned size, uint32_t value);

/* Store `rip`, `rsi`... of the given width the way hardware does: 16-bit
 * writes keep bits 63:16, 32-bit writes zero-extend. */
void vt_emu_set_reg(struct vt_emu *e, enum vt_reg reg, unsigned bits, uint64_t value);

/* The reference: decode inst with vt_string_io_decode() and execute it
 * (bounded by max_elements), then vt_emu_finish(). Returns VT_OK with
 * *out filled (whatever the verdict), or VT_ERR_NOMEM. */
int vt_emu_run(struct vt_emu *e, struct vt_result *out);

/* Move this execution's outcome into *out (initialised by the caller with
 * vt_result_init): verdict, elements, the trace, regs before/after,
 * memory_writes, page_table_writes, fault (may be NULL), unknown memory,
 * and `detail` (a sentence; may be NULL). The emu is spent afterwards. */
int vt_emu_finish(struct vt_emu *e, enum vt_verdict verdict, uint64_t elements, const struct vt_fault *fault,
		  const char *detail, struct vt_result *out);

#endif
