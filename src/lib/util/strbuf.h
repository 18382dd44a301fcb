/* The string builder: a growing NUL-terminated string whose allocation
 * failure sticks (nomem), so a caller appends freely and checks once. */
#ifndef VMTRIAGE_STRBUF_H
#define VMTRIAGE_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct vt_sbuf {
	char *p;        /* NULL until the first append; free() it */
	size_t n, cap;
	bool nomem;
};
void vt_sbuf_put(struct vt_sbuf *b, const char *s, size_t n);
void vt_sbuf_puts(struct vt_sbuf *b, const char *s);

#endif
