/* Snapshots (vmtriage-snapshot(5)): one unhandled exit's CPU
 * state, instruction bytes, guest memory and port inputs, loaded and
 * validated into the struct vt_emu_input the emulator and models run on.
 * Errors are precise: `snap.json: regs.rcx: "0xZZ" is not a number`. */
#ifndef VMTRIAGE_SNAPSHOT_H
#define VMTRIAGE_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/emu.h"
#include "vmtriage/error.h"

#define VT_SNAPSHOT_VERSION 1
#define VT_SNAPSHOT_MAX_JSON (64u * 1024 * 1024)        /* bytes of snapshot JSON read */
#define VT_SNAPSHOT_MAX_DATA (1024ull * 1024 * 1024)    /* hex/base64/file bytes held */
#define VT_SNAPSHOT_MAX_REGIONS 4096

struct vt_snapshot_store; /* owned buffers (private) */

struct vt_snapshot {
	char *path;          /* as given to vt_snapshot_load, or NULL */
	char *name;          /* "name", else the file name without .json */
	char *description;   /* may be NULL */
	bool mode_given;     /* false: derived from CR0.PE, EFER.LMA, CS.L/CS.D */
	uint64_t max_elements; /* limits.max_elements (default VT_MAX_ELEMENTS_DEFAULT) */
	bool max_elements_given; /* the snapshot set limits.max_elements */
	struct vt_emu_input input; /* what vt_emu_new() takes; points into the store */
	struct vt_snapshot_store *store;
};

/* Load a snapshot file; `file` regions are relative to its directory.
 * VT_OK with *out set (free with vt_snapshot_free), or VT_ERR_INPUT
 * (malformed: message starts with the path) / VT_ERR_IO / VT_ERR_NOMEM. */
int vt_snapshot_load(const char *path, struct vt_snapshot **out, struct vt_error *err);
/* The same, but only a regular file, opened without blocking (a corpus's
 * <case>.json may be a FIFO planted to hang CI). */
int vt_snapshot_load_regular(const char *path, struct vt_snapshot **out, struct vt_error *err);
/* Parse JSON text; `where` names it in errors, `basedir` resolves `file`
 * regions (NULL: the current directory). */
int vt_snapshot_parse(const char *json, size_t len, const char *where, const char *basedir,
		      struct vt_snapshot **out, struct vt_error *err);
void vt_snapshot_free(struct vt_snapshot *s);

/* The elements one replay of s may move: the caller's ceiling (0:
 * VT_MAX_ELEMENTS_DEFAULT), lowered by limits.max_elements, never raised
 * by it: a snapshot from outside cannot make a replay run without end. */
uint64_t vt_snapshot_max_elements(const struct vt_snapshot *s, uint64_t ceiling);

/* Byte data as the format has it: hex digits, whitespace allowed. *out is
 * malloc'd. Errors name `path`. VT_OK, VT_ERR_INPUT or VT_ERR_NOMEM. */
int vt_snapshot_hex(const char *s, const char *path, uint8_t **out, size_t *len,
		    struct vt_error *err);
/* Numbers as the format has them: "0x1f", "31", or a JSON integer. 0 or -1. */
int vt_snapshot_number(const char *text, uint64_t *out);

#endif
