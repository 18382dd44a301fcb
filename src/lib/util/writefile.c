/* Atomic, non-following writes (see vmtriage/writefile.h). */
#include "vmtriage/writefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "<dir>/.<base>.XXXXXX": the temporary lives next to the target, so the
 * rename stays on one file system. */
static char *temp_template(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0, n = strlen(path) + 10;
	char *t = malloc(n);
	if (t)
		snprintf(t, n, "%.*s.%s.XXXXXX", (int)dirlen, path, slash ? slash + 1 : path);
	return t;
}

/* The mode a plain creat() would have given: 0666 less the umask. */
static mode_t file_mode(void)
{
	mode_t mask = umask(022);
	umask(mask);
	return 0666 & ~mask;
}

/* Move tmp to path: rename replaces; link() refuses an existing path
 * (a file, a directory or a symlink, dangling or not) atomically. */
static int install(const char *tmp, const char *path, unsigned flags, struct vt_error *err)
{
	struct stat st;
	if (flags & VT_WRITE_REPLACE) {
		if (rename(tmp, path) == 0)
			return VT_OK;
		return vt_error_set(err, VT_ERR_IO, "%s: %s", path, strerror(errno));
	}
	if (link(tmp, path) == 0) {
		unlink(tmp);
		return VT_OK;
	}
	if (errno == EEXIST)
		return vt_error_set(err, VT_ERR_INPUT, "%s exists", path);
	/* A file system without hard links: check, then rename (a narrow race,
	 * and still never through a symlink: rename replaces the link itself). */
	if ((errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP) && lstat(path, &st) != 0 &&
	    errno == ENOENT && rename(tmp, path) == 0)
		return VT_OK;
	return vt_error_set(err, VT_ERR_IO, "%s: %s", path, strerror(errno));
}

static int fill_file(const char *tmp, int fd, vt_write_fill fill, void *ctx, struct vt_error *err)
{
	FILE *fp = fdopen(fd, "w");
	int e;
	if (!fp) {
		e = errno;
		close(fd);
		return vt_error_set(err, VT_ERR_IO, "%s: %s", tmp, strerror(e));
	}
	errno = 0;
	if (fill(fp, ctx) != 0 || fflush(fp) != 0 || fsync(fileno(fp)) != 0) {
		e = errno ? errno : EIO;
		fclose(fp);
		return vt_error_set(err, VT_ERR_IO, "%s", strerror(e));
	}
	if (fclose(fp) != 0)
		return vt_error_set(err, VT_ERR_IO, "%s", strerror(errno));
	return VT_OK;
}

int vt_write_file_with(const char *path, unsigned flags, vt_write_fill fill, void *ctx,
		       struct vt_error *err)
{
	struct stat st;
	char *tmp;
	int fd, rc;

	/* Refuse early, before any work, when the answer is already known. */
	if (!(flags & VT_WRITE_REPLACE) && lstat(path, &st) == 0)
		return vt_error_set(err, VT_ERR_INPUT, "%s exists", path);
	if (!(tmp = temp_template(path)))
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	if ((fd = mkstemp(tmp)) < 0) {
		rc = vt_error_set(err, VT_ERR_IO, "%s: cannot create a temporary file: %s", path, strerror(errno));
		free(tmp);
		return rc;
	}
	fchmod(fd, file_mode());
	if ((rc = fill_file(tmp, fd, fill, ctx, err)) != VT_OK)
		vt_error_prefix(err, "%s: write failed", path);
	else
		rc = install(tmp, path, flags, err);
	if (rc != VT_OK)
		unlink(tmp);
	free(tmp);
	return rc;
}

struct buffer {
	const void *data;
	size_t len;
};

static int fill_buffer(FILE *fp, void *ctx)
{
	const struct buffer *b = ctx;
	return fwrite(b->data, 1, b->len, fp) == b->len ? 0 : -1;
}

int vt_write_file(const char *path, const void *data, size_t len, unsigned flags,
		  struct vt_error *err)
{
	struct buffer b = { data, len };
	return vt_write_file_with(path, flags, fill_buffer, &b, err);
}

/* FNV-1a, 64 bits: stable across builds and hosts. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

void vt_snapshot_file_name(const char *origin, const char *member, uint64_t line, int vcpu,
			   char out[VT_SNAPSHOT_NAME_MAX])
{
	const char *base = member && strrchr(member, '/') ? strrchr(member, '/') + 1 : member;
	uint64_t h = fnv1a(fnv1a(0xcbf29ce484222325ull, origin), "\n");
	char vc[24] = "";
	size_t o;

	h = fnv1a(h, member);
	if (vcpu >= 0)
		snprintf(vc, sizeof vc, "-vcpu%d", vcpu);
	/* The base name is cut to keep room for line, vCPU and hash. */
	o = (size_t)snprintf(out, VT_SNAPSHOT_NAME_MAX, "%.64s", base && *base ? base : "crash");
	snprintf(out + o, VT_SNAPSHOT_NAME_MAX - o, "-L%llu%s-%012llx", (unsigned long long)line, vc,
		 (unsigned long long)(h & 0xffffffffffffull));
	for (char *p = out; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '.' || *p == '_'))
			*p = '_';
	if (out[0] == '.')
		out[0] = '_';
}
