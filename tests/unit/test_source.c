/* source: the walk (order, detritus, symlinks, FIFOs) and every container kind. */
#include <criterion/criterion.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "gzip_helpers.h"
#include "vmtriage/source.h"

#define INT_ROOT VT_SAMPLES_DIR "/pool/int"
#define M2A INT_ROOT "/a462a7f7-b628-40fe-80ff-4e4189e2d62b/debug/bundle/zone/"

static struct vt_source_limits lim;

static void walk(const char *path, struct vt_items *items, struct vt_warnings *w)
{
	const char *paths[] = { path };
	struct vt_error err;
	size_t missing = 9;
	vt_source_limits_default(&lim);
	cr_assert_eq(vt_source_walk(paths, 1, &lim, items, w, &missing, &err), VT_OK);
	cr_assert_eq(missing, 0);
}

static bool has_warning(const struct vt_warnings *w, const char *where_part, const char *what_part)
{
	for (size_t i = 0; i < w->n; i++)
		if (strstr(w->v[i].where, where_part) && strstr(w->v[i].what, what_part))
			return true;
	return false;
}

/* Read a whole member (bounded) into a NUL-terminated buffer. */
static char *slurp(struct vt_member *m, ssize_t *got, struct vt_error *err)
{
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap + 1);
	ssize_t r;
	while ((r = m->stream.read(m->stream.ctx, buf + n, cap - n, err)) > 0)
		n += (size_t)r;
	buf[n] = '\0';
	*got = r < 0 ? -1 : (ssize_t)n;
	return buf;
}

static struct vt_item file_item(const char *path, enum vt_item_kind kind)
{
	struct stat st;
	struct vt_item it = { .path = (char *)path, .open_path = (char *)path, .kind = kind };
	cr_assert_eq(stat(path, &st), 0, "%s", path);
	it.size = (uint64_t)st.st_size;
	it.dev = st.st_dev;
	it.ino = st.st_ino;
	return it;
}

Test(source, file_names_say_what_to_read)
{
	cr_expect_eq(vt_source_kind_of_name("e2c1b0a9.tar.gz"), VT_ITEM_TARGZ);
	cr_expect_eq(vt_source_kind_of_name("logs.zip"), VT_ITEM_ZIP);
	cr_expect_eq(vt_source_kind_of_name("system-illumos-propolis-server:default.log"), VT_ITEM_LOG);
	cr_expect_eq(vt_source_kind_of_name("oxide-mgs:default.log.0"), VT_ITEM_LOG);
	cr_expect_eq(vt_source_kind_of_name("oxide-mgs:default.log.1697165100"), VT_ITEM_LOG);
	/* The archiver drops ".log" from a live log: still a log. */
	cr_expect_eq(vt_source_kind_of_name("system-illumos-propolis-server:default.1763990000"), VT_ITEM_LOG);
	cr_expect_eq(vt_source_kind_of_name("messages.3"), VT_ITEM_LOG);
	cr_expect_eq(vt_source_kind_of_name("oxide-nexus:default.log.1.gz"), VT_ITEM_LOG);
	cr_expect_eq(vt_source_kind_of_name("core.oxz_switch.mgs.12.1700000000"), VT_ITEM_CORE);
	cr_expect_eq(vt_source_kind_of_name("notes.txt"), VT_ITEM_OTHER);
	cr_expect_eq(vt_source_kind_of_name("vmdump.0.gz"), VT_ITEM_OTHER);
}

Test(source, walk_is_sorted_and_finds_every_bundle_copy)
{
	struct vt_items items = { 0 };
	struct vt_warnings w = { 0 };
	size_t targz = 0;
	walk(INT_ROOT, &items, &w);
	for (size_t i = 0; i < items.n; i++) {
		if (items.v[i].kind == VT_ITEM_TARGZ)
			targz++;
		if (i)
			cr_expect_lt(strcmp(items.v[i - 1].path, items.v[i].path), 0, "%s !< %s",
				     items.v[i - 1].path, items.v[i].path);
	}
	/* 12 bundle files on M.2 A (incl. 3 damaged), 10 on M.2 B. */
	cr_expect_eq(targz, 23, "found %zu", targz);
	vt_items_release(&items);
	vt_warnings_release(&w);
}

