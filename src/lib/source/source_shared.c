/* What every container kind uses, below source.c (which picks the kind)
 * and the kinds themselves: opening a walked file, the member's name, and
 * libarchive readers for the tar and zip kinds. */
#include "source/source_int.h"

#include <archive.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int src_open_file(const char *path, dev_t dev, ino_t ino, bool check_id, struct vt_error *err)
{
	/* O_NONBLOCK: should a FIFO appear where the walk saw a file, open()
	 * must not hang; O_NOFOLLOW: nor may a symlink swapped in be followed. */
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;

	if (fd < 0) {
		char why[128] = "?";
		strerror_r(errno, why, sizeof why); /* strerror() is not thread-safe */
		return vt_error_set(err, VT_ERR_IO, "cannot open: %s", why), -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (check_id && (st.st_dev != dev || st.st_ino != ino))) {
		close(fd);
		return vt_error_set(err, VT_ERR_IO, "not the regular file seen by the walk: not read"), -1;
	}
	return fd;
}

int src_container_set_name(struct vt_container *c, const char *name)
{
	char *n = strdup(name);
	if (!n)
		return -1;
	free(c->name);
	c->name = n;
	return 0;
}

struct archive *src_archive_reader(bool tar, bool zip)
{
	struct archive *a = archive_read_new();
	if (!a)
		return NULL;
	archive_read_support_filter_all(a);
	if (tar)
		archive_read_support_format_tar(a);
	if (zip)
		archive_read_support_format_zip(a);
	return a;
}

ssize_t src_archive_stream_read(void *ctx, void *buf, size_t n, struct vt_error *err)
{
	struct archive *a = ctx;
	la_ssize_t r = archive_read_data(a, buf, n);
	if (r < 0) {
		const char *why = archive_error_string(a);
		/* libarchive says ENOMEM for its own allocations: a resource failure, not damage. */
		vt_error_set(err, archive_errno(a) == ENOMEM ? VT_ERR_NOMEM : VT_ERR_IO,
			     "%s (compressed offset %lld)", why ? why : "read error",
			     (long long)archive_filter_bytes(a, -1));
		return -1;
	}
	return (ssize_t)r;
}
