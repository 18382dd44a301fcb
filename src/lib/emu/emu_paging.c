/* Guest linear -> guest physical: the four x86 paging modes (32-bit with
 * PSE, PAE, 4- and 5-level long mode), permission checks and #PF error
 * codes per SDM vol. 3 ch. 4, Accessed/Dirty updates. MAXPHYADDR is taken
 * as 52, so only the architecturally fixed reserved bits are checked. */
#include <string.h>

#include "emu/emu_int.h"

#define PTE_P 0x01ull
#define PTE_W 0x02ull
#define PTE_U 0x04ull
#define PTE_A 0x20ull
#define PTE_D 0x40ull
#define PTE_PS 0x80ull
#define PTE_NX (1ull << 63)
#define ADDR_52 0x000FFFFFFFFFF000ull

/* The shape of one paging mode's walk. */
struct walk_shape {
	unsigned esize;        /* entry bytes: 4 or 8 */
	unsigned levels;
	unsigned shift[5];     /* linear-address bit each level indexes from */
	unsigned idx_bits;     /* 10 or 9 */
	uint64_t table;        /* first table's physical address */
	uint32_t ps_ok;        /* bit i: a PS entry at level i maps a page */
};

struct walk {
	uint64_t gpa[5], entry[5];
	unsigned n;
	bool rw, us;
};

static uint32_t pf_code(const struct vt_emu *e, bool write, uint32_t bits)
{
	return bits | (write ? VT_PF_W : 0) | (e->cpu.cpl == 3 ? VT_PF_U : 0);
}

static enum vt_access raise_pf(struct vt_emu *e, uint64_t la, bool write, uint32_t bits,
			       struct vt_fault *f)
{
	*f = (struct vt_fault){ .raised = true, .vector = VT_VEC_PF, .has_error_code = true,
				.error_code = pf_code(e, write, bits), .has_cr2 = true, .cr2 = la };
	return VT_ACCESS_FAULT;
}

/* Reserved bits of an entry at `level` of shape s (PAE/long 8-byte entries). */
static uint64_t reserved_bits(const struct vt_emu *e, const struct walk_shape *s,
			      unsigned level, uint64_t entry)
{
	uint64_t rsvd = 0;
	if (s->esize == 4)
		return (entry & PTE_PS) && level == 0 && (s->ps_ok & 1) ? entry & (1ull << 21) : 0;
	if (!(e->cpu.r[VT_REG_EFER] & VT_EFER_NXE))
		rsvd |= PTE_NX;
	if (entry & PTE_PS) {
		if (!(s->ps_ok & (1u << level)))
			rsvd |= PTE_PS; /* PS in a PML5E/PML4E */
		else if (s->shift[level] == 30)
			rsvd |= 0x3FFFE000ull; /* 1 GiB page: bits 29:13 */
		else if (s->shift[level] == 21)
			rsvd |= 0x1FE000ull;   /* 2 MiB page: bits 20:13 */
	}
	return entry & rsvd;
}

/* PAE's PDPTE, which has no permission or Accessed bits. */
static enum vt_access pae_pdpte(struct vt_emu *e, uint64_t la, bool write, uint64_t *table,
				struct vt_fault *f)
{
	uint64_t addr = (e->cpu.r[VT_REG_CR3] & 0xFFFFFFE0ull) + ((la >> 30) & 3) * 8, pdpte = 0;
	uint8_t raw[8];

	if (emu_phys_read_kind(e, addr, raw, 8, VT_MEM_WALK) != VT_ACCESS_OK)
		return VT_ACCESS_UNKNOWN;
	for (int i = 7; i >= 0; i--)
		pdpte = pdpte << 8 | raw[i];
	if (!(pdpte & PTE_P))
		return raise_pf(e, la, write, 0, f);
	if (pdpte & (0x1E6ull | PTE_NX))
		return raise_pf(e, la, write, VT_PF_P | VT_PF_RSVD, f);
	*table = pdpte & ADDR_52;
	return VT_ACCESS_OK;
}