Test(source, symlinks_out_of_the_root_and_loops_are_not_followed)
{
	struct vt_items items = { 0 };
	struct vt_warnings w = { 0 };
	walk(INT_ROOT, &items, &w);
	cr_expect(has_warning(&w, "zone/escape", "outside the scanned root"));
	cr_expect(has_warning(&w, "zone/loop", "loop"));
	for (size_t i = 0; i < items.n; i++) {
		cr_expect_null(strstr(items.v[i].path, "/escape/"), "%s", items.v[i].path);
		cr_expect_null(strstr(items.v[i].path, "/loop/"), "%s", items.v[i].path);
	}
	vt_items_release(&items);
	vt_warnings_release(&w);
}

Test(source, symlink_inside_the_root_is_followed_once)
{
	struct vt_items items = { 0 };
	struct vt_warnings w = { 0 };
	/* From the pool root, escape -> ../ext stays inside: ext's files appear once. */
	walk(VT_SAMPLES_DIR "/pool", &items, &w);
	size_t cores = 0;
	for (size_t i = 0; i < items.n; i++)
		cores += items.v[i].kind == VT_ITEM_CORE;
	cr_expect_eq(cores, 2);
	vt_items_release(&items);
	vt_warnings_release(&w);
}

Test(source, fifos_and_sockets_are_reported_and_never_opened)
{
	char dir[] = "/tmp/vt-source-XXXXXX", path[256];
	struct vt_items items = { 0 };
	struct vt_warnings w = { 0 };
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/system-illumos-propolis-server:default.log", dir);
	cr_assert_eq(mkfifo(path, 0600), 0);
	/* Opening a FIFO without a writer would block forever: finishing proves it was not opened. */
	walk(dir, &items, &w);
	cr_expect_eq(items.n, 0);
	cr_expect(has_warning(&w, "default.log", "FIFO"));
	unlink(path);
	rmdir(dir);
	vt_items_release(&items);
	vt_warnings_release(&w);
}

Test(source, missing_operand_is_counted_not_fatal)
{
	const char *paths[] = { "/nonexistent/pool/int", INT_ROOT };
	struct vt_items items = { 0 };
	struct vt_warnings w = { 0 };
	struct vt_error err;
	size_t missing = 0;
	vt_source_limits_default(&lim);
	cr_assert_eq(vt_source_walk(paths, 2, &lim, &items, &w, &missing, &err), VT_OK);
	cr_expect_eq(missing, 1);
	cr_expect_gt(items.n, 0);
	cr_expect(has_warning(&w, "/nonexistent", "No such file"));
	vt_items_release(&items);
	vt_warnings_release(&w);
}

Test(source, max_items_limit_stops_the_walk_with_a_warning)
{
	const char *paths[] = { INT_ROOT };
	struct vt_items items = { 0 };
	struct vt_warnings w = { 0 };
	struct vt_error err;
	vt_source_limits_default(&lim);
	lim.max_items = 3;
	cr_assert_eq(vt_source_walk(paths, 1, &lim, &items, &w, NULL, &err), VT_OK);
	cr_expect_eq(items.n, 3);
	cr_expect(has_warning(&w, "", "more than 3 files"));
	vt_items_release(&items);
	vt_warnings_release(&w);
}

Test(source, tar_members_come_in_order_with_duplicates)
{
	struct vt_item it = file_item(M2A "oxz_crucible_273d445b-0c96-4191-bcc6-116ea18d93f3/"
					   "d3f1479e-a1a0-468e-aa43-9956471e0390.tar.gz", VT_ITEM_TARGZ);
	struct vt_error err;
	struct vt_member m;
	struct vt_container *c = vt_container_open(&it, &lim, &err);
	unsigned n = 0, logs = 0;
	cr_assert_not_null(c, "%s", err.msg);
	while (vt_container_next(c, &m, &err) == 1) {
		if (n == 0)
			cr_expect_str_eq(m.name, "metadata.toml");
		logs += strcmp(m.name, "oxide-crucible-downstairs:default.log") == 0;
		n++;
	}
	cr_expect_eq(n, 12);
	cr_expect_eq(logs, 2);
	vt_container_close(c);
}

Test(source, truncated_targz_keeps_members_before_the_damage_and_says_where)
{
	struct vt_item it = file_item(M2A "oxz_propolis-server_deadbeef-0000-4000-8000-00000000f00d/"
					   "60718293-a4b5-4c6d-9eef-5b6c7d8e9f0a.tar.gz", VT_ITEM_TARGZ);
	struct vt_error err = { 0 };
	struct vt_member m;
	struct vt_container *c = vt_container_open(&it, &lim, &err);
	bool crash_seen = false, damaged = false;
	int r;
	cr_assert_not_null(c, "%s", err.msg);
	while ((r = vt_container_next(c, &m, &err)) == 1) {
		ssize_t got;
		char *text = slurp(&m, &got, &err);
		if (strstr(text, "Unhandled VM exit"))
			crash_seen = true;
		if (got < 0) {
			damaged = true;
			cr_expect(strstr(err.msg, "after byte"), "%s", err.msg);
		}
		free(text);
	}
	cr_expect(crash_seen);
	cr_expect(damaged || r < 0);
	vt_container_close(c);
}

