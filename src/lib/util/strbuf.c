#include "util/util_int.h"

#include <stdint.h>
#include <string.h>

void util_sbuf_put(struct util_sbuf *b, const char *s, size_t n)
{
	if (b->nomem)
		return;
	if (n > SIZE_MAX - b->n - 1 || util_vec_reserve(&b->p, &b->cap, b->n + n + 1, 1) < 0) {
		b->nomem = true;
		return;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void util_sbuf_puts(struct util_sbuf *b, const char *s)
{
	util_sbuf_put(b, s, strlen(s));
}
