/* UEFI PI firmware images: volumes, FFS files, sections (LZMA-compressed and
 * nested volumes included), PE32/TE code, and every INS/OUTS site in that
 * code, found by a Capstone linear sweep so that bytes inside other
 * instructions are not miscounted. Everything read from an image is
 * untrusted: all sizes are bounded, damage becomes a warning, never fatal. */
#ifndef VMTRIAGE_FIRMWARE_H
#define VMTRIAGE_FIRMWARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vmtriage/error.h"
#include "vmtriage/insn.h"

#define VT_FW_IMAGE_MAX ((size_t)256 << 20)      /* largest image read into memory */
#define VT_FW_SECTION_MAX ((size_t)64 << 20)     /* largest decompressed section */
#define VT_FW_INFLATE_BUDGET ((size_t)512 << 20) /* all decompressed data of one image */
#define VT_FW_SWEEP_BUDGET ((size_t)32 << 20)    /* code bytes disassembled per image (OVMF: ~8 MiB) */
#define VT_FW_DEPTH_MAX 16                       /* nesting of files, volumes and encapsulations */
#define VT_FW_WARNINGS_MAX 256                   /* further warnings are only counted */
#define VT_FW_CONTEXT_MAX 8                      /* neighbours shown each side of a site */

struct vt_fw_opts {
	unsigned context; /* instructions shown before and after each site (<= VT_FW_CONTEXT_MAX) */
	bool unreached;   /* also keep sites only the linear sweep sees (likely data) */
	size_t inflate_budget; /* decompressed bytes allowed per image; 0: VT_FW_INFLATE_BUDGET */
	size_t sweep_budget;   /* code bytes disassembled per image; 0: VT_FW_SWEEP_BUDGET */
};

/* A firmware volume: at image level or inside an FFS file (nested). */
struct vt_fw_volume {
	int parent;            /* index of the module (FFS file) holding it, -1 at image level */
	unsigned depth;        /* volumes it is nested in: 0 at image level */
	bool in_image;         /* its bytes lie as-is in the image (not decompressed) */
	uint64_t offset;       /* image offset when in_image, else offset in the parent's section data */
	uint8_t fs_guid[16];   /* FileSystemGuid */
	bool has_name;
	uint8_t name[16];      /* FvName from the extended header */
	uint64_t length;       /* FvLength as declared */
	uint32_t attributes;
	bool ffs;              /* FFS2 or FFS3 file system: its files were parsed */
	unsigned nfiles;
};

/* One FFS file. Called a module: most carry one driver or PEIM. */
struct vt_fw_module {
	unsigned volume;
	uint8_t guid[16];
	uint8_t type;          /* EFI_FV_FILETYPE_* */
	char name[80];         /* from the user-interface section; "" when there is none */
	uint64_t offset;       /* of the file header in its volume */
	bool in_image;
	uint64_t image_offset; /* when in_image */
	uint64_t size;
	char code[8];          /* first code section: "PE32", "TE", "PIC" or "" */
	uint16_t machine;      /* its COFF machine */
	unsigned code_bits;    /* 32 or 64; 0 when not x86 code (not swept) */
	bool encapsulated;     /* the code came out of a compressed or encoded section */
	unsigned nsites;
};

/* One decoded instruction near a site. */
struct vt_fw_insn {
	uint64_t offset;       /* in the PE/TE image */
	uint8_t bytes[VT_INSN_MAX];
	uint8_t size;
	bool valid;            /* false: a byte that does not decode (text "db 0x..") */
	char text[96];
};

/* One INS/OUTS instruction in code. EDK II's GCC builds put read-only data
 * in .text, so a linear sweep alone finds thousands of 6C-6F bytes in
 * strings and tables: a site is `reached` when control flow gets there from
 * the entry point, a relocated pointer or a RIP-relative LEA (seeds that must
 * start right after a ret/jmp/padding), following direct calls and jumps. */
