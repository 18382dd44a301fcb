#include "util/strbuf.h"
#include "util/vec.h"

#include <stdint.h>
#include <string.h>

void vt_sbuf_put(struct vt_sbuf *b, const char *s, size_t n)
{
	if (b->nomem)
		return;
	if (n > SIZE_MAX - b->n - 1 || vt_vec_reserve(&b->p, &b->cap, b->n + n + 1, 1) < 0) {
		b->nomem = true;
		return;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void vt_sbuf_puts(struct vt_sbuf *b, const char *s)
{
	vt_sbuf_put(b, s, strlen(s));
}
