/* snapshot: `file` memory regions that name something other than a regular
 * file. Found by tests/shell/hostile_snapshot_file_fifo.sh: a FIFO made the
 * loader block forever in open(), /dev/zero made it read 1 GiB into memory. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vmtriage/snapshot.h"

static int load_with_file(const char *file, const char *basedir, struct vt_error *err)
{
	char json[512];
	struct vt_snapshot *s = NULL;
	snprintf(json, sizeof json,
		 "{\"version\": 1, \"mode\": \"long64\", \"inst\": \"f3 6e\","
		 " \"regs\": {\"rcx\": \"1\", \"rdx\": \"0x402\", \"cr0\": \"0x1\", \"efer\": \"0x500\"},"
		 " \"memory\": [{\"gpa\": \"0x0\", \"file\": \"%s\"}]}", file);
	int rc = vt_snapshot_parse(json, strlen(json), "t.json", basedir, &s, err);
	vt_snapshot_free(s);
	return rc;
}

Test(snapshot_hostile, file_region_naming_a_fifo_is_refused_without_blocking, .timeout = 10)
{
	char dir[] = "/tmp/vt-snap-fifo.XXXXXX", fifo[64];
	struct vt_error err;
	cr_assert(mkdtemp(dir));
	snprintf(fifo, sizeof fifo, "%s/mem.bin", dir);
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	cr_expect_eq(load_with_file("mem.bin", dir, &err), VT_ERR_INPUT);
	cr_expect(strstr(err.msg, "not a regular file"), "%s", err.msg);
	unlink(fifo);
	rmdir(dir);
}

Test(snapshot_hostile, file_region_naming_a_device_is_refused_before_reading, .timeout = 10)
{
	struct vt_error err;
	/* Absolute paths are refused outright; a link inside the directory to a
	 * device is not followed. */
	char dir[] = "/tmp/vt-snap-dev.XXXXXX", link[64];
	cr_expect_eq(load_with_file("/dev/zero", NULL, &err), VT_ERR_INPUT);
	cr_assert(mkdtemp(dir));
	snprintf(link, sizeof link, "%s/zero.bin", dir);
	cr_assert_eq(symlink("/dev/zero", link), 0);
	cr_expect_eq(load_with_file("zero.bin", dir, &err), VT_ERR_INPUT);
	cr_expect(strstr(err.msg, "zero.bin"), "%s", err.msg);
	unlink(link);
	rmdir(dir);
}

Test(snapshot_hostile, file_region_naming_a_regular_file_still_loads)
{
	char dir[] = "/tmp/vt-snap-reg.XXXXXX", path[64];
	struct vt_error err;
	cr_assert(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/mem.bin", dir);
	FILE *fp = fopen(path, "w");
	cr_assert(fp);
	fputs("hello", fp);
	fclose(fp);
	cr_expect_eq(load_with_file("mem.bin", dir, &err), VT_OK, "%s", err.msg);
	unlink(path);
	rmdir(dir);
}