Test(source, non_gzip_and_empty_targz_fail_with_a_reason)
{
	struct vt_error err;
	struct vt_item a = file_item(M2A "oxz_propolis-server_badc0de0-1111-4222-8333-444455556666/"
					  "71829304-b5c6-4d7e-8f00-6c7d8e9f0a1b.tar.gz", VT_ITEM_TARGZ);
	struct vt_item b = file_item(M2A "oxz_propolis-server_badc0de0-1111-4222-8333-444455556666/"
					  "8293a4b5-c6d7-4e8f-9011-7d8e9f0a1b2c.tar.gz", VT_ITEM_TARGZ);
	cr_expect_null(vt_container_open(&a, &lim, &err));
	cr_expect(strstr(err.msg, "not a gzip file"), "%s", err.msg);
	cr_expect_null(vt_container_open(&b, &lim, &err));
	cr_expect_str_eq(err.msg, "empty file");
}

static unsigned count_crash_members(struct vt_item *it, const char *name_part)
{
	struct vt_error err;
	struct vt_member m;
	struct vt_container *c = vt_container_open(it, &lim, &err);
	unsigned hits = 0;
	cr_assert_not_null(c, "%s", err.msg);
	while (vt_container_next(c, &m, &err) == 1) {
		ssize_t got;
		char *text = slurp(&m, &got, &err);
		cr_expect_geq(got, 0, "%s: %s", m.name, err.msg);
		if (strstr(m.name, name_part) && strstr(text, "Unhandled VM exit"))
			hits++;
		free(text);
	}
	vt_container_close(c);
	return hits;
}

Test(source, support_bundle_zip_deflate_members_are_read)
{
	struct vt_item it = file_item(VT_SAMPLES_DIR "/support/support-bundle-9b0c8d7e.zip", VT_ITEM_ZIP);
	cr_expect_eq(count_crash_members(&it, "/logs/oxz_propolis-server_5a5a5a5a"), 1);
}

Test(source, zstd_zip_members_are_read_through_libarchive)
{
	struct vt_item it = file_item(VT_SAMPLES_DIR "/support/sled-logs/"
				      "oxz_propolis-server_7e7e7e7e-8f8f-4a0a-9b1b-2c2c2c2c2c2c/logs.zip", VT_ITEM_ZIP);
	cr_expect_eq(count_crash_members(&it, "propolis-server/current/"), 1);
}

Test(source, extracted_bundle_directory_members_are_its_files)
{
	struct vt_items items = { 0 };
	struct vt_warnings w = { 0 };
	walk(VT_SAMPLES_DIR "/extracted", &items, &w);
	cr_assert_eq(items.n, 1);
	cr_expect_eq(items.v[0].kind, VT_ITEM_BUNDLE_DIR);
	cr_expect_eq(count_crash_members(&items.v[0], "propolis-server"), 1);
	vt_items_release(&items);
	vt_warnings_release(&w);
}

Test(source, plain_and_gzip_logs_are_one_member_each)
{
	struct vt_item a = file_item(VT_SAMPLES_DIR "/plain/system-illumos-propolis-server:default.log", VT_ITEM_LOG);
	struct vt_item b = file_item(VT_SAMPLES_DIR "/plain/system-illumos-propolis-server:default.log.1764050000.gz",
				     VT_ITEM_LOG);
	cr_expect_eq(count_crash_members(&a, "default.log"), 1);
	cr_expect_eq(count_crash_members(&b, "default.log"), 1);
}

