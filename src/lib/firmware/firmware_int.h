/* Internals of the firmware module, shared by its files (and unit tests). */
#ifndef VMTRIAGE_FIRMWARE_INT_H
#define VMTRIAGE_FIRMWARE_INT_H

#include <capstone/capstone.h>

#include "vmtriage/firmware.h"

/* A span being parsed: either a slice of the image or decompressed data. */
struct fw_span {
	const uint8_t *p;
	size_t n;
	bool in_image;     /* p[0] is at image offset `base` */
	uint64_t base;     /* when !in_image: image offset of the section it came from */
	unsigned depth;
};

struct fw_ctx {
	struct vt_fw_report *rep;
	unsigned context;
	bool unreached;
	size_t budget;     /* decompressed bytes allowed (rep->inflated counts them) */
	size_t sweep_budget; /* code bytes disassembled (rep->code_bytes counts them) */
	csh cs[2];         /* 32- and 64-bit, opened on first use */
	cs_insn *insn[2];
	bool cs_failed;
};

/* Little-endian readers: callers check bounds first. */
static inline uint16_t fw_le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t fw_le24(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16; }
static inline uint32_t fw_le32(const uint8_t *p) { return (uint32_t)fw_le16(p) | (uint32_t)fw_le16(p + 2) << 16; }
static inline uint64_t fw_le64(const uint8_t *p) { return (uint64_t)fw_le32(p) | (uint64_t)fw_le32(p + 4) << 32; }

/* Report storage (firmware_store.c). */
/* Image offset of span byte `off` (the enclosing section's when decompressed). */
uint64_t fw_span_where(const struct fw_span *s, size_t off);
/* Record a warning about span byte `off`; returns VT_OK (damage is never fatal). */
int fw_warn(struct fw_ctx *ctx, const struct fw_span *s, size_t off, const char *fmt, ...) VT_PRINTF(4, 5);

/* Append a record; NULL when out of memory. */
struct vt_fw_volume *fw_add_volume(struct vt_fw_report *rep);
struct vt_fw_module *fw_add_module(struct vt_fw_report *rep);
struct vt_fw_site *fw_add_site(struct vt_fw_report *rep);

/* Volumes (firmware_ffs.c). Parse the volume at s->p[off]; returns bytes it
 * covers (0 when there is no valid header there) or a negative status. */
long long fw_volume_parse(struct fw_ctx *ctx, const struct fw_span *s, size_t off, int parent);
/* Is there a plausible volume header at p[0..n)? */
bool fw_volume_header_ok(const uint8_t *p, size_t n);

/* Sections of one file (firmware_section.c). */
int fw_sections_parse(struct fw_ctx *ctx, const struct fw_span *s, unsigned module);

/* LZMA "alone" data as EDK II writes it (firmware_lzma.c). x86 also undoes
 * the BCJ x86 filter (LzmaF86). *out is malloc'ed. Returns VT_OK,
 * VT_ERR_NOMEM, or VT_ERR_INPUT with why saying what is wrong. */
int fw_lzma_decode(const uint8_t *in, size_t n, size_t cap, bool x86, uint8_t **out,
		   size_t *outn, char *why, size_t whysize);

/* PE32/TE code (firmware_pe.c): sweep each code section of the image in s. */
int fw_image_sweep(struct fw_ctx *ctx, const struct fw_span *s, unsigned module, const char *kind);

/* Where a code section lies, for the sweep. */
struct fw_code {
	const uint8_t *p;  /* the whole PE/TE image */
	size_t n;
	size_t start, len; /* the code section within it */
	uint32_t rva;      /* of p[start] */
	uint64_t image_base;
	unsigned bits;
	const char *kind;  /* "PE32", "TE", "PIC" */
	char name[9];
	bool has_entry;
	uint32_t entry;    /* AddressOfEntryPoint (rva) */
	const uint32_t *seeds; /* rvas that relocated pointers point at */
	size_t nseeds;
};

/* Linear Capstone sweep of one code section (firmware_sweep.c). */
int fw_sweep(struct fw_ctx *ctx, const struct fw_span *s, unsigned module, const struct fw_code *code);
void fw_ctx_release(struct fw_ctx *ctx);

#endif
