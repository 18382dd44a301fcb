/* Builds synthetic UEFI PI firmware images for the firmware tests: PE32+
 * and TE images, FFS sections and files (with valid checksums), volumes,
 * LZMA GUID-defined sections. Test-only: aborts when out of memory. */
#ifndef VT_TEST_FW_BUILDER_H
#define VT_TEST_FW_BUILDER_H

#include <lzma.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct fwb {
	uint8_t *p;
	size_t n, cap;
};

static inline void fwb_put(struct fwb *b, const void *src, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	if (n)
		memcpy(b->p + b->n, src, n);
	b->n += n;
}

static inline void fwb_fill(struct fwb *b, uint8_t byte, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fwb_put(b, &byte, 1);
}

static inline void fwb_le(struct fwb *b, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++) {
		uint8_t c = (uint8_t)(v >> (8 * i));
		fwb_put(b, &c, 1);
	}
}

static inline void fwb_align(struct fwb *b, size_t a, uint8_t byte)
{
	while (b->n % a)
		fwb_put(b, &byte, 1);
}

static inline void fwb_set_le(struct fwb *b, size_t at, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		b->p[at + i] = (uint8_t)(v >> (8 * i));
}

static inline void fwb_free(struct fwb *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

/* A PE32+ (bits 64, x64) or PE32 (bits 32, i386) image with one .text
 * section at rva 0x1000, entry at .text + entry. */
static inline struct fwb fwb_pe(unsigned bits, const uint8_t *code, size_t n, uint32_t entry)
{
	struct fwb b = { 0 };
	size_t opt_size = bits == 64 ? 0xF0 : 0xE0;
	fwb_put(&b, "MZ", 2);
	fwb_fill(&b, 0, 0x3A);
	fwb_le(&b, 0x40, 4);                       /* e_lfanew */
	fwb_put(&b, "PE\0\0", 4);
	fwb_le(&b, bits == 64 ? 0x8664 : 0x14C, 2);
	fwb_le(&b, 1, 2);                          /* NumberOfSections */
	fwb_fill(&b, 0, 12);
	fwb_le(&b, opt_size, 2);
	fwb_le(&b, 0x2022, 2);
	size_t opt = b.n;
	fwb_fill(&b, 0, opt_size);
	fwb_set_le(&b, opt, bits == 64 ? 0x20B : 0x10B, 2);
	fwb_set_le(&b, opt + 16, 0x1000 + entry, 4);
	if (bits == 64)
		fwb_set_le(&b, opt + 24, 0, 8);      /* ImageBase 0, as EDK II DXE drivers */
	else
		fwb_set_le(&b, opt + 28, 0, 4);
	fwb_set_le(&b, opt + (bits == 64 ? 108 : 92), 16, 4); /* NumberOfRvaAndSizes */
	fwb_put(&b, ".text\0\0\0", 8);
	fwb_le(&b, n, 4);                          /* VirtualSize */
	fwb_le(&b, 0x1000, 4);                     /* VirtualAddress */
	fwb_le(&b, (n + 0x1F) & ~(size_t)0x1F, 4); /* SizeOfRawData */
	fwb_le(&b, 0x200, 4);                      /* PointerToRawData */
	fwb_fill(&b, 0, 12);
	fwb_le(&b, 0x60000020, 4);                 /* code, execute, read */
	fwb_fill(&b, 0, 0x200 - b.n);
	fwb_put(&b, code, n);
	fwb_align(&b, 0x20, 0);
	return b;
}

/* A TE image (i386) whose stripped PE headers were 0x200 bytes. */
static inline struct fwb fwb_te(const uint8_t *code, size_t n, uint32_t entry)
{
	struct fwb b = { 0 };
	fwb_put(&b, "VZ", 2);
	fwb_le(&b, 0x14C, 2);
	fwb_le(&b, 1, 1);                          /* NumberOfSections */
	fwb_le(&b, 0x0B, 1);
	fwb_le(&b, 0x200 + 40 - 80, 2);            /* StrippedSize: code lands at 0x50 */
	fwb_le(&b, 0x1000 + entry, 4);
	fwb_le(&b, 0x1000, 4);
	fwb_le(&b, 0xFFF00000, 8);                 /* ImageBase: an XIP PEIM */
	fwb_fill(&b, 0, 16);
	fwb_put(&b, ".text\0\0\0", 8);
	fwb_le(&b, n, 4);
	fwb_le(&b, 0x1000, 4);
	fwb_le(&b, n, 4);
	fwb_le(&b, 0x200, 4);                      /* PE file offset: TE offset 0x50 */
	fwb_fill(&b, 0, 12);
	fwb_le(&b, 0x60000020, 4);
	fwb_put(&b, code, n);
	return b;
}

/* An FFS section of `type` around body. */
static inline struct fwb fwb_section(uint8_t type, const void *body, size_t n)
{
	struct fwb b = { 0 };
	fwb_le(&b, 4 + n, 3);
	fwb_le(&b, type, 1);
	fwb_put(&b, body, n);
	return b;
}

static inline struct fwb fwb_ui(const char *name)
{
	struct fwb u = { 0 }, s;
	for (const char *c = name; ; c++) {
		fwb_le(&u, (uint8_t)*c, 2);
		if (!*c)
			break;
	}
	s = fwb_section(0x15, u.p, u.n);
	fwb_free(&u);
	return s;
}

/* Append a section to a section list, 4-byte aligned as FFS requires. */
static inline void fwb_add_section(struct fwb *list, struct fwb sec)
{
	fwb_align(list, 4, 0);
	fwb_put(list, sec.p, sec.n);
	fwb_free(&sec);
}

/* EDK II's LZMA GUID-defined section around a section list. */
static inline struct fwb fwb_lzma_section(const struct fwb *inner)
{
	static const uint8_t guid[16] = { 0x98, 0x58, 0x4E, 0xEE, 0x14, 0x39, 0x59, 0x42,
					  0x9D, 0x6E, 0xDC, 0x7B, 0xD7, 0x94, 0x03, 0xCF };
	lzma_options_lzma opt;
	lzma_stream s = LZMA_STREAM_INIT;
	size_t cap = inner->n * 2 + 1024;
	uint8_t *out = malloc(cap);
	struct fwb b = { 0 };
	if (!out || lzma_lzma_preset(&opt, 6))
		abort();
	opt.dict_size = 1 << 16;
	if (lzma_alone_encoder(&s, &opt) != LZMA_OK)
		abort();
	s.next_in = inner->p;
	s.avail_in = inner->n;
	s.next_out = out;
	s.avail_out = cap;
	if (lzma_code(&s, LZMA_FINISH) != LZMA_STREAM_END)
		abort();
	/* The alone encoder writes "size unknown"; EDK II writes the real size. */
	for (int i = 0; i < 8; i++)
		out[5 + i] = (uint8_t)((uint64_t)inner->n >> (8 * i));
	fwb_le(&b, 24 + s.total_out, 3);
	fwb_le(&b, 0x02, 1);
	fwb_put(&b, guid, 16);
	fwb_le(&b, 24, 2);                         /* DataOffset */
	fwb_le(&b, 1, 2);                          /* PROCESSING_REQUIRED */
	fwb_put(&b, out, s.total_out);
	lzma_end(&s);
	free(out);
	return b;
}

/* An FFS file (erase polarity 1) with a valid header checksum and the fixed data check. */
static inline struct fwb fwb_file(uint8_t guid_byte, uint8_t type, const struct fwb *sections)
{
	struct fwb b = { 0 };
	uint8_t guid[16];
	uint8_t sum = 0;
	for (int i = 0; i < 16; i++)
		guid[i] = (uint8_t)(guid_byte + i);
	fwb_put(&b, guid, 16);
	fwb_le(&b, 0, 1);                          /* header checksum, set below */
	fwb_le(&b, 0xAA, 1);                       /* no data checksum */
	fwb_le(&b, type, 1);
	fwb_le(&b, 0, 1);                          /* attributes */
	fwb_le(&b, 24 + sections->n, 3);
	fwb_le(&b, (uint8_t)~0x07, 1);             /* state: constructed, header and data valid */
	for (int i = 0; i < 24; i++)
		if (i != 17 && i != 23)
			sum = (uint8_t)(sum + b.p[i]);
	b.p[16] = (uint8_t)(0x100 - sum);
	fwb_put(&b, sections->p, sections->n);
	return b;
}

/* A firmware volume (FFS2, erase polarity 1) holding files, with free space after. */
static inline struct fwb fwb_volume(const struct fwb *files, size_t free_space)
{
	static const uint8_t ffs2[16] = { 0x78, 0xE5, 0x8C, 0x8C, 0x3D, 0x8A, 0x1C, 0x4F,
					  0x99, 0x35, 0x89, 0x61, 0x85, 0xC3, 0x2D, 0xD3 };
	struct fwb b = { 0 };
	size_t len = (72 + files->n + free_space + 7) & ~(size_t)7;
	uint16_t sum = 0;
	fwb_fill(&b, 0, 16);
	fwb_put(&b, ffs2, 16);
	fwb_le(&b, len, 8);
	fwb_put(&b, "_FVH", 4);
	fwb_le(&b, 0x0004FEFF, 4);                 /* includes ERASE_POLARITY */
	fwb_le(&b, 72, 2);                         /* HeaderLength */
	fwb_le(&b, 0, 2);                          /* checksum, set below */
	fwb_le(&b, 0, 2);
	fwb_le(&b, 0, 1);
	fwb_le(&b, 2, 1);                          /* revision */
	fwb_le(&b, 1, 4);
	fwb_le(&b, len, 4);
	fwb_le(&b, 0, 8);
	for (size_t i = 0; i < 72; i += 2)
		sum = (uint16_t)(sum + (b.p[i] | b.p[i + 1] << 8));
	fwb_set_le(&b, 50, (uint16_t)(0x10000 - sum), 2);
	fwb_put(&b, files->p, files->n);
	fwb_fill(&b, 0xFF, len - b.n);
	return b;
}

/* Append a file to a file list, 8-byte aligned (padding is erased flash). */
static inline void fwb_add_file(struct fwb *list, struct fwb file)
{
	fwb_align(list, 8, 0xFF);
	fwb_put(list, file.p, file.n);
	fwb_free(&file);
}

#endif
