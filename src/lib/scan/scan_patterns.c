/* The scanner's compiled patterns: the core's, then every row's regexes
 * in table order. Above the formats (it reads their table); scan_re.c,
 * below them, compiles and matches. */
#include <stdlib.h>

#include "scan/scan_int.h"

struct vt_scan_patterns *vt_scan_patterns_new(struct vt_error *err)
{
	struct vt_scan_patterns *p = calloc(1, sizeof *p);
	if (!p) {
		vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		return NULL;
	}
	p->jit = true;
	if (scan_re_compile_core(p, err) != VT_OK)
		goto fail;
	if (scan_nformats > SCAN_FORMATS_MAX) {
		vt_error_set(err, VT_ERR_INTERNAL, "more than %d log formats", SCAN_FORMATS_MAX);
		goto fail;
	}
	for (size_t f = 0; f < scan_nformats; f++) {
		const struct scan_format *row = scan_formats[f];
		p->rows[f] = row->regexes;
		p->first[f] = p->n;
		for (size_t i = 0; i < row->nregexes; i++)
			if (scan_re_compile(p, row->name, i, row->regexes[i], err) != VT_OK)
				goto fail;
	}
	return p;
fail:
	vt_scan_patterns_free(p);
	return NULL;
}
