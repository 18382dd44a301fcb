/* PE32(+) and TE images: find the code sections to sweep. */
#include "firmware/firmware_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TE_HEADER 40
#define SECTION_HEADER 40
#define SCN_CNT_CODE 0x00000020u
#define SCN_MEM_EXECUTE 0x20000000u
#define MACHINE_I386 0x014C
#define MACHINE_X64 0x8664

/* What the image headers say. */
struct image_hdr {
	uint16_t machine;
	unsigned nsections;
	size_t table;          /* offset of the section table */
	uint64_t image_base;
	long long adjust;      /* TE: file offset = PointerToRawData + adjust */
	uint32_t entry;        /* AddressOfEntryPoint */
	uint32_t reloc, reloc_size; /* base relocation directory (rva, size) */
};

#define RELOC_HIGHLOW 3
#define RELOC_DIR64 10
#define SEEDS_MAX 65536 /* pointer seeds kept per image */

static bool pe_header(const uint8_t *p, size_t n, struct image_hdr *h)
{
	if (n < 0x40 || p[0] != 'M' || p[1] != 'Z')
		return false;
	size_t pe = fw_le32(p + 0x3C);
	if (pe > n || n - pe < 24 + 32 || memcmp(p + pe, "PE\0\0", 4) != 0)
		return false;
	size_t opt = pe + 24;
	h->machine = fw_le16(p + pe + 4);
	h->nsections = fw_le16(p + pe + 6);
	h->table = opt + fw_le16(p + pe + 20);
	bool plus = fw_le16(p + opt) == 0x20B;
	h->image_base = plus ? fw_le64(p + opt + 24) : fw_le32(p + opt + 28);
	h->adjust = 0;
	h->entry = fw_le32(p + opt + 16);
	h->reloc = h->reloc_size = 0;
	size_t dirs = opt + (plus ? 112 : 96); /* DataDirectory[5] is the base relocation table */
	if (dirs <= n && n - dirs >= 6 * 8 && fw_le32(p + dirs - 4) > 5) {
		h->reloc = fw_le32(p + dirs + 40);
		h->reloc_size = fw_le32(p + dirs + 44);
	}
	return true;
}

static bool te_header(const uint8_t *p, size_t n, struct image_hdr *h)
{
	if (n < TE_HEADER || p[0] != 'V' || p[1] != 'Z')
		return false;
	h->machine = fw_le16(p + 2);
	h->nsections = p[4];
	h->table = TE_HEADER;
	h->image_base = fw_le64(p + 16);
	/* TE drops StrippedSize bytes of PE headers but keeps PE file offsets. */
	h->adjust = (long long)TE_HEADER - fw_le16(p + 6);
	h->entry = fw_le32(p + 8);
	h->reloc = fw_le32(p + 24); /* DataDirectory[0]: base relocations */
	h->reloc_size = fw_le32(p + 28);
	return true;
}

/* File offset of `len` bytes at rva, via the section table; -1 if none holds them. */
static long long rva_to_file(const uint8_t *p, size_t n, const struct image_hdr *h, uint32_t rva, size_t len)
{
	for (unsigned i = 0; i < h->nsections; i++) {
		const uint8_t *sh = p + h->table + (size_t)i * SECTION_HEADER;
		uint32_t va = fw_le32(sh + 12), raw = fw_le32(sh + 16);
		if (rva < va || rva - va >= raw || raw - (rva - va) < len)
			continue;
		long long off = (long long)fw_le32(sh + 20) + h->adjust + (rva - va);
		if (off >= 0 && (unsigned long long)off <= n && n - (size_t)off >= len)
			return off;
	}
	return -1;
}

