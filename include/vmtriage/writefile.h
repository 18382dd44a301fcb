/* Every file vmtriage writes goes through here: a fresh temporary created in
 * the target's directory (mkstemp: O_CREAT|O_EXCL, so never an existing file
 * and never through a symlink), written, fsynced, then moved into place in
 * one step. A failed write (a full disk) removes the temporary: no 0-byte or
 * half-written file is left, and an existing file is untouched. */
#ifndef VMTRIAGE_WRITEFILE_H
#define VMTRIAGE_WRITEFILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vmtriage/error.h"

enum vt_write_flags {
	/* Replace an existing path (atomically: rename). Without it an
	 * existing path, even a dangling symlink, is refused (VT_ERR_INPUT). */
	VT_WRITE_REPLACE = 1u << 0
};

/* fill writes the content to fp: 0, or -1 on failure (errno kept). */
typedef int (*vt_write_fill)(FILE *fp, void *ctx);

/* Write path through fill. VT_OK, VT_ERR_INPUT (exists, without
 * VT_WRITE_REPLACE) or VT_ERR_IO (message names path and why). */
int vt_write_file_with(const char *path, unsigned flags, vt_write_fill fill, void *ctx,
		       struct vt_error *err);
/* The same with a buffer. */
int vt_write_file(const char *path, const void *data, size_t len, unsigned flags,
		  struct vt_error *err);

/* The file name (no directory, no extension) of the snapshot for a crash:
 * "<base name of member>-L<line>[-vcpu<N>]-<12 hex digits>", the hash over
 * origin (zone, bundle and member, or the path scan was given) so that two
 * crashes on the same line of two logs with the same base name (every zone's
 * default.log) never share a name. Only [A-Za-z0-9._-]; never starts with
 * '.'. vcpu < 0: unknown. */
#define VT_SNAPSHOT_NAME_MAX 128
void vt_snapshot_file_name(const char *origin, const char *member, uint64_t line, int vcpu,
			   char out[VT_SNAPSHOT_NAME_MAX]);

#endif
