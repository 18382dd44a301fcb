/* Private to the fleet module. */
#ifndef VMTRIAGE_FLEET_IMPL_H
#define VMTRIAGE_FLEET_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "vmtriage/crash_read.h"

/* A growing NUL-terminated string; nomem sticks once an allocation failed. */
struct vt_sbuf {
	char *p;
	size_t n, cap;
	bool nomem;
};
void vt_sbuf_put(struct vt_sbuf *b, const char *s, size_t n);
void vt_sbuf_puts(struct vt_sbuf *b, const char *s);

/* A crash as a row of vmtriage.crashes (share/clickhouse/schema.sql):
 * labels from the record, else sled/rack (may be NULL), never null. */
cJSON *vt_fleet_crash_row(const struct vt_crash *c, const struct vt_crash_where *w, const char *sled,
			  const char *rack);

#endif
