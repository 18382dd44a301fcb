/* --emit-snapshot for scan and bundles: a skeleton per crash that has
 * registers and bytes, written beside any already there, never over one. */
#include "cli.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "vmtriage/crash_report.h"
#include "vmtriage/writefile.h"

int cli_snapshot_dir(const char *dir)
{
	struct stat sb;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		cli_errorf("%s: %s", dir, strerror(errno));
		return VT_EXIT_RUNTIME;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		cli_errorf("%s: not a directory", dir);
		return VT_EXIT_RUNTIME;
	}
	return 0;
}

int cli_snapshot_emit(const char *dir, const struct vt_crash *c, const struct vt_crash_where *where,
		      const char *from, bool force)
{
	char name[400], path[4096];
	const char *why;
	struct vt_error err;
	int rc = 0;
	if (!vt_crash_snapshot_ok(c, &why)) {
		cli_warnf("%s: no snapshot: %s", from, why);
		return 0;
	}
	vt_crash_snapshot_name(c, where, name, sizeof name);
	int w = vt_crash_snapshot_save(c, name, from, dir, force ? VT_WRITE_REPLACE : 0, path, sizeof path, &err);
	if (w == VT_ERR_INPUT) {
		cli_errorf("%s: not replaced (--force replaces it)", err.msg);
		rc = VT_EXIT_RUNTIME;
	} else if (w != VT_OK) {
		cli_errorf("%s", err.msg);
		rc = VT_EXIT_RUNTIME;
	}
	return rc;
}