static enum vt_access shape_for(struct vt_emu *e, uint64_t la, bool write, struct walk_shape *s,
				struct vt_fault *f)
{
	const uint64_t *r = e->cpu.r;
	memset(s, 0, sizeof *s);
	if (r[VT_REG_EFER] & VT_EFER_LMA) {
		bool la57 = r[VT_REG_CR4] & VT_CR4_LA57;
		static const unsigned sh[5] = { 48, 39, 30, 21, 12 };
		s->esize = 8;
		s->levels = la57 ? 5 : 4;
		memcpy(s->shift, sh + (la57 ? 0 : 1), s->levels * sizeof sh[0]);
		s->idx_bits = 9;
		s->table = r[VT_REG_CR3] & ADDR_52;
		s->ps_ok = (1u << (s->levels - 3)) | (1u << (s->levels - 2));
		return VT_ACCESS_OK;
	}
	if (r[VT_REG_CR4] & VT_CR4_PAE) {
		s->esize = 8;
		s->levels = 2;
		s->shift[0] = 21;
		s->shift[1] = 12;
		s->idx_bits = 9;
		s->ps_ok = 1;
		return pae_pdpte(e, la, write, &s->table, f);
	}
	s->esize = 4;
	s->levels = 2;
	s->shift[0] = 22;
	s->shift[1] = 12;
	s->idx_bits = 10;
	s->table = r[VT_REG_CR3] & 0xFFFFF000ull;
	s->ps_ok = (r[VT_REG_CR4] & VT_CR4_PSE) ? 1 : 0;
	return VT_ACCESS_OK;
}

/* Physical address of the page frame an entry maps at level i. */
static uint64_t frame(const struct walk_shape *s, unsigned i, uint64_t entry, bool leaf_ps)
{
	if (s->esize == 4) {
		if (leaf_ps) /* PSE-36: PDE bits 20:13 are physical bits 39:32 */
			return (entry & 0xFFC00000ull) | ((entry >> 13) & 0xFF) << 32;
		return entry & 0xFFFFF000ull;
	}
	if (leaf_ps)
		return entry & ADDR_52 & ~((1ull << s->shift[i]) - 1);
	return entry & ADDR_52;
}

static enum vt_access check_rights(struct vt_emu *e, const struct walk *w, uint64_t la,
				   bool write, struct vt_fault *f)
{
	const uint64_t *r = e->cpu.r;
	bool user = e->cpu.cpl == 3;

	if (user && !w->us)
		return raise_pf(e, la, write, VT_PF_P, f);
	if (write && !w->rw && (user || (r[VT_REG_CR0] & VT_CR0_WP)))
		return raise_pf(e, la, write, VT_PF_P, f);
	/* SMAP: a supervisor data access to a user page faults unless RFLAGS.AC. */
	if (!user && w->us && (r[VT_REG_CR4] & VT_CR4_SMAP) && !(r[VT_REG_RFLAGS] & VT_RFLAGS_AC))
		return raise_pf(e, la, write, VT_PF_P, f);
	return VT_ACCESS_OK;
}

/* Set Accessed (and Dirty, for the leaf of a write) in entry i of the walk:
 * only the low byte of an entry changes, so only that byte is written. */
static enum vt_access set_ad(struct vt_emu *e, const struct walk *w, unsigned i, bool dirty)
{
	uint64_t want = PTE_A | (dirty ? PTE_D : 0);
	uint8_t b = (uint8_t)(w->entry[i] | want);
	if ((w->entry[i] & want) == want)
		return VT_ACCESS_OK;
	return emu_phys_write_pt(e, w->gpa[i], &b, 1);
}

static bool tlb_hit(const struct vt_emu *e, uint64_t la, bool write)
{
	const struct emu_tlb *t = &e->tlb;
	const uint64_t *r = e->cpu.r;
	return t->valid && t->lpage == la / VT_PAGE && (t->writable || !write) &&
	       t->cr0 == r[VT_REG_CR0] && t->cr3 == r[VT_REG_CR3] && t->cr4 == r[VT_REG_CR4] &&
	       t->efer == r[VT_REG_EFER] && t->ac == (r[VT_REG_RFLAGS] & VT_RFLAGS_AC) &&
	       t->cpl == e->cpu.cpl;
}

