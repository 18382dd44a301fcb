/* Sources: where log bytes live on a sled. A walk turns PATH operands into a
 * sorted list of items (archives, logs, extracted bundles, cores); opening an
 * item yields its members as named streams, so scanning code never knows
 * whether bytes came from a directory, a .tar.gz, a .zip or a plain file.
 *
 * Read-only by construction: files are opened O_RDONLY|O_NOFOLLOW|O_NONBLOCK
 * and checked to be the regular file the walk saw; nothing is extracted or
 * written; symlinks are followed only when they stay inside their root;
 * FIFOs, sockets and devices are reported and never opened. */
#ifndef VMTRIAGE_SOURCE_H
#define VMTRIAGE_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "vmtriage/error.h"
#include "vmtriage/stream.h"
#include "vmtriage/warnings.h"

enum vt_item_kind {
	VT_ITEM_TARGZ = 0,    /* *.tar.gz, *.tgz: a zone bundle (or any compressed tar) */
	VT_ITEM_ZIP,          /* *.zip: a support bundle or a sled's logs.zip */
	VT_ITEM_LOG,          /* a plain or compressed (gzip, zstd, xz, bzip2) log */
	VT_ITEM_BUNDLE_DIR,   /* a directory holding metadata.toml: an extracted bundle */
	VT_ITEM_CORE,         /* core.*: evidence, listed, never read */
	VT_ITEM_OTHER         /* anything else met in a walk: not read */
};

struct vt_item {
	char *path;           /* as reached from the operand: what reports show */
	char *open_path;      /* symlink-free path to open (same text as path when no link) */
	enum vt_item_kind kind;
	uint64_t size;
	int64_t mtime;
	dev_t dev;
	ino_t ino;
	size_t root;          /* index of the operand it was found under */
};

struct vt_items {
	struct vt_item *v;
	size_t n, cap;
};

struct vt_source_limits {
	unsigned max_depth;        /* directory levels below an operand (default 32) */
	size_t max_items;          /* items kept by a walk (default 1,000,000) */
	uint64_t max_member;       /* bytes read from one member after decompression, 0 = no cap
				    * (default VT_SOURCE_MAX_MEMBER: bounds a gzip or zip bomb) */
	size_t max_members;        /* members read from one archive (default 100,000) */
	bool timing;               /* measure read and inflate CPU time (vt_container_stats) */
};

#define VT_SOURCE_MAX_MEMBER (4ull << 30)

void vt_source_limits_default(struct vt_source_limits *lim);

/* Walk the operands in order; each directory's entries are visited in byte
 * order of their names, so the item list is deterministic. Problems with
 * individual entries become warnings; an operand that cannot be read at all
 * is a warning too, and *missing counts them. Returns VT_OK or VT_ERR_NOMEM. */
int vt_source_walk(const char *const *paths, size_t npaths, const struct vt_source_limits *lim,
		   struct vt_items *out, struct vt_warnings *warn, size_t *missing, struct vt_error *err);
void vt_items_release(struct vt_items *items);

/* What a file name says it is (used by the walk; exposed for tests). */
enum vt_item_kind vt_source_kind_of_name(const char *name);
const char *vt_item_kind_name(enum vt_item_kind kind);

/* One member of an open item. */
struct vt_member {
	const char *name;     /* member path inside the archive, or the file name */
	uint64_t size;        /* as declared (0 when unknown) */
	int64_t mtime;
	unsigned index;       /* 0-based position in the item */
	bool independent;     /* a read error in this member leaves the next ones
			       * readable (a zip read by index, a directory) */
	struct vt_stream stream;
};

struct vt_container;

/* Open an item for reading (not VT_ITEM_CORE / VT_ITEM_OTHER). */
struct vt_container *vt_container_open(const struct vt_item *item, const struct vt_source_limits *lim,
				       struct vt_error *err);
/* Open one log the user named ("-": standard input) as a container of one
 * member, decompressed by its magic like a walked log item, a regular file
 * read up to its size when opened. The member's stream is the decompressor's
 * (lim->max_member is its cap, VT_ERR_LIMIT). Errors name the path (or
 * "<stdin>"). */
struct vt_container *vt_container_open_log(const char *path, const struct vt_source_limits *lim,
					   struct vt_error *err);
/* Next member: 1 with *m filled (valid until the next call), 0 at the end,
 * -1 when the item is damaged from here on (err says where, with the byte
 * offset). A read error inside a member surfaces from its stream (-1). */
int vt_container_next(struct vt_container *c, struct vt_member *m, struct vt_error *err);
/* Bytes read and inflated so far and, with limits.timing, the CPU time
 * reading and inflating took: for gzip, zstd and xz streams and plain logs
 * (zip members are inflated inside libarchive, extracted bundles' files are
 * read directly: for them all is zero). */
struct vt_decompress_stats;
void vt_container_stats(const struct vt_container *c, struct vt_decompress_stats *st);
void vt_container_close(struct vt_container *c);

#endif