Test(source, truncated_zip_falls_back_to_local_headers)
{
	char path[] = "/tmp/vt-zip-XXXXXX";
	int fd = mkstemp(path), in = open(VT_SAMPLES_DIR "/support/support-bundle-9b0c8d7e.zip", O_RDONLY);
	char buf[1 << 16];
	ssize_t n = read(in, buf, sizeof buf);
	cr_assert_gt(n, 600);
	/* Drop the central directory: libzip refuses, libarchive streams. */
	cr_assert_eq(write(fd, buf, (size_t)(n - 400)), n - 400);
	close(fd);
	close(in);
	struct vt_item it = file_item(path, VT_ITEM_ZIP);
	struct vt_error err;
	struct vt_member m;
	struct vt_container *c = vt_container_open(&it, &lim, &err);
	cr_assert_not_null(c, "%s", err.msg);
	unsigned members = 0;
	while (vt_container_next(c, &m, &err) == 1)
		members++;
	cr_expect_geq(members, 3);
	vt_container_close(c);
	unlink(path);
}

Test(source, member_size_limit_cuts_a_member_with_an_error)
{
	struct vt_item it = file_item(VT_SAMPLES_DIR "/plain/system-illumos-propolis-server:default.log", VT_ITEM_LOG);
	struct vt_error err;
	struct vt_member m;
	vt_source_limits_default(&lim);
	lim.max_member = 100;
	struct vt_container *c = vt_container_open(&it, &lim, &err);
	cr_assert_not_null(c);
	cr_assert_eq(vt_container_next(c, &m, &err), 1);
	ssize_t got;
	free(slurp(&m, &got, &err));
	cr_expect_eq(got, -1);
	cr_expect(strstr(err.msg, "limit"), "%s", err.msg);
	vt_container_close(c);
	vt_source_limits_default(&lim);
}

#include <archive.h>
#include <archive_entry.h>

/* Write a gzip'd GNU tar with the given member names (content "x\n"). */
static void write_gnu_targz(const char *path, const char *const *names, size_t n)
{
	struct archive *a = archive_write_new();
	archive_write_set_format_gnutar(a);
	archive_write_add_filter_gzip(a);
	cr_assert_eq(archive_write_open_filename(a, path), ARCHIVE_OK);
	for (size_t i = 0; i < n; i++) {
		struct archive_entry *e = archive_entry_new();
		archive_entry_set_pathname(e, names[i]);
		archive_entry_set_size(e, 2);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_write_header(a, e);
		archive_write_data(a, "x\n", 2);
		archive_entry_free(e);
	}
	archive_write_close(a);
	archive_write_free(a);
}

Test(source, gnu_longlink_member_names_are_read_whole)
{
	char path[] = "/tmp/vt-longlink-XXXXXX";
	char longname[200];
	memset(longname, 'a', sizeof longname);
	memcpy(longname, "system-illumos-propolis-server:default.log.", 43);
	longname[150] = '\0';
	const char *names[] = { "metadata.toml", longname };
	int fd = mkstemp(path);
	close(fd);
	write_gnu_targz(path, names, 2);
	struct vt_item it = file_item(path, VT_ITEM_TARGZ);
	struct vt_error err;
	struct vt_member m;
	struct vt_container *c = vt_container_open(&it, &lim, &err);
	cr_assert_not_null(c, "%s", err.msg);
	cr_assert_eq(vt_container_next(c, &m, &err), 1);
	cr_expect_str_eq(m.name, "metadata.toml");
	cr_assert_eq(vt_container_next(c, &m, &err), 1);
	cr_expect_eq(strlen(m.name), 150);
	cr_expect_eq(vt_container_next(c, &m, &err), 0);
	vt_container_close(c);
	unlink(path);
}

Test(source, depth_limit_stops_descent_with_a_warning)
{
	char dir[] = "/tmp/vt-deep-XXXXXX", p[512];
	struct vt_items items = { 0 };
	struct vt_warnings w = { 0 };
	cr_assert_not_null(mkdtemp(dir));
	snprintf(p, sizeof p, "%s/a", dir);
	mkdir(p, 0700);
	snprintf(p, sizeof p, "%s/a/b", dir);
	mkdir(p, 0700);
	const char *paths[] = { dir };
	struct vt_error err;
	vt_source_limits_default(&lim);
	lim.max_depth = 1;
	cr_assert_eq(vt_source_walk(paths, 1, &lim, &items, &w, NULL, &err), VT_OK);
	cr_expect(has_warning(&w, "/a/b", "deeper than 1"));
	rmdir(p);
	snprintf(p, sizeof p, "%s/a", dir);
	rmdir(p);
	rmdir(dir);
	vt_items_release(&items);
	vt_warnings_release(&w);
	vt_source_limits_default(&lim);
}

