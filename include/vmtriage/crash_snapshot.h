/* The one snapshot-skeleton builder: a crash record's registers, mode and
 * bytes in the snapshot format (vmtriage-snapshot(5)), memory left for the
 * user to add. scan and bundles --emit-snapshot and corpus add use it. */
#ifndef VMTRIAGE_CRASH_SNAPSHOT_H
#define VMTRIAGE_CRASH_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

#include "vmtriage/crash.h"
#include "vmtriage/error.h"

/* Where a crash was found. Any may be NULL: path falls back to the
 * crash's source label, the others are null in JSON. */
struct vt_crash_where {
	const char *path;        /* the file or archive as given */
	const char *member;      /* inside an archive or extracted bundle */
	const char *zone, *bundle_id, *sled, *rack;
};

/* Whether the crash carries enough to start a snapshot (registers and
 * bytes); when not, *why says what is missing. */
bool vt_crash_snapshot_ok(const struct vt_crash *c, const char **why);
/* vt_snapshot_file_name's "<base>-L<line>[-vcpu<N>]-<hash>": where NULL
 * (scan: a path) the hash is of the path; in bundles it is of zone, bundle
 * id and member path (of the path for a log outside a bundle), prefixed
 * "<zone>-<bundle id's first 8>-" where known. Two logs of the same base
 * name (every zone's default.log, two in one bundle) never share a name,
 * and every copy of a bundle gives the same one. File-name safe. */
void vt_crash_snapshot_name(const struct vt_crash *c, const struct vt_crash_where *where, char *buf,
			    size_t size);
/* Write the snapshot skeleton named `name` (memory an empty list to fill
 * in; `from` says where the crash was read, "log:12") to DIR/<name>.json,
 * its path in path[0..pathsize), through vt_write_file (a fresh temporary,
 * fsync, then into place; a failed write leaves nothing): an existing file
 * is replaced only with VT_WRITE_REPLACE in flags, else VT_ERR_INPUT
 * ("... exists"). VT_OK, VT_ERR_INPUT, VT_ERR_IO or VT_ERR_NOMEM. */
int vt_crash_snapshot_save(const struct vt_crash *c, const char *name, const char *from,
			   const char *dir, unsigned flags, char *path, size_t pathsize,
			   struct vt_error *err);

#endif
