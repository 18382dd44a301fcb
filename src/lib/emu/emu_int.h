/* Private state of one emulator execution (emu*.c only). */
#ifndef VMTRIAGE_EMU_INT_H
#define VMTRIAGE_EMU_INT_H

#include "vmtriage/emu.h"

#define VT_PAGE 4096u

/* A guest page this execution modified: only bytes whose bit is set in
 * `mod` are meaningful; `data_w` / `pt_w` say who wrote them. */
struct emu_page {
	uint64_t pfn;
	uint8_t data[VT_PAGE];
	uint8_t data_w[VT_PAGE / 8]; /* written by the instruction (memory_writes) */
	uint8_t pt_w[VT_PAGE / 8];   /* Accessed/Dirty updates (page_table_writes) */
};

/* One cached translation (a one-entry TLB): valid while the paging state it
 * was made under is unchanged and no data write hit its page tables. */
struct emu_tlb {
	bool valid, writable;        /* writable: made by a write walk (Dirty set) */
	uint64_t lpage, ppage;       /* linear and physical 4 KiB page */
	uint64_t cr0, cr3, cr4, efer, ac;
	unsigned cpl;
	uint64_t table_pages[6];     /* pages holding the entries the walk used */
	unsigned ntables;
};

struct vt_emu {
	struct emu_tlb tlb;
	const struct vt_emu_input *in;
	struct vt_cpu cpu;
	struct vt_io_trace io;
	size_t *port_next;           /* per in->ports[i]: values consumed */
	struct emu_page **cow;    /* open-addressing hash by pfn */
	size_t cow_cap, cow_n;
	size_t region_hint;
	bool has_unknown;
	uint64_t unknown_gpa;
	enum vt_access_kind unknown_kind;
	bool nomem;                  /* an allocation failed: the result is VT_ERR_NOMEM */
	bool finished;
};

/* Region holding gpa, or NULL. */
const struct vt_region *emu_region(struct vt_emu *e, uint64_t gpa);
struct emu_page *emu_cow_find(const struct vt_emu *e, uint64_t pfn);
/* The modified copy of page pfn, created on first use; NULL when out of memory. */
struct emu_page *emu_cow_page(struct vt_emu *e, uint64_t pfn);
/* Mark bytes off .. off+len-1 of a page in a written-bytes bitmap. */
void emu_mark(uint8_t *map, unsigned off, unsigned len);
/* n IN accesses of one port in one go (REP INS within a page): recorded in
 * the trace, and their values returned (n * size bytes, little-endian, in
 * order), valid until the trace grows again. NULL when out of memory. */
const uint8_t *emu_port_in_run(struct vt_emu *e, uint16_t port, unsigned size, uint64_t n);
/* gpa .. gpa+n-1 lie in one snapshot region. */
bool emu_known(struct vt_emu *e, uint64_t gpa, uint64_t n);
/* The cached translation was walked through page pfn. */
bool emu_tlb_uses(const struct vt_emu *e, uint64_t pfn);
/* Record an unknown access (the first one wins). */
void emu_note_unknown(struct vt_emu *e, uint64_t gpa, enum vt_access_kind kind);
/* vt_emu_phys_read, naming the access kind when the memory is unknown. */
enum vt_access emu_phys_read_kind(struct vt_emu *e, uint64_t gpa, void *buf, size_t n,
				     enum vt_access_kind kind);
/* Like vt_emu_phys_write but marks the bytes as page-table updates. */
enum vt_access emu_phys_write_pt(struct vt_emu *e, uint64_t gpa, const void *buf, size_t n);
/* Contiguous unmodified known bytes at gpa (at most max): *ptr, or *ptr
 * NULL and *fill for a fill region. Returns the length, 0 if none. */
size_t emu_phys_span(struct vt_emu *e, uint64_t gpa, size_t max, const uint8_t **ptr,
			uint8_t *fill);
/* A data write to gpa: drop the cached translation if it hit its tables. */
void emu_tlb_note_write(struct vt_emu *e, uint64_t gpa);
/* Write n bytes at linear address la, once vt_emu_linear_check passed for them. */
enum vt_access emu_linear_write_checked(struct vt_emu *e, enum vt_seg seg, uint64_t la,
					   const void *buf, size_t n, struct vt_fault *f);
/* Address-size mask for 16/32/64 bits. */
static inline uint64_t emu_mask_bits(unsigned bits)
{
	return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

#endif