Test(source, containers_yield_every_member_of_every_kind_in_walk_order)
{
	const char *paths[] = { VT_SAMPLES_DIR "/support", VT_SAMPLES_DIR "/extracted", VT_SAMPLES_DIR "/plain",
				VT_SAMPLES_DIR "/pool/int" };
	struct vt_items items = { 0 };
	struct vt_warnings w = { 0 };
	struct vt_error err;
	unsigned members = 0, crashes = 0;
	size_t last_root = 0;
	bool damage_named = false;
	vt_source_limits_default(&lim);
	cr_assert_eq(vt_source_walk(paths, 4, &lim, &items, &w, NULL, &err), VT_OK, "%s", err.msg);
	for (size_t i = 0; i < items.n; i++) {
		const struct vt_item *item = &items.v[i];
		struct vt_member m;
		int r = 0;
		if (item->kind == VT_ITEM_CORE || item->kind == VT_ITEM_OTHER)
			continue;
		cr_expect_geq(item->root, last_root, "operands are read in order");
		last_root = item->root;
		struct vt_container *c = vt_container_open(item, &lim, &err);
		while (c && (r = vt_container_next(c, &m, &err)) == 1) {
			ssize_t got;
			char *text = slurp(&m, &got, &err);
			crashes += strstr(text, "Unhandled VM exit") != NULL;
			members++;
			free(text);
		}
		if ((!c || r < 0) && strstr(item->path, "71829304"))
			damage_named = strstr(err.msg, "not a gzip file") != NULL;
		vt_container_close(c);
	}
	/* 2 zips (8 files), 1 extracted bundle (3), 2 logs, and the bundles' members. */
	cr_expect_gt(members, 100);
	cr_expect_geq(crashes, 5);
	cr_expect(damage_named, "the damaged bundle's error says why");
	vt_items_release(&items);
	vt_warnings_release(&w);
}

static void write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(data, 1, n, f), n);
	fclose(f);
}

Test(source, gzip_that_is_not_a_tar_fails_with_a_reason)
{
	static const unsigned char gz_hello[] = { 0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0xcb, 0x48, 0xcd,
						  0xc9, 0xc9, 0xe7, 0x02, 0x00, 0x20, 0x30, 0x3a, 0x36, 0x06, 0, 0, 0 };
	char path[] = "/tmp/vt-notar-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	write_file(path, gz_hello, sizeof gz_hello);
	struct vt_item it = file_item(path, VT_ITEM_TARGZ);
	struct vt_error err;
	cr_expect_null(vt_container_open(&it, &lim, &err));
	cr_expect(strstr(err.msg, "not readable as a tar archive"), "%s", err.msg);
	unlink(path);
}

/* A sample file's first cap bytes (all of it, for the samples used). */
static size_t read_whole(const char *src, unsigned char *buf, size_t cap)
{
	FILE *f = fopen(src, "rb");
	cr_assert_not_null(f, "%s", src);
	size_t n = fread(buf, 1, cap, f);
	fclose(f);
	return n;
}

Test(source, a_bundle_cut_anywhere_never_crashes_or_hangs)
{
	const char *src = M2A "oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33/"
			      "e2c1b0a9-1d4f-4b6e-8c3a-5f7e9d2b4a61.tar.gz";
	static unsigned char buf[1 << 16];
	size_t n = read_whole(src, buf, sizeof buf);
	char path[] = "/tmp/vt-cut-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	vt_source_limits_default(&lim);
	for (size_t cut = 0; cut < n; cut += 37) {
		write_file(path, buf, cut);
		struct vt_item it = file_item(path, VT_ITEM_TARGZ);
		struct vt_error err;
		struct vt_member m;
		struct vt_container *c = vt_container_open(&it, &lim, &err);
		if (!c)
			continue; /* empty, or cut inside the gzip header: a clear error */
		unsigned members = 0;
		while (vt_container_next(c, &m, &err) == 1 && members++ < 100) {
			ssize_t got;
			free(slurp(&m, &got, &err));
			if (got < 0)
				cr_expect_gt(strlen(err.msg), 0);
		}
		cr_expect_leq(members, 12, "cut at %zu", cut);
		vt_container_close(c);
	}
	unlink(path);
}

static unsigned count_members(const char *path, bool *damaged)
{
	struct vt_item it = file_item(path, VT_ITEM_TARGZ);
	struct vt_error err;
	struct vt_member m;
	struct vt_container *c = vt_container_open(&it, &lim, &err);
	unsigned n = 0;
	int r;
	cr_assert_not_null(c, "%s", err.msg);
	*damaged = false;
	while ((r = vt_container_next(c, &m, &err)) == 1) {
		ssize_t got;
		free(slurp(&m, &got, &err));
		*damaged |= got < 0;
		n++;
	}
	*damaged |= r < 0;
	vt_container_close(c);
	return n;
}

