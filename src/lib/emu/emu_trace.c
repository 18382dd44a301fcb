/* The compact I/O trace and coalesced memory ranges shared by every result. */
#include <stdlib.h>
#include <string.h>

#include "vmtriage/emu.h"
#include "util/util_int.h"

static struct vt_io_run *new_run(struct vt_io_trace *t, enum vt_io_dir dir, uint16_t port,
				 unsigned size)
{
	struct vt_io_run *r;
	if (util_vec_reserve(&t->runs, &t->runs_cap, t->nruns + 1, sizeof *t->runs))
		return NULL;
	r = &t->runs[t->nruns++];
	*r = (struct vt_io_run){ .port = port, .size = (uint8_t)size, .dir = (uint8_t)dir };
	return r;
}

const uint8_t *vt_io_run_value(const struct vt_io_trace *t, const struct vt_io_run *r, uint64_t k)
{
	if (!r->borrowed)
		return t->data + r->offset + (size_t)k * r->size;
	return r->borrowed + (size_t)(r->reversed ? r->count - 1 - k : k) * r->size;
}

int vt_io_trace_add_borrowed(struct vt_io_trace *t, enum vt_io_dir dir, uint16_t port,
			     unsigned size, const uint8_t *src, uint64_t n, bool down)
{
	struct vt_io_run *last = t->nruns ? &t->runs[t->nruns - 1] : NULL;
	bool same = last && last->borrowed && last->reversed == down && last->port == port &&
		    last->size == size && last->dir == dir;

	/* Extend the last run when the source continues it in host memory:
	 * upwards after its end, or (descending) downwards below its start. */
	if (same && !down && last->borrowed + last->count * size == src) {
		last->count += n;
	} else if (same && down && src + n * size == last->borrowed) {
		last->borrowed = src;
		last->count += n;
	} else {
		if (!(last = new_run(t, dir, port, size)))
			return VT_ERR_NOMEM;
		last->borrowed = src;
		last->reversed = down;
		last->count = n;
	}
	t->accesses += n;
	return VT_OK;
}

int vt_io_trace_own(struct vt_io_trace *t)
{
	for (size_t i = 0; i < t->nruns; i++) {
		struct vt_io_run *r = &t->runs[i];
		size_t bytes = (size_t)r->count * r->size;
		if (!r->borrowed)
			continue;
		if (util_vec_reserve(&t->data, &t->cap, t->len + bytes, 1))
			return VT_ERR_NOMEM;
		if (!r->reversed)
			memcpy(t->data + t->len, r->borrowed, bytes);
		else
			for (uint64_t k = 0; k < r->count; k++)
				memcpy(t->data + t->len + k * r->size, vt_io_run_value(t, r, k), r->size);
		r->offset = t->len;
		r->borrowed = NULL;
		r->reversed = false;
		t->len += bytes;
	}
	return VT_OK;
}

uint8_t *vt_io_trace_reserve(struct vt_io_trace *t, enum vt_io_dir dir, uint16_t port,
			     unsigned size, uint64_t n)
{
	struct vt_io_run *last = t->nruns ? &t->runs[t->nruns - 1] : NULL;
	size_t bytes;
	uint8_t *at;

	if (n > SIZE_MAX / size || t->len > SIZE_MAX - n * size)
		return NULL;
	bytes = (size_t)n * size;
	if (util_vec_reserve(&t->data, &t->cap, t->len + bytes, 1))
		return NULL;
	if (!last || last->borrowed || last->port != port || last->size != size || last->dir != dir) {
		if (!(last = new_run(t, dir, port, size)))
			return NULL;
		last->offset = t->len;
	}
	at = t->data + t->len;
	last->count += n;
	t->len += bytes;
	t->accesses += n;
	return at;
}

int vt_io_trace_grow(struct vt_io_trace *t, size_t bytes)
{
	if (t->len > SIZE_MAX - bytes || util_vec_reserve_exact(&t->data, &t->cap, t->len + bytes, 1) < 0)
		return VT_ERR_NOMEM;
	return VT_OK;
}

int vt_io_trace_add(struct vt_io_trace *t, enum vt_io_dir dir, uint16_t port, unsigned size,
		    uint32_t value)
{
	uint8_t *p = vt_io_trace_reserve(t, dir, port, size, 1);
	if (!p)
		return VT_ERR_NOMEM;
	for (unsigned i = 0; i < size; i++)
		p[i] = (uint8_t)(value >> (8 * i));
	return VT_OK;
}

void vt_io_trace_release(struct vt_io_trace *t)
{
	if (!t)
		return;
	free(t->runs);
	free(t->data);
	memset(t, 0, sizeof *t);
}

bool vt_io_trace_next(const struct vt_io_trace *t, struct vt_io_iter *it, struct vt_io_access *out)
{
	const struct vt_io_run *r;
	const uint8_t *p;

	while (it->run < t->nruns && it->index >= t->runs[it->run].count) {
		it->run++;
		it->index = 0;
	}
	if (it->run >= t->nruns)
		return false;
	r = &t->runs[it->run];
	p = vt_io_run_value(t, r, it->index);
	out->port = r->port;
	out->size = r->size;
	out->dir = r->dir;
	out->value = 0;
	for (unsigned i = 0; i < r->size; i++)
		out->value |= (uint32_t)p[i] << (8 * i);
	it->index++;
	return true;
}

int vt_mem_ranges_add(struct vt_mem_ranges *m, uint64_t gpa, const uint8_t *bytes, size_t len)
{
	struct vt_mem_range *last = m->n ? &m->v[m->n - 1] : NULL;

	if (len == 0)
		return VT_OK;
	if (util_vec_reserve(&m->data, &m->data_cap, m->len + len, 1))
		return VT_ERR_NOMEM;
	if (!last || last->gpa + last->len != gpa) {
		if (util_vec_reserve(&m->v, &m->cap, m->n + 1, sizeof *m->v))
			return VT_ERR_NOMEM;
		last = &m->v[m->n++];
		*last = (struct vt_mem_range){ .gpa = gpa, .offset = m->len };
	}
	memcpy(m->data + m->len, bytes, len);
	m->len += len;
	last->len += len;
	return VT_OK;
}

void vt_mem_ranges_release(struct vt_mem_ranges *m)
{
	if (!m)
		return;
	free(m->v);
	free(m->data);
	memset(m, 0, sizeof *m);
}