struct vt_fw_site {
	unsigned module;
	bool reached;          /* found by control flow; false: linear sweep only */
	char section[8];       /* FFS section holding the image: "PE32", "TE", "PIC" */
	char code_section[9];  /* PE section name, e.g. ".text" */
	uint64_t offset;       /* in the PE/TE image (the FFS section's data) */
	uint32_t rva;
	uint64_t address;      /* image base + rva: the address it was linked at */
	bool in_image;
	uint64_t image_offset; /* in the firmware image, when in_image */
	unsigned bits;         /* code size it was decoded as */
	struct vt_string_io sio;
	struct vt_fw_insn insn;
	char mnemonic[16];         /* "REP OUTSB", "INSW", ... */
	struct vt_fw_insn context[2 * VT_FW_CONTEXT_MAX + 1];
	unsigned ncontext;
	unsigned at;           /* index of the site itself in context */
	const char *verdict;   /* a patch model's verdict (--model): vt_assess_name(); NULL: none asked */
	char verdict_reason[128]; /* its one-line reason, e.g. "67 prefix: not handled" */
};

struct vt_fw_warning {
	char where[96];        /* "image:0x1234" */
	char msg[256];
};

struct vt_fw_report {
	char image[256];
	uint64_t image_size;
	struct vt_fw_volume *volumes;
	size_t nvolumes;
	struct vt_fw_module *modules;
	size_t nmodules;
	struct vt_fw_site *sites;
	size_t nsites;
	struct vt_fw_warning *warnings;
	size_t nwarnings;
	size_t warnings_dropped; /* beyond VT_FW_WARNINGS_MAX */
	size_t code_sections;    /* PE/TE sections swept */
	size_t unreached;        /* sites the linear sweep alone sees (kept only with opts.unreached) */
	size_t unreached_rep;    /* of those, REP forms: rarely data, often dead library code */
	uint64_t code_bytes;
	size_t inflated;         /* bytes decompressed so far (VT_FW_INFLATE_BUDGET) */
	size_t unswept;          /* code sections not swept: the sweep budget was spent (a warning says so) */
	const char *model;       /* the patch model the sites were assessed against, or NULL */
};

/* Read a whole image (at most VT_FW_IMAGE_MAX bytes) from a file, or from
 * an open stream (not closed) that errors call `name`. */
int vt_firmware_read(const char *path, uint8_t **data, size_t *len, struct vt_error *err);
int vt_firmware_read_fp(FILE *fp, const char *name, uint8_t **data, size_t *len,
			struct vt_error *err);

/* Parse data[0..len) named `name`: volumes found at any 8-byte boundary.
 * Damage is recorded in rep->warnings; the call fails only when no firmware
 * volume is found at all (VT_ERR_INPUT) or memory runs out. rep must be
 * emptied with vt_fw_report_release even on failure. */
int vt_firmware_scan(const uint8_t *data, size_t len, const char *name,
		     const struct vt_fw_opts *opts, struct vt_fw_report *rep, struct vt_error *err);

/* vt_firmware_read + vt_firmware_scan; errors are prefixed with the path.
 * The path "-" reads standard input, named "<stdin>". */
int vt_firmware_scan_file(const char *path, const struct vt_fw_opts *opts,
			  struct vt_fw_report *rep, struct vt_error *err);

void vt_fw_report_release(struct vt_fw_report *rep);

struct vt_model; /* models.h */
/* Say for every site whether patch model m would handle it, from the bytes
 * and the code size alone (vt_model_assess_insn). */
void vt_firmware_assess(struct vt_fw_report *rep, const struct vt_model *m);

/* Counts of reached sites for the summary, most frequent first (ties by key). */
struct vt_fw_tally {
	char key[64];
	size_t count;
};
enum vt_fw_tally_by { VT_FW_BY_MNEMONIC, VT_FW_BY_BYTES, VT_FW_BY_VERDICT };
/* *out is malloc'ed (free it); returns the number of rows, or -1 out of memory. */
long vt_firmware_tally(const struct vt_fw_report *rep, enum vt_fw_tally_by by,
		       struct vt_fw_tally **out);

/* "8C8CE578-8A3D-4F1C-9935-896185C32DD3" (EFI_GUID byte order). */
void vt_firmware_guid_text(const uint8_t guid[16], char buf[37]);
/* "PEIM", "DRIVER", ... or "0x%02X" into buf for unknown types. */
const char *vt_firmware_file_type_name(uint8_t type, char buf[8]);
/* "FFS2", "FFS3", "NVRAM" or NULL for a file-system GUID. */
const char *vt_firmware_fs_name(const uint8_t guid[16]);

#endif
