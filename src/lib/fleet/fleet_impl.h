/* Private to the fleet module. */
#ifndef VMTRIAGE_FLEET_IMPL_H
#define VMTRIAGE_FLEET_IMPL_H

#include <stdbool.h>
#include <stddef.h>

/* A growing NUL-terminated string; nomem sticks once an allocation failed. */
struct vt_sbuf {
	char *p;
	size_t n, cap;
	bool nomem;
};
void vt_sbuf_put(struct vt_sbuf *b, const char *s, size_t n);
void vt_sbuf_puts(struct vt_sbuf *b, const char *s);

#endif
