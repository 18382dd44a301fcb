/* Safe opens of untrusted inputs (see util/openfile.h). */
#include "util/util_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* fd, kept only when it is a regular file; blocking reads again. */
static int keep_regular(int fd, struct vt_error *err)
{
	struct stat st;
	int fl;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return vt_error_set(err, VT_ERR_IO, "not a regular file: not read");
	}
	if ((fl = fcntl(fd, F_GETFL)) != -1)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return VT_OK;
}

int util_open_regular(const char *path, int *fd, struct vt_error *err)
{
	*fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (*fd < 0)
		return vt_error_set(err, VT_ERR_IO, "%s", strerror(errno));
	return keep_regular(*fd, err);
}

int util_open_beneath(const char *dir, const char *rel, int *fd, struct vt_error *err)
{
	int at = open(dir, O_RDONLY | O_DIRECTORY | O_NOCTTY), next;
	const char *p = rel;
	char comp[256];

	*fd = -1;
	if (at < 0)
		return vt_error_set(err, VT_ERR_IO, "%s: %s", dir, strerror(errno));
	if (*rel == '/' || *rel == '\0') {
		close(at);
		return vt_error_set(err, VT_ERR_INPUT, "not a relative path");
	}
	for (;;) {
		size_t n = strcspn(p, "/"); /* p is never at a '/' here */
		bool last;
		last = p[n + strspn(p + n, "/")] == '\0';
		if (n >= sizeof comp || (n == 2 && p[0] == '.' && p[1] == '.')) {
			close(at);
			return vt_error_set(err, VT_ERR_INPUT, n >= sizeof comp ? "a path component is too long"
									: "\"..\" leaves the directory");
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		next = openat(at, n ? comp : ".", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
				  (last ? 0 : O_DIRECTORY));
		if (next < 0) {
			int e = errno;
			close(at);
			/* O_NOFOLLOW on a symlink: ELOOP (EMLINK/EFTYPE on some systems). */
			if (e == ELOOP || e == EMLINK)
				return vt_error_set(err, VT_ERR_INPUT, "\"%s\" is a symlink: not followed", comp);
			if (e == ENOTDIR && !last)
				return vt_error_set(err, VT_ERR_INPUT, "\"%s\" is not a directory (or is a symlink): not followed", comp);
			return vt_error_set(err, VT_ERR_IO, "%s", strerror(e));
		}
		close(at);
		at = next;
		if (last)
			break;
		p += n;
		while (*p == '/')
			p++;
	}
	*fd = at;
	return keep_regular(at, err);
}
