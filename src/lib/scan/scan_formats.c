/* The log formats the scanner reads, one row each (see struct scan_format).
 * Order matters where two formats could take the same line: a propolis
 * panic before the #795 record text it may quote, QEMU last. */
#include "scan/scan_int.h"

const struct scan_format *const scan_formats[] = {
	&scan_fmt_panic,
	&scan_fmt_standalone,
	&scan_fmt_record,
	&scan_fmt_qemu,
};

const size_t scan_nformats = sizeof scan_formats / sizeof scan_formats[0];
