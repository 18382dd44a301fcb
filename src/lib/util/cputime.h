/* CPU time for the stats of `bundles --stats`: per thread, so parallel
 * readers can split their own time between reading, inflating and scanning. */
#ifndef VMTRIAGE_CPUTIME_H
#define VMTRIAGE_CPUTIME_H

#include <stdint.h>

/* Nanoseconds of CPU (user + system) used by the calling thread, from
 * CLOCK_THREAD_CPUTIME_ID (POSIX; Linux, illumos and the BSDs have it).
 * Where it is missing, monotonic wall time instead: then the figures are
 * upper bounds (vt_thread_cpu_is_wall() says which). */
uint64_t vt_thread_cpu_ns(void);
int vt_thread_cpu_is_wall(void);
/* Monotonic wall-clock nanoseconds. */
uint64_t vt_wall_ns(void);

#endif
