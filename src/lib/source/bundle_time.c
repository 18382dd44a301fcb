/* RFC 3339 times to epoch seconds and back (whole seconds: the form bundle
 * metadata, cores and cluster first/last seen use). */
#include "vmtriage/bundle.h"

#include <string.h>

#include "vmtriage/timestamp.h"

bool vt_bundle_time_parse(const char *s, int64_t *out)
{
	struct vt_timestamp t;
	if (!vt_timestamp_bound(s, false, &t))
		return false;
	*out = t.sec;
	return true;
}

void vt_bundle_time_format(int64_t t, char *buf, size_t size)
{
	struct vt_timestamp ts = { .sec = t, .known = true };
	vt_timestamp_format(&ts, buf, size);
}
