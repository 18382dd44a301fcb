#include "vmtriage/warnings.h"
#include "util/util_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int vt_warnings_add(struct vt_warnings *w, const char *where, const char *fmt, ...)
{
	char what[1024];
	va_list ap;

	if (w->max && w->n >= w->max) {
		w->dropped++;
		return 0;
	}
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (util_vec_reserve(&w->v, &w->cap, w->n + 1, sizeof *w->v) < 0)
		return -1;
	char *a = strdup(where ? where : ""), *b = strdup(what);
	if (!a || !b) {
		free(a);
		free(b);
		return -1;
	}
	w->v[w->n].where = a;
	w->v[w->n].what = b;
	w->n++;
	return 0;
}

int vt_warnings_move(struct vt_warnings *dst, struct vt_warnings *src)
{
	size_t room = src->n;
	if (dst->max && dst->n + room > dst->max)
		room = dst->max > dst->n ? dst->max - dst->n : 0;
	if (util_vec_reserve(&dst->v, &dst->cap, dst->n + room, sizeof *dst->v) < 0)
		return -1;
	if (room)
		memcpy(dst->v + dst->n, src->v, room * sizeof *src->v);
	dst->n += room;
	for (size_t i = room; i < src->n; i++) {
		free(src->v[i].where);
		free(src->v[i].what);
	}
	dst->dropped += src->n - room + src->dropped;
	free(src->v);
	src->v = NULL;
	src->n = src->cap = src->dropped = 0;
	return 0;
}

void vt_warnings_release(struct vt_warnings *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n; i++) {
		free(w->v[i].where);
		free(w->v[i].what);
	}
	free(w->v);
	w->v = NULL;
	w->n = w->cap = w->dropped = 0;
}
