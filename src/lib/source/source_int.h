/* Private to the source module: one container implementation per kind. */
#ifndef VMTRIAGE_SOURCE_INT_H
#define VMTRIAGE_SOURCE_INT_H

#include "vmtriage/source.h"

struct archive;

struct src_container_ops {
	/* 1 member / 0 end / -1 damaged; fills c->name, c->size, c->mtime, c->inner. */
	int (*next)(struct vt_container *c, struct vt_error *err);
	void (*close)(struct vt_container *c);
};


struct vt_container {
	const struct src_container_ops *ops;
	const struct vt_item *item;
	const struct vt_source_limits *lim;
	int fd;                   /* the item's file, or -1 */
	unsigned index;           /* members returned so far */
	bool independent;         /* a member's read error leaves the next readable */
	bool decompress;          /* members are decompressed by content (not a log item,
				   * which decompresses its one member itself) */
	struct vt_decompress *dec; /* the current member's, made on its first read */
	bool dec_started;
	bool started;
	bool named;               /* a log named by the user: its member's stream is the
				   * decompressor's, whose errors and cap need no prefix */
	/* The current member. */
	char *name;
	uint64_t size;
	int64_t mtime;
	struct vt_stream inner;   /* kind-specific reader, wrapped to count and cap */
	uint64_t member_pos;
	void *impl;               /* kind-specific state */
	struct vt_fd_upto raw;    /* a log item's file, bounded (see above) */
};

/* Shared by the kinds (source_shared.c). */
/* Open a walked item's file read-only and check it is still that regular file. */
int src_open_file(const char *path, dev_t dev, ino_t ino, bool check_id, struct vt_error *err);
/* Set c->name to a copy of name (-1 when out of memory). */
int src_container_set_name(struct vt_container *c, const char *name);

/* libarchive helpers shared by the tar and zip readers. */
struct archive *src_archive_reader(bool tar, bool zip);
ssize_t src_archive_stream_read(void *ctx, void *buf, size_t n, struct vt_error *err);

int src_container_init_tar(struct vt_container *c, struct vt_error *err);
int src_container_init_log(struct vt_container *c, struct vt_error *err);
int src_container_init_named_log(struct vt_container *c, const char *path, struct vt_error *err);
int src_container_init_dir(struct vt_container *c, struct vt_error *err);
int src_container_init_zip(struct vt_container *c, struct vt_error *err);

#endif
