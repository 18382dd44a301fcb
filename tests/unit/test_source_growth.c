/* source: a file that grows while it is read (a live log, a bundle still
 * being written) is read up to the size it had when opened; reading past
 * that fails with VT_ERR_LIMIT, so a writer appending forever cannot keep a
 * scan going. Found by tests/shell/hostile_bundle_growing_during_scan.sh. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vmtriage/source.h"

static char dir[] = "/tmp/vt-growth.XXXXXX";

static void append(const char *path, const char *text)
{
	FILE *fp = fopen(path, "a");
	cr_assert(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Read the only member of the walked item of the given kind: bytes read
 * before the stream ended, and the final read's status. */
static uint64_t read_growing(const char *root, const char *grow, enum vt_item_kind kind, int *status)
{
	const char *paths[] = { root };
	struct vt_source_limits lim;
	struct vt_items items = { 0 };
	struct vt_warnings w = { 0 };
	struct vt_error err;
	size_t missing;
	vt_source_limits_default(&lim);
	cr_assert_eq(vt_source_walk(paths, 1, &lim, &items, &w, &missing, &err), VT_OK);
	const struct vt_item *it = NULL;
	for (size_t i = 0; i < items.n; i++)
		if (items.v[i].kind == kind)
			it = &items.v[i];
	cr_assert(it, "no item of kind %d", (int)kind);
	struct vt_container *c = vt_container_open(it, &lim, &err);
	cr_assert(c, "%s", err.msg);
	struct vt_member m;
	uint64_t got = 0;
	ssize_t r;
	char buf[4];
	*status = VT_OK;
	while (vt_container_next(c, &m, &err) == 1) {
		if (strcmp(m.name, "system-illumos-propolis-server:default.log") != 0)
			continue;
		/* Four bytes, then the file grows by a lot, then read on. */
		cr_assert_eq(m.stream.read(m.stream.ctx, buf, 4, &err), 4);
		got = 4;
		for (int i = 0; i < 1000; i++)
			append(grow, "more log text\n");
		while ((r = m.stream.read(m.stream.ctx, buf, sizeof buf, &err)) > 0)
			got += (uint64_t)r;
		if (r < 0)
			*status = err.status;
	}
	vt_container_close(c);
	vt_items_release(&items);
	vt_warnings_release(&w);
	return got;
}

Test(source_growth, log_that_grows_while_read_stops_at_its_size_when_opened)
{
	cr_assert(mkdtemp(dir));
	char log[256];
	snprintf(log, sizeof log, "%s/system-illumos-propolis-server:default.log", dir);
	append(log, "0123456789abcdef\n"); /* 17 bytes when opened */
	int status;
	uint64_t got = read_growing(dir, log, VT_ITEM_LOG, &status);
	cr_expect_eq(got, 17);
	cr_expect_eq(status, VT_ERR_LIMIT);
	unlink(log);
	rmdir(dir);
}

Test(source_growth, bundle_dir_member_that_grows_while_read_stops_at_its_size_when_opened)
{
	cr_assert(mkdtemp(dir));
	char p[256], log[256];
	snprintf(p, sizeof p, "%s/metadata.toml", dir);
	append(p, "[id]\nzone_name = \"oxz_z\"\nbundle_id = \"b\"\n");
	snprintf(log, sizeof log, "%s/system-illumos-propolis-server:default.log", dir);
	append(log, "0123456789\n"); /* 11 bytes when opened */
	int status;
	uint64_t got = read_growing(dir, log, VT_ITEM_BUNDLE_DIR, &status);
	cr_expect_eq(got, 11);
	cr_expect_eq(status, VT_ERR_LIMIT);
	unlink(log);
	unlink(p);
	rmdir(dir);
}
