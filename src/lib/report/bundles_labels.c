/* Fleet labels a support bundle carries itself: Nexus's collector writes
 * each sled's data under rack/<rack id>/sled/<sled id>/ and the bundle's
 * id to bundle_id.txt at its root (omicron, support_bundle_collector.rs),
 * so a crash found in one is labelled without --sled/--rack. */
#include "report/bundles_int.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/util_int.h"

/* A path component: letters, digits, '-', '_', '.', at most size-1 bytes. */
static bool component(const char *p, char *out, size_t size)
{
	size_t n = strcspn(p, "/");
	if (!n || n >= size || p[n] != '/')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(p[i] == '-' || p[i] == '_' || p[i] == '.' || (p[i] >= '0' && p[i] <= '9') ||
		      (p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z')))
			return false;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

/* Where "rack/<rack>/sled/<sled>/" starts in path (the support bundle's
 * root ends there), or NULL. */
static const char *support_part(const char *path, char *rack, char *sled, size_t size)
{
	for (const char *p = path; p && *p; p = strchr(p, '/'), p = p ? p + 1 : NULL) {
		if (strncmp(p, "rack/", 5) != 0 || !component(p + 5, rack, size))
			continue;
		const char *s = p + 5 + strlen(rack) + 1;
		if (strncmp(s, "sled/", 5) == 0 && component(s + 5, sled, size))
			return p;
	}
	return NULL;
}

bool bnd_support_labels(const char *path, char *rack, char *sled, size_t size)
{
	return support_part(path, rack, sled, size) != NULL;
}

const char *bnd_label(struct bnd_run *run, const char *s)
{
	struct vt_bundles_result *r = run->r;
	for (size_t i = r->nlabels; i-- > 0;) /* a handful of sleds, met in runs */
		if (strcmp(r->labels[i], s) == 0)
			return r->labels[i];
	long k = util_strv_push(&r->labels, &r->nlabels, s);
	return k < 0 ? NULL : r->labels[k];
}

/* bundle_id.txt's text buf[0..n), n <= VT_ID_MAX: one id (a UUID), at
 * most VT_ID_MAX - 1 bytes, else out is "". */
static void id_of_text(char buf[VT_ID_MAX + 2], size_t n, char *out, size_t size)
{
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
		n--;
	buf[n] = '/'; /* component() wants its terminator */
	buf[n + 1] = '\0';
	out[0] = '\0';
	if (n < size && !component(buf, out, size))
		out[0] = '\0';
}

void bnd_support_bundle_id(struct vt_member *m, char *out, size_t size)
{
	char buf[VT_ID_MAX + 2];
	size_t n = 0;
	ssize_t r;
	struct vt_error err;
	while (n < VT_ID_MAX && (r = m->stream.read(m->stream.ctx, buf + n, VT_ID_MAX - n, &err)) > 0)
		n += (size_t)r;
	id_of_text(buf, n, out, size);
}

/* An extracted support bundle's bundle_id.txt, at its root: opened without
 * following a symlink, a regular file, read up to the longest id. */
static void read_root_id(const char *root, char *out, size_t size)
{
	char buf[VT_ID_MAX + 2], *text = NULL;
	size_t n = 0;
	int fd;
	struct vt_error err;
	out[0] = '\0';
	if (util_open_beneath(root[0] ? root : ".", "bundle_id.txt", &fd, &err) != VT_OK)
		return;
	if (util_read_fd(fd, VT_ID_MAX, &text, &n) == VT_OK) {
		memcpy(buf, text, n);
		id_of_text(buf, n, out, size);
	}
	free(text);
	close(fd);
}

const char *bnd_support_dir_id(struct bnd_run *run, const char *path)
{
	char rack[VT_ID_MAX], sled[VT_ID_MAX];
	const char *part = support_part(path, rack, sled, sizeof rack);
	if (!part)
		return NULL;
	size_t len = (size_t)(part - path);
	/* The logs of one support bundle come one after another: the last
	 * root's id is kept. */
	if (!run->support_root || strlen(run->support_root) != len || strncmp(run->support_root, path, len) != 0) {
		free(run->support_root);
		if (!(run->support_root = strndup(path, len))) {
			run->status = VT_ERR_NOMEM;
			return NULL;
		}
		read_root_id(run->support_root, run->support_id, sizeof run->support_id);
	}
	return run->support_id[0] ? run->support_id : NULL;
}
