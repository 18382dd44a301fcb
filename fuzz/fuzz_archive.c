/* Archive iteration: any bytes as a .tar.gz, a .zip and a compressed log,
 * through vt_container_open/next and every member's stream to its end, with
 * small member and member-count caps (so bombs and huge size fields hit the
 * caps, not the fuzzer's RSS limit). The source module opens items by path
 * (it checks the file is the regular file the walk saw), so the input is
 * written to one temporary file first: "from memory" at the cost of a write. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vmtriage/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void drain(const struct vt_item *it, const struct vt_source_limits *lim)
{
	static char buf[16384];
	struct vt_error err;
	struct vt_member m;
	struct vt_container *c = vt_container_open(it, lim, &err);
	if (!c)
		return;
	unsigned members = 0;
	while (vt_container_next(c, &m, &err) == 1) {
		if (++members > lim->max_members)
			__builtin_trap(); /* the member cap is not honoured */
		uint64_t got = 0;
		ssize_t r;
		while ((r = m.stream.read(m.stream.ctx, buf, sizeof buf, &err)) > 0)
			got += (uint64_t)r;
		if (got > lim->max_member)
			__builtin_trap(); /* nor the byte cap */
	}
	vt_container_close(c);
}

static char path[] = "/tmp/vt-fuzz-archive.XXXXXX";

static void remove_file(void)
{
	unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	struct stat st;

	if (fd < 0) {
		if ((fd = mkstemp(path)) < 0)
			__builtin_trap();
		atexit(remove_file); /* libFuzzer ends runs with exit() */
	}
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size || fstat(fd, &st) != 0)
		return 0;
	struct vt_source_limits lim;
	vt_source_limits_default(&lim);
	lim.max_member = 1u << 20;
	lim.max_members = 64;
	static const enum vt_item_kind kinds[] = { VT_ITEM_TARGZ, VT_ITEM_ZIP, VT_ITEM_LOG };
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		struct vt_item it = { .path = path, .open_path = path, .kind = kinds[k], .size = (uint64_t)st.st_size,
				      .dev = st.st_dev, .ino = st.st_ino };
		drain(&it, &lim);
	}
	return 0;
}