/* Rvas that relocated pointers hold: function tables, protocol structures. */
static size_t reloc_seeds(const uint8_t *p, size_t n, const struct image_hdr *h, uint32_t *seeds)
{
	size_t nseeds = 0;
	long long base = rva_to_file(p, n, h, h->reloc, h->reloc_size);
	if (base < 0 || h->reloc_size == 0)
		return 0;
	for (size_t pos = 0; pos + 8 <= h->reloc_size;) {
		const uint8_t *blk = p + base + pos;
		uint32_t page = fw_le32(blk), size = fw_le32(blk + 4);
		if (size < 8 || size > h->reloc_size - pos)
			break;
		for (size_t e = 8; e + 2 <= size && nseeds < SEEDS_MAX; e += 2) {
			uint16_t ent = fw_le16(blk + e);
			unsigned type = ent >> 12, width = type == RELOC_DIR64 ? 8 : 4;
			if (type != RELOC_HIGHLOW && type != RELOC_DIR64)
				continue;
			long long at = rva_to_file(p, n, h, page + (ent & 0xFFF), width);
			if (at < 0)
				continue;
			uint64_t v = width == 8 ? fw_le64(p + at) : fw_le32(p + at);
			if (v >= h->image_base && v - h->image_base <= UINT32_MAX)
				seeds[nseeds++] = (uint32_t)(v - h->image_base);
		}
		pos += size;
	}
	return nseeds;
}

static unsigned machine_bits(uint16_t machine)
{
	return machine == MACHINE_I386 ? 32 : machine == MACHINE_X64 ? 64 : 0;
}

static int sweep_section(struct fw_ctx *ctx, const struct fw_span *s, unsigned module,
			 const struct image_hdr *h, const uint8_t *sh, struct fw_code *code)
{
	uint32_t vsize = fw_le32(sh + 8), va = fw_le32(sh + 12), rawsize = fw_le32(sh + 16);
	long long start = (long long)fw_le32(sh + 20) + h->adjust;
	size_t len = vsize && vsize < rawsize ? vsize : rawsize; /* raw data is padded to FileAlignment */

	snprintf(code->name, sizeof code->name, "%.8s", (const char *)sh);
	for (char *c = code->name; *c; c++)
		if (*c < 0x20 || *c > 0x7E)
			*c = '?';
	if (start < 0 || (unsigned long long)start > s->n || len > s->n - (size_t)start)
		return fw_warn(ctx, s, 0, "%s code section %s lies outside the image; not swept",
			       code->kind, code->name);
	code->start = (size_t)start;
	code->len = len;
	code->rva = va;
	return fw_sweep(ctx, s, module, code);
}

int fw_image_sweep(struct fw_ctx *ctx, const struct fw_span *s, unsigned module, const char *kind)
{
	struct vt_fw_module *m = &ctx->rep->modules[module];
	struct image_hdr h;
	bool ok = strcmp(kind, "TE") == 0 ? te_header(s->p, s->n, &h) : pe_header(s->p, s->n, &h);

	if (!ok)
		return fw_warn(ctx, s, 0, "%s section is not a valid %s image", kind,
			       strcmp(kind, "TE") == 0 ? "TE" : "PE/COFF");
	if (!m->code[0]) {
		snprintf(m->code, sizeof m->code, "%s", kind);
		m->machine = h.machine;
	}
	unsigned bits = machine_bits(h.machine);
	if (bits == 0)
		return VT_OK; /* not x86 (EBC, ARM...): nothing to sweep */
	m->code_bits = bits;
	m->encapsulated = m->encapsulated || !s->in_image;
	if (h.table > s->n || (s->n - h.table) / SECTION_HEADER < h.nsections)
		return fw_warn(ctx, s, 0, "%s section table runs past the image end", kind);
	uint32_t *seeds = malloc(SEEDS_MAX * sizeof *seeds);
	if (!seeds)
		return VT_ERR_NOMEM;
	struct fw_code code = { .p = s->p, .n = s->n, .image_base = h.image_base, .bits = bits, .kind = kind,
				.has_entry = true, .entry = h.entry, .seeds = seeds };
	code.nseeds = reloc_seeds(s->p, s->n, &h, seeds);
	int rc = VT_OK;
	for (unsigned i = 0; i < h.nsections && rc == VT_OK; i++) {
		const uint8_t *sh = s->p + h.table + (size_t)i * SECTION_HEADER;
		if (fw_le32(sh + 36) & (SCN_CNT_CODE | SCN_MEM_EXECUTE))
			rc = sweep_section(ctx, s, module, &h, sh, &code);
	}
	free(seeds);
	return rc;
}
