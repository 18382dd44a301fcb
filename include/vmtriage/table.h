/* Plain aligned text tables (headers in bold, numbers right-aligned) for
 * reports whose columns are not known in advance: fleet query answers and
 * merge's per-sled counts. */
#ifndef VMTRIAGE_TABLE_H
#define VMTRIAGE_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "vmtriage/output.h"

/* cells: nrows * ncols, row-major; a NULL cell prints as "-". Headers are
 * upper-cased. Columns wider than 60 are cut with "...". */
void vt_table_print(FILE *fp, const struct vt_style *style, const char *const *headers, size_t ncols,
		    const char *const *cells, size_t nrows);

#endif
