/* Growing strings for query text and insert batches. */
#include <stdlib.h>
#include <string.h>

#include "fleet/fleet_impl.h"

void vt_sbuf_put(struct vt_sbuf *b, const char *s, size_t n)
{
	if (b->nomem)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			b->nomem = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void vt_sbuf_puts(struct vt_sbuf *b, const char *s)
{
	vt_sbuf_put(b, s, strlen(s));
}
