/* Non-fatal problems met while reading sources (detritus, damage, skipped
 * files): collected in order, never printed by the library. */
#ifndef VMTRIAGE_WARNINGS_H
#define VMTRIAGE_WARNINGS_H

#include <stddef.h>

#include "vmtriage/error.h"

struct vt_warning {
	char *where;  /* a path, "path: member" or "path:line" */
	char *what;   /* one sentence, no trailing period */
};

struct vt_warnings {
	struct vt_warning *v;
	size_t n, cap;
	size_t dropped;  /* warnings beyond max, counted but not kept */
	size_t max;      /* 0: no cap */
};

/* Append one warning; returns 0, or -1 when out of memory (the warning is lost). */
int vt_warnings_add(struct vt_warnings *w, const char *where, const char *fmt, ...) VT_PRINTF(3, 4);
/* Move every warning of src to the end of dst (src is left empty). */
int vt_warnings_move(struct vt_warnings *dst, struct vt_warnings *src);
void vt_warnings_release(struct vt_warnings *w);

#endif
