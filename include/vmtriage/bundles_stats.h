/* `bundles --stats`: where a run's time went (struct vt_bundles_stats). */
#ifndef VMTRIAGE_BUNDLES_STATS_H
#define VMTRIAGE_BUNDLES_STATS_H

#include <stdio.h>

#include "vmtriage/bundles.h"

/* Six "<prefix>stats: ..." lines: sources, threads and wall time; bytes
 * read, inflated and scanned with the CPU time of each; time spent waiting
 * (threads x wall time - CPU time: I/O, or CPUs busy with other work); and
 * which of inflate, scan or I/O bound the run. */
void vt_bundles_stats_text(FILE *fp, const char *prefix, const struct vt_bundles_result *r);

#endif
