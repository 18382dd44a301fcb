/* Thread CPU and wall clocks (see util_int.h). */
#include "util/util_int.h"

#include <time.h>

static uint64_t ns_of(clockid_t id)
{
	struct timespec ts;
	if (clock_gettime(id, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* A macro on glibc, musl, illumos (sys/time_impl.h) and the BSDs. */
#ifdef CLOCK_THREAD_CPUTIME_ID
#define VT_CPU_CLOCK CLOCK_THREAD_CPUTIME_ID
#define VT_CPU_IS_WALL 0
#else
#define VT_CPU_CLOCK CLOCK_MONOTONIC
#define VT_CPU_IS_WALL 1
#endif

uint64_t util_thread_cpu_ns(void)
{
	return ns_of(VT_CPU_CLOCK);
}

int util_thread_cpu_is_wall(void)
{
	return VT_CPU_IS_WALL;
}

uint64_t util_wall_ns(void)
{
	return ns_of(CLOCK_MONOTONIC);
}
