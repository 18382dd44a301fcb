/* Units on threads: each thread takes the next unit and keeps its results
 * in the unit, so the collection afterwards sees the same thing for any count. */
#include "report/bundles_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct pool {
	struct bnd_unit *units;
	size_t n, next, done;
	uint64_t bytes;
	const struct vt_bundles_opts *o;
	struct vt_scan_patterns *patterns;
	pthread_mutex_t lock;
	int status;
	struct vt_error err;
};

static void *worker(void *arg)
{
	struct pool *p = arg;
	struct bnd_slot slot = { NULL };
	struct vt_scan_opts so = { .on_crash = bnd_unit_on_crash, .on_warn = bnd_unit_on_warn, .ctx = &slot };
	struct vt_error err;
	struct vt_scanner *s = vt_scan_new(p->patterns, &so, &err);

	for (;;) {
		pthread_mutex_lock(&p->lock);
		if (!s && p->status == VT_OK) {
			p->status = err.status ? err.status : VT_ERR_INTERNAL;
			p->err = err;
		}
		size_t i = p->status == VT_OK && p->next < p->n ? p->next++ : SIZE_MAX;
		pthread_mutex_unlock(&p->lock);
		if (i == SIZE_MAX)
			break;
		struct vt_error uerr;
		int rc = bnd_unit_read(&p->units[i], s, &slot, &p->o->limits, &uerr);
		pthread_mutex_lock(&p->lock);
		p->done++;
		p->bytes += p->units[i].bytes;
		if (rc != VT_OK && p->status == VT_OK) {
			p->status = rc;
			p->err = uerr;
		}
		if (p->o->progress)
			p->o->progress(p->o->progress_ctx, p->done, p->n, p->bytes);
		pthread_mutex_unlock(&p->lock);
	}
	vt_scan_free(s);
	return NULL;
}

static unsigned cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

unsigned bnd_units_threads(size_t n, unsigned threads)
{
	unsigned nt = threads ? threads : cpu_count();
	if (nt > 256)
		nt = 256;
	if (nt > n)
		nt = n ? (unsigned)n : 1;
	return nt;
}

int bnd_units_read(struct bnd_unit *units, size_t n, unsigned threads, const struct vt_bundles_opts *o,
		 uint64_t *bytes, struct vt_error *err)
{
	struct pool p = { .units = units, .n = n, .o = o };
	pthread_t tids[256];
	unsigned nt = bnd_units_threads(n, threads), started = 0;

	p.patterns = vt_scan_patterns_new(err);
	if (!p.patterns)
		return err ? err->status : VT_ERR_INTERNAL;
	pthread_mutex_init(&p.lock, NULL);
	if (nt == 1) {
		worker(&p);
	} else {
		for (unsigned i = 0; i < nt; i++)
			if (pthread_create(&tids[i], NULL, worker, &p) == 0)
				started++;
		if (!started)
			worker(&p); /* no threads to be had: do it here */
		for (unsigned i = 0; i < started; i++)
			pthread_join(tids[i], NULL);
	}
	pthread_mutex_destroy(&p.lock);
	vt_scan_patterns_free(p.patterns);
	*bytes += p.bytes;
	if (p.status != VT_OK && err)
		*err = p.err;
	return p.status;
}