/* The bundle's tar re-compressed as two gzip members (cut mid-member, as
 * cat a.gz b.gz would be), then with garbage after the last member: both
 * read whole. The tar's end (two zero blocks) comes before the garbage, so
 * nothing after it is read, as with libarchive's own gzip reader before. */
Test(source, targz_in_two_members_or_with_trailing_garbage_is_read_whole)
{
	const char *src = M2A "oxz_crucible_273d445b-0c96-4191-bcc6-116ea18d93f3/"
			      "d3f1479e-a1a0-468e-aa43-9956471e0390.tar.gz";
	static unsigned char packed[1 << 20], tar[4 << 20], out[1 << 20];
	FILE *f = fopen(src, "rb");
	cr_assert_not_null(f);
	size_t n = fread(packed, 1, sizeof packed, f);
	fclose(f);
	uLongf tlen = sizeof tar;
	z_stream z = { 0 };
	cr_assert_eq(inflateInit2(&z, 16 + MAX_WBITS), Z_OK);
	z.next_in = packed;
	z.avail_in = (uInt)n;
	z.next_out = tar;
	z.avail_out = (uInt)tlen;
	cr_assert_eq(inflate(&z, Z_FINISH), Z_STREAM_END);
	tlen = z.total_out;
	inflateEnd(&z);
	size_t half = tlen / 2 + 77, len = test_gzip(tar, half, out, sizeof out, 9);
	len += test_gzip(tar + half, tlen - half, out + len, sizeof out - len, 9);
	char path[] = "/tmp/vt-twomember-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	vt_source_limits_default(&lim);
	bool damaged;
	write_file(path, out, len);
	cr_expect_eq(count_members(path, &damaged), 12);
	cr_expect_not(damaged);
	memcpy(out + len, "not gzip at all\n", 16);
	write_file(path, out, len + 16);
	cr_expect_eq(count_members(path, &damaged), 12);
	cr_expect_not(damaged);
	unlink(path);
}

/* The tar stream's gzip trailer is checked although libarchive stops at the
 * tar's end blocks before it: a flipped CRC-32 or ISIZE is damage, after
 * every member was read. */
Test(source, targz_trailer_mismatch_is_damage_after_the_members)
{
	const char *src = M2A "oxz_crucible_273d445b-0c96-4191-bcc6-116ea18d93f3/"
			      "d3f1479e-a1a0-468e-aa43-9956471e0390.tar.gz";
	static unsigned char packed[1 << 20];
	size_t n = read_whole(src, packed, sizeof packed);
	char path[] = "/tmp/vt-trailer-XXXXXX";
	close(mkstemp(path));
	vt_source_limits_default(&lim);
	bool damaged;
	write_file(path, packed, n);
	cr_expect_eq(count_members(path, &damaged), 12);
	cr_expect_not(damaged, "the sample is intact");
	for (size_t at = n - 8; at < n; at += 4) { /* CRC-32, then ISIZE */
		packed[at] ^= 1;
		write_file(path, packed, n);
		cr_expect_eq(count_members(path, &damaged), 12);
		cr_expect(damaged, "trailer byte %zu flipped", at);
		packed[at] ^= 1;
	}
	unlink(path);
}

Test(source, a_named_log_is_a_container_of_one_decompressed_member)
{
	struct vt_error err;
	struct vt_member m;
	vt_source_limits_default(&lim);
	struct vt_container *c = vt_container_open_log(VT_SAMPLES_DIR "/logs/rotated-795.log.1", &lim, &err);
	cr_assert_not_null(c, "%s", err.msg);
	cr_assert_eq(vt_container_next(c, &m, &err), 1);
	cr_expect_str_eq(m.name, VT_SAMPLES_DIR "/logs/rotated-795.log.1");
	ssize_t got;
	char *text = slurp(&m, &got, &err);
	cr_expect_not_null(strstr(text, "Unhandled VM exit"), "gzip content read through");
	free(text);
	cr_expect_eq(vt_container_next(c, &m, &err), 0, "one member only");
	vt_container_close(c);

	cr_expect_null(vt_container_open_log(VT_SAMPLES_DIR "/no-such.log", &lim, &err));
	cr_expect_eq(err.status, VT_ERR_IO);
	cr_expect_not_null(strstr(err.msg, "no-such.log: "), "%s", err.msg);
}
