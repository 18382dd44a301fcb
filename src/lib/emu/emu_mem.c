/* Guest-physical memory of one execution: the snapshot's regions (read
 * only, shared with other executions) under a private copy-on-write layer
 * of modified pages, so a model and the reference can run on one snapshot. */
#include <stdlib.h>
#include <string.h>

#include "emu/emu_int.h"

const struct vt_region *emu_region(struct vt_emu *e, uint64_t gpa)
{
	const struct vt_region *r = e->in->regions;
	size_t lo = 0, hi = e->in->nregions;

	if (e->region_hint < hi) {
		const struct vt_region *h = &r[e->region_hint];
		if (gpa >= h->gpa && gpa - h->gpa < h->len)
			return h;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (gpa < r[mid].gpa)
			hi = mid;
		else if (gpa - r[mid].gpa >= r[mid].len)
			lo = mid + 1;
		else {
			e->region_hint = mid;
			return &r[mid];
		}
	}
	return NULL;
}

static size_t cow_slot(uint64_t pfn, size_t cap)
{
	return (size_t)((pfn * 0x9E3779B97F4A7C15ull) >> 20) & (cap - 1);
}

struct emu_page *emu_cow_find(const struct vt_emu *e, uint64_t pfn)
{
	if (!e->cow_n)
		return NULL;
	for (size_t i = cow_slot(pfn, e->cow_cap);; i = (i + 1) & (e->cow_cap - 1)) {
		struct emu_page *p = e->cow[i];
		if (!p || p->pfn == pfn)
			return p;
	}
}

static int cow_rehash(struct vt_emu *e)
{
	size_t ncap = e->cow_cap ? e->cow_cap * 2 : 64;
	struct emu_page **n = calloc(ncap, sizeof *n);
	if (!n)
		return -1;
	for (size_t i = 0; i < e->cow_cap; i++) {
		struct emu_page *p = e->cow[i];
		if (!p)
			continue;
		size_t j = cow_slot(p->pfn, ncap);
		while (n[j])
			j = (j + 1) & (ncap - 1);
		n[j] = p;
	}
	free(e->cow);
	e->cow = n;
	e->cow_cap = ncap;
	return 0;
}

struct emu_page *emu_cow_page(struct vt_emu *e, uint64_t pfn)
{
	struct emu_page *p = emu_cow_find(e, pfn);
	size_t i;

	if (p)
		return p;
	if ((e->cow_n + 1) * 2 > e->cow_cap && cow_rehash(e))
		return NULL;
	p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->pfn = pfn;
	for (i = cow_slot(pfn, e->cow_cap); e->cow[i]; i = (i + 1) & (e->cow_cap - 1))
		;
	e->cow[i] = p;
	e->cow_n++;
	return p;
}

static bool bit(const uint8_t *map, unsigned i)
{
	return map[i >> 3] & (1u << (i & 7));
}

void emu_note_unknown(struct vt_emu *e, uint64_t gpa, enum vt_access_kind kind)
{
	if (e->has_unknown)
		return;
	e->has_unknown = true;
	e->unknown_gpa = gpa;
	e->unknown_kind = kind;
}

uint64_t vt_emu_unknown(const struct vt_emu *e, enum vt_access_kind *kind)
{
	if (kind)
		*kind = e->unknown_kind;
	return e->unknown_gpa;
}

/* One byte of original (snapshot) memory; false when unknown. */
static bool orig_byte(struct vt_emu *e, uint64_t gpa, uint8_t *out)
{
	const struct vt_region *r = emu_region(e, gpa);
	if (!r)
		return false;
	*out = r->data ? r->data[gpa - r->gpa] : r->fill;
	return true;
}

size_t emu_phys_span(struct vt_emu *e, uint64_t gpa, size_t max, const uint8_t **ptr,
			uint8_t *fill)
{
	const struct vt_region *r = emu_region(e, gpa);
	size_t room = VT_PAGE - (size_t)(gpa & (VT_PAGE - 1));

	if (!r || emu_cow_find(e, gpa / VT_PAGE))
		return 0;
	if (max > room)
		max = room;
	if (r->len - (gpa - r->gpa) < max)
		max = (size_t)(r->len - (gpa - r->gpa));
	*ptr = r->data ? r->data + (gpa - r->gpa) : NULL;
	*fill = r->fill;
	return max;
}

bool emu_known(struct vt_emu *e, uint64_t gpa, uint64_t n)
{
	const struct vt_region *r = emu_region(e, gpa);
	return r && r->len - (gpa - r->gpa) >= n;
}

enum vt_access vt_emu_phys_read(struct vt_emu *e, uint64_t gpa, void *buf, size_t n)
{
	return emu_phys_read_kind(e, gpa, buf, n, VT_MEM_READ);
}

enum vt_access emu_phys_read_kind(struct vt_emu *e, uint64_t gpa, void *buf, size_t n,
				     enum vt_access_kind kind)
{
	uint8_t *out = buf;

	for (size_t i = 0; i < n; i++) {
		uint64_t a = gpa + i;
		const struct emu_page *p = emu_cow_find(e, a / VT_PAGE);
		unsigned off = (unsigned)(a & (VT_PAGE - 1));
		if (p && (bit(p->data_w, off) || bit(p->pt_w, off))) {
			out[i] = p->data[off];
		} else if (!orig_byte(e, a, &out[i])) {
			emu_note_unknown(e, a, kind);
			return VT_ACCESS_UNKNOWN;
		}
	}
	return VT_ACCESS_OK;
}

static enum vt_access phys_write(struct vt_emu *e, uint64_t gpa, const uint8_t *in, size_t n,
				 bool pt)
{
	/* Check the whole access first: a write to undescribed memory is
	 * reported, and nothing of it is stored. */
	for (size_t i = 0; i < n; i++) {
		if (!emu_region(e, gpa + i)) {
			emu_note_unknown(e, gpa + i, pt ? VT_MEM_WALK : VT_MEM_WRITE);
			return VT_ACCESS_UNKNOWN;
		}
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t a = gpa + i;
		struct emu_page *p = emu_cow_page(e, a / VT_PAGE);
		unsigned off = (unsigned)(a & (VT_PAGE - 1));
		if (!p) {
			e->nomem = true;
			return VT_ACCESS_NOMEM;
		}
		p->data[off] = in[i];
		if (!pt)
			emu_tlb_note_write(e, a);
		(pt ? p->pt_w : p->data_w)[off >> 3] |= (uint8_t)(1u << (off & 7));
	}
	return VT_ACCESS_OK;
}

enum vt_access vt_emu_phys_write(struct vt_emu *e, uint64_t gpa, const void *buf, size_t n)
{
	return phys_write(e, gpa, buf, n, false);
}

enum vt_access emu_phys_write_pt(struct vt_emu *e, uint64_t gpa, const void *buf, size_t n)
{
	return phys_write(e, gpa, buf, n, true);
}

void emu_mark(uint8_t *map, unsigned off, unsigned len)
{
	unsigned end = off + len;
	for (; off < end && (off & 7); off++)
		map[off >> 3] |= (uint8_t)(1u << (off & 7));
	if (end - off >= 8) { /* whole bitmap bytes in the middle */
		memset(map + (off >> 3), 0xFF, (end - off) >> 3);
		off += (end - off) & ~7u;
	}
	for (; off < end; off++)
		map[off >> 3] |= (uint8_t)(1u << (off & 7));
}
