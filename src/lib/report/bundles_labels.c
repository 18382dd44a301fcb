/* Fleet labels a support bundle carries itself: Nexus's collector writes
 * each sled's data under rack/<rack id>/sled/<sled id>/ and the bundle's
 * id to bundle_id.txt at its root (omicron, support_bundle_collector.rs),
 * so a crash found in one is labelled without --sled/--rack. */
#include "report/bundles_int.h"

#include <stdlib.h>
#include <string.h>

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

bool bnd_support_labels(const char *path, char *rack, char *sled, size_t size)
{
	for (const char *p = path; p && *p; p = strchr(p, '/'), p = p ? p + 1 : NULL) {
		if (strncmp(p, "rack/", 5) != 0 || !component(p + 5, rack, size))
			continue;
		const char *s = p + 5 + strlen(rack) + 1;
		if (strncmp(s, "sled/", 5) == 0 && component(s + 5, sled, size))
			return true;
	}
	return false;
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

/* bundle_id.txt: one id (a UUID), at most VT_ID_MAX - 1 bytes. */
void bnd_support_bundle_id(struct vt_member *m, char *out, size_t size)
{
	char buf[VT_ID_MAX + 2];
	size_t n = 0;
	ssize_t r;
	struct vt_error err;
	while (n < VT_ID_MAX && (r = m->stream.read(m->stream.ctx, buf + n, VT_ID_MAX - n, &err)) > 0)
		n += (size_t)r;
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
		n--;
	buf[n] = '/'; /* component() wants its terminator */
	buf[n + 1] = '\0';
	out[0] = '\0';
	if (n < size && !component(buf, out, size))
		out[0] = '\0';
}
