/* Private state of one emulator execution (emu*.c only). */
#ifndef VMTRIAGE_EMU_INTERNAL_H
#define VMTRIAGE_EMU_INTERNAL_H

#include "vmtriage/emu.h"

#define VT_PAGE 4096u

/* A guest page this execution modified: only bytes whose bit is set in
 * `mod` are meaningful; `data_w` / `pt_w` say who wrote them. */
struct vt_cow_page {
	uint64_t pfn;
	uint8_t data[VT_PAGE];
	uint8_t data_w[VT_PAGE / 8]; /* written by the instruction (memory_writes) */
	uint8_t pt_w[VT_PAGE / 8];   /* Accessed/Dirty updates (page_table_writes) */
};

struct vt_emu {
	const struct vt_emu_input *in;
	struct vt_cpu cpu;
	struct vt_io_trace io;
	size_t *port_next;           /* per in->ports[i]: values consumed */
	struct vt_cow_page **cow;    /* open-addressing hash by pfn */
	size_t cow_cap, cow_n;
	size_t region_hint;
	bool has_unknown;
	uint64_t unknown_gpa;
	enum vt_access_kind unknown_kind;
	bool nomem;                  /* an allocation failed: the result is VT_ERR_NOMEM */
	bool finished;
};

/* Region holding gpa, or NULL. */
const struct vt_region *vt_emu_region(struct vt_emu *e, uint64_t gpa);
struct vt_cow_page *vt_emu_cow_find(const struct vt_emu *e, uint64_t pfn);
/* Record an unknown access (the first one wins). */
void vt_emu_note_unknown(struct vt_emu *e, uint64_t gpa, enum vt_access_kind kind);
/* vt_emu_phys_read, naming the access kind when the memory is unknown. */
enum vt_access vt_emu_phys_read_kind(struct vt_emu *e, uint64_t gpa, void *buf, size_t n,
				     enum vt_access_kind kind);
/* Like vt_emu_phys_write but marks the bytes as page-table updates. */
enum vt_access vt_emu_phys_write_pt(struct vt_emu *e, uint64_t gpa, const void *buf, size_t n);
/* Contiguous unmodified known bytes at gpa (at most max): *ptr, or *ptr
 * NULL and *fill for a fill region. Returns the length, 0 if none. */
size_t vt_emu_phys_span(struct vt_emu *e, uint64_t gpa, size_t max, const uint8_t **ptr,
			uint8_t *fill);
/* Address-size mask for 16/32/64 bits. */
static inline uint64_t vt_mask_bits(unsigned bits)
{
	return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

#endif
