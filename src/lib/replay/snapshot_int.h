/* Private parts of the snapshot module (snapshot*.c only). */
#ifndef VMTRIAGE_SNAPSHOT_INT_H
#define VMTRIAGE_SNAPSHOT_INT_H

#include <cjson/cJSON.h>

#include "vmtriage/bytes.h"
#include "vmtriage/snapshot.h"

/* Everything a snapshot owns besides its strings. */
struct vt_snapshot_store {
	uint8_t **blobs;            /* decoded hex/base64/file data */
	size_t nblobs;
	uint64_t data_bytes;        /* sum of blob sizes, capped by VT_SNAPSHOT_MAX_DATA */
	struct vt_region *regions;  /* flattened: sorted, non-overlapping */
	size_t nregions, regions_cap;
	struct vt_port_input *ports;
	size_t nports;
	uint64_t *port_values;
};

/* A number at `path` (snapshot_num.c). */
int snap_num(const cJSON *item, const char *path, uint64_t *out, struct vt_error *err);
int snap_parse_memory(const cJSON *mem, const char *basedir, struct vt_snapshot *s,
			 struct vt_error *err);
int snap_parse_ports(const cJSON *ports, struct vt_snapshot *s, struct vt_error *err);
/* Read a whole file of at most max bytes. regular_only: refuse anything but
 * a regular file without blocking (a `file` region naming a FIFO would hang,
 * /dev/zero would fill memory up to max); the snapshot itself may be a pipe. */
int snap_read_file(const char *path, size_t max, bool regular_only, uint8_t **buf, size_t *len,
		      struct vt_error *err);
/* The same from an open descriptor, which it closes. */
int snap_read_fd(int fd, size_t max, uint8_t **buf, size_t *len, struct vt_error *err);
/* `name`, else the file name of `where` without ".json". */
char *snap_default_name(const char *name, const char *where);
void snap_store_free(struct vt_snapshot_store *st);

#endif
