/* Where a bundles run's time went (`bundles --stats`). */
#include "vmtriage/bundles_stats.h"

#include "report/bundles_int.h"
#include "util/util_int.h"
#include "vmtriage/decompress.h"

void bnd_stats(struct bnd_run *run)
{
	struct vt_bundles_stats *s = &run->r->stats;
	uint64_t cpu = 0;
	for (size_t i = 0; i < run->nunits; i++) {
		const struct bnd_unit *u = &run->units[i];
		s->bytes_read += u->in_bytes;
		s->bytes_inflated += u->inflated;
		s->read_ns += u->read_ns;
		s->inflate_ns += u->inflate_ns;
		cpu += u->cpu_ns;
	}
	uint64_t io = s->read_ns + s->inflate_ns;
	s->scan_ns = cpu > io ? cpu - io : 0;
	s->threads = bnd_units_threads(run->nunits, run->o->threads);
	s->cpu_is_wall = util_thread_cpu_is_wall();
}

static double secs(uint64_t ns)
{
	return (double)ns / 1e9;
}

static double mb(uint64_t bytes)
{
	return (double)bytes / 1e6;
}

/* The largest share: what to speed up (or to wait less for). */
static const char *bound(const struct vt_bundles_stats *s, uint64_t waiting)
{
	uint64_t io = s->read_ns + waiting;
	if (s->inflate_ns >= io && s->inflate_ns >= s->scan_ns)
		return "inflate";
	return s->scan_ns >= io ? "scan" : "waiting (I/O, or CPUs busy with other work)";
}

void vt_bundles_stats_text(FILE *fp, const char *prefix, const struct vt_bundles_result *r)
{
	const struct vt_bundles_stats *s = &r->stats;
	uint64_t cpu = s->read_ns + s->inflate_ns + s->scan_ns;
	uint64_t span = s->wall_ns * (s->threads ? s->threads : 1);
	uint64_t waiting = span > cpu ? span - cpu : 0;
	const char *clock = s->cpu_is_wall ? "s (wall: no thread CPU clock)" : "s CPU";
	fprintf(fp, "%sstats: %zu sources on %u thread%s in %.2f s (wall)\n", prefix, r->units, s->threads,
		s->threads == 1 ? "" : "s", secs(s->wall_ns));
	fprintf(fp, "%sstats: read     %12.3f MB  %6.2f %s\n", prefix, mb(s->bytes_read), secs(s->read_ns), clock);
	fprintf(fp, "%sstats: inflated %12.3f MB  %6.2f %s (%s)\n", prefix, mb(s->bytes_inflated), secs(s->inflate_ns), clock,
		vt_decompress_gzip_backend());
	fprintf(fp, "%sstats: scanned  %12.3f MB  %6.2f %s\n", prefix, mb(r->bytes), secs(s->scan_ns), clock);
	fprintf(fp, "%sstats: waiting                  %6.2f s (threads x wall - CPU)\n", prefix, secs(waiting));
	fprintf(fp, "%sstats: bound by %s\n", prefix, bound(s, waiting));
}