static void tlb_fill(struct vt_emu *e, uint64_t la, uint64_t gpa, bool write, const struct walk *w)
{
	struct emu_tlb *t = &e->tlb;
	const uint64_t *r = e->cpu.r;
	*t = (struct emu_tlb){ .valid = true, .writable = write, .lpage = la / VT_PAGE,
			      .ppage = gpa / VT_PAGE, .cr0 = r[VT_REG_CR0], .cr3 = r[VT_REG_CR3],
			      .cr4 = r[VT_REG_CR4], .efer = r[VT_REG_EFER],
			      .ac = r[VT_REG_RFLAGS] & VT_RFLAGS_AC, .cpl = e->cpu.cpl };
	for (unsigned i = 0; i < w->n; i++)
		t->table_pages[t->ntables++] = w->gpa[i] / VT_PAGE;
	/* PAE's PDPTE is read from CR3's page. */
	t->table_pages[t->ntables++] = (r[VT_REG_CR3] & 0xFFFFFFE0ull) / VT_PAGE;
}

bool emu_tlb_uses(const struct vt_emu *e, uint64_t pfn)
{
	const struct emu_tlb *t = &e->tlb;
	for (unsigned i = 0; t->valid && i < t->ntables; i++)
		if (t->table_pages[i] == pfn)
			return true;
	return false;
}

void emu_tlb_note_write(struct vt_emu *e, uint64_t gpa)
{
	if (emu_tlb_uses(e, gpa / VT_PAGE))
		e->tlb.valid = false;
}

enum vt_access vt_emu_translate(struct vt_emu *e, uint64_t la, bool write, uint64_t *gpa,
				struct vt_fault *f)
{
	struct walk_shape s;
	struct walk w = { .rw = true, .us = true };
	uint64_t table;
	enum vt_access a;

	if (!(e->cpu.r[VT_REG_CR0] & VT_CR0_PG)) {
		*gpa = la;
		return VT_ACCESS_OK;
	}
	if (tlb_hit(e, la, write)) {
		*gpa = e->tlb.ppage * VT_PAGE + (la & (VT_PAGE - 1));
		return VT_ACCESS_OK;
	}
	if ((a = shape_for(e, la, write, &s, f)) != VT_ACCESS_OK)
		return a;
	table = s.table;
	for (unsigned i = 0; i < s.levels; i++) {
		uint64_t idx = (la >> s.shift[i]) & ((1u << s.idx_bits) - 1), entry = 0;
		uint8_t raw[8];
		bool leaf;

		w.gpa[w.n] = table + idx * s.esize;
		if (emu_phys_read_kind(e, w.gpa[w.n], raw, s.esize, VT_MEM_WALK) != VT_ACCESS_OK)
			return VT_ACCESS_UNKNOWN;
		for (int b = (int)s.esize - 1; b >= 0; b--)
			entry = entry << 8 | raw[b];
		w.entry[w.n++] = entry;
		if (!(entry & PTE_P))
			return raise_pf(e, la, write, 0, f);
		if (reserved_bits(e, &s, i, entry))
			return raise_pf(e, la, write, VT_PF_P | VT_PF_RSVD, f);
		w.rw = w.rw && (entry & PTE_W);
		w.us = w.us && (entry & PTE_U);
		leaf = i + 1 == s.levels || ((entry & PTE_PS) && (s.ps_ok & (1u << i)));
		table = frame(&s, i, entry, leaf && i + 1 < s.levels);
		/* A non-leaf entry is Accessed once the walk has used it, even if
		 * the walk faults further down (as hardware, QEMU and bhyve's
		 * walker do); the leaf only when the access is allowed. */
		if (!leaf && (a = set_ad(e, &w, i, false)) != VT_ACCESS_OK)
			return a;
		if (leaf) {
			uint64_t off_mask = (1ull << s.shift[i]) - 1;
			if ((a = check_rights(e, &w, la, write, f)) != VT_ACCESS_OK)
				return a;
			if ((a = set_ad(e, &w, i, write)) != VT_ACCESS_OK)
				return a;
			*gpa = table | (la & off_mask);
			tlb_fill(e, la, *gpa, write, &w);
			return VT_ACCESS_OK;
		}
	}
	return VT_ACCESS_OK; /* not reached: the last level is always a leaf */
}
