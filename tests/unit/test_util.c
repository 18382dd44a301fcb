/* The shared primitives of src/lib/util. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vmtriage/bundles.h"
#include "vmtriage/cluster.h"
#include "vmtriage/corpus.h"
#include "vmtriage/decode.h"
#include "vmtriage/decompress.h"
#include "vmtriage/emu.h"
#include "vmtriage/error.h"
#include "vmtriage/firmware.h"
#include "vmtriage/fleet.h"
#include "vmtriage/json.h"
#include "vmtriage/merge.h"
#include "vmtriage/scan.h"
#include "vmtriage/snapshot.h"
#include "vmtriage/source.h"
#include "vmtriage/stream.h"
#include "vmtriage/warnings.h"
#include "util/strmap_int.h"
#include "util/util_int.h"

Test(vec, reserve_grows_from_16_by_doubling_and_keeps_the_contents)
{
	int *v = NULL;
	size_t cap = 0;
	cr_assert_eq(util_vec_reserve(&v, &cap, 1, sizeof *v), 0);
	cr_expect_eq(cap, 16);
	for (int i = 0; i < 16; i++)
		v[i] = i;
	cr_assert_eq(util_vec_reserve(&v, &cap, 17, sizeof *v), 0);
	cr_expect_eq(cap, 32);
	cr_assert_eq(util_vec_reserve(&v, &cap, 100, sizeof *v), 0);
	cr_expect_eq(cap, 128);
	for (int i = 0; i < 16; i++)
		cr_expect_eq(v[i], i);
	cr_expect_eq(util_vec_reserve(&v, &cap, 128, sizeof *v), 0, "enough room: nothing to do");
	cr_expect_eq(cap, 128);
	free(v);
}

Test(vec, reserve_refuses_a_size_that_overflows_and_leaves_the_array_alone)
{
	int *v = NULL;
	size_t cap = 0;
	cr_assert_eq(util_vec_reserve(&v, &cap, 4, sizeof *v), 0);
	int *before = v;
	cr_expect_eq(util_vec_reserve(&v, &cap, SIZE_MAX / 2 + 2, 1), -1, "count doubling past SIZE_MAX");
	cr_expect_eq(util_vec_reserve(&v, &cap, SIZE_MAX / 4 + 1, sizeof *v), -1, "bytes past SIZE_MAX");
	cr_expect_eq(v, before);
	cr_expect_eq(cap, 16);
	free(v);
}

static int pipe_with(const char *text, size_t n)
{
	int fds[2];
	cr_assert_eq(pipe(fds), 0);
	cr_assert_eq(write(fds[1], text, n), (ssize_t)n);
	close(fds[1]);
	return fds[0];
}

Test(readfile, reads_exactly_the_cap_and_ends_with_a_nul)
{
	char *buf;
	size_t len;
	int fd = pipe_with("0123456789", 10);
	cr_assert_eq(util_read_fd(fd, 10, &buf, &len), VT_OK);
	cr_expect_eq(len, 10);
	cr_expect_str_eq(buf, "0123456789");
	free(buf);
	close(fd);
}

Test(readfile, one_byte_past_the_cap_is_a_limit_error_with_nothing_kept)
{
	char *buf = (char *)1;
	size_t len = 5;
	int fd = pipe_with("0123456789", 10);
	cr_expect_eq(util_read_fd(fd, 9, &buf, &len), VT_ERR_LIMIT);
	cr_expect_null(buf);
	cr_expect_eq(len, 0);
	close(fd);
}

Test(readfile, an_empty_input_and_a_read_error)
{
	char *buf;
	size_t len;
	int fd = pipe_with("", 0);
	cr_assert_eq(util_read_fd(fd, 100, &buf, &len), VT_OK);
	cr_expect_eq(len, 0);
	cr_expect_str_eq(buf, "");
	free(buf);
	close(fd);
	int dir = open(VT_SOURCE_DIR, O_RDONLY);
	cr_assert_geq(dir, 0);
	cr_expect_eq(util_read_fd(dir, 100, &buf, &len), VT_ERR_IO, "a directory cannot be read");
	close(dir);
}

Test(strlist, push_find_intern_and_free)
{
	char **v = NULL;
	size_t n = 0;
	cr_expect_eq(util_strv_push(&v, &n, "a"), 0);
	cr_expect_eq(util_strv_push(&v, &n, "b"), 1);
	cr_expect_eq(util_strv_push(&v, &n, "a"), 2, "push keeps duplicates");
	cr_expect_eq(util_strv_find(v, n, "b"), 1);
	cr_expect_eq(util_strv_find(v, n, "c"), -1);
	cr_expect_eq(util_strv_intern(&v, &n, "b"), 1, "intern finds");
	cr_expect_eq(util_strv_intern(&v, &n, "c"), 3, "intern appends");
	cr_expect_eq(n, 4);
	cr_expect_str_eq(v[3], "c");
	util_strv_release(&v, &n);
	cr_expect_null(v);
	cr_expect_eq(n, 0);
}

Test(strbuf, appends_stay_terminated_across_growth)
{
	struct util_sbuf b = { 0 };
	for (int i = 0; i < 100; i++)
		util_sbuf_puts(&b, "0123456789");
	util_sbuf_put(&b, "xyz", 2);
	cr_assert(!b.nomem);
	cr_expect_eq(b.n, 1002);
	cr_expect_eq(strlen(b.p), 1002);
	cr_expect_eq(strncmp(b.p + 990, "0123456789xy", 12), 0);
	free(b.p);
}

Test(vec, cap_is_what_reserve_gave_an_array_grown_one_at_a_time)
{
	int *v = NULL;
	size_t cap = 0;
	for (size_t n = 0; n < 300; n++) {
		cr_assert_eq(util_vec_cap(n), cap, "n=%zu", n);
		cr_assert_eq(util_vec_reserve(&v, &cap, n + 1, sizeof *v), 0);
	}
	free(v);
}

Test(vec, reserve_exact_gives_exactly_what_is_asked_and_refuses_an_overflow)
{
	char *v = NULL;
	size_t cap = 0;
	cr_assert_eq(util_vec_reserve_exact(&v, &cap, 100, 1), 0);
	cr_expect_eq(cap, 100, "no doubling");
	memset(v, 'x', 100);
	cr_assert_eq(util_vec_reserve_exact(&v, &cap, 50, 1), 0, "enough room: nothing to do");
	cr_expect_eq(cap, 100);
	cr_assert_eq(util_vec_reserve_exact(&v, &cap, 101, 1), 0);
	cr_expect_eq(cap, 101);
	cr_expect_eq(v[99], 'x', "the contents stay");
	char *before = v;
	cr_expect_eq(util_vec_reserve_exact(&v, &cap, SIZE_MAX / 2 + 1, 4), -1);
	cr_expect_eq(v, before);
	cr_expect_eq(cap, 101);
	free(v);
}

Test(strlist, sort_orders_by_strcmp)
{
	char **v = NULL;
	size_t n = 0;
	const char *in[] = { "sled-10", "Sled-2", "sled-1", "" };
	for (size_t i = 0; i < 4; i++)
		cr_assert_geq(util_strv_push(&v, &n, in[i]), 0);
	util_strv_sort(v, n);
	cr_expect_str_eq(v[0], "");
	cr_expect_str_eq(v[1], "Sled-2");
	cr_expect_str_eq(v[2], "sled-1");
	cr_expect_str_eq(v[3], "sled-10");
	util_strv_sort(NULL, 0);
	util_strv_release(&v, &n);
}

/* The string list doubles (its capacity comes from the count), so a long
 * list is linear to build; ASan checks every element lands inside it. */
Test(strlist, thousands_of_pushes_land_in_place)
{
	char **v = NULL, name[16];
	size_t n = 0;
	for (long i = 0; i < 5000; i++) {
		snprintf(name, sizeof name, "s%ld", i);
		cr_assert_eq(util_strv_push(&v, &n, name), i);
	}
	cr_expect_eq(util_strv_find(v, n, "s4999"), 4999);
	cr_expect_eq(util_strv_intern(&v, &n, "s17"), 17);
	cr_expect_str_eq(v[1234], "s1234");
	util_strv_release(&v, &n);
}

/* CONTRIBUTING.md: every _free, _close and _release accepts NULL. */
Test(ownership, every_free_close_and_release_accepts_null)
{
	vt_bundles_result_release(NULL);
	vt_found_release(NULL);
	vt_cluster_free(NULL, 3);
	vt_corpus_free(NULL);
	vt_check_release(NULL);
	vt_gate_report_release(NULL);
	vt_skeleton_release(NULL);
	vt_decoder_free(NULL);
	vt_decompress_free(NULL);
	vt_io_trace_release(NULL);
	vt_mem_ranges_release(NULL);
	vt_result_release(NULL);
	vt_emu_free(NULL);
	vt_fw_report_release(NULL);
	vt_fleet_rows_release(NULL);
	vt_merge_release(NULL);
	vt_scan_patterns_free(NULL);
	vt_scan_free(NULL);
	vt_snapshot_free(NULL);
	vt_items_release(NULL);
	vt_container_close(NULL);
	vt_lines_free(NULL);
	vt_warnings_release(NULL);
	vt_json_free(NULL);
	util_strv_release(NULL, NULL);
	util_strmap_release(NULL);
	cr_expect(true, "none of them crashed");
}

/* A _release leaves the struct zeroed, ready to fill again. */
Test(ownership, release_frees_what_the_struct_owns_and_zeroes_it)
{
	struct vt_found f = {.line = 7};
	f.zone = strdup("oxz_propolis-server_1");
	f.path = strdup("a/b.tar.gz");
	f.crash = calloc(1, sizeof *f.crash);
	vt_found_release(&f);
	cr_expect_null(f.zone);
	cr_expect_null(f.path);
	cr_expect_null(f.crash);
	cr_expect_eq(f.line, 0);

	struct vt_warnings w = {0};
	cr_assert_eq(vt_warnings_add(&w, "x", "%s", "y"), VT_OK);
	vt_warnings_release(&w);
	cr_expect_null(w.v);
	cr_expect_eq(w.n, 0);
	cr_assert_eq(vt_warnings_add(&w, "x", "%s", "again"), VT_OK, "an emptied struct fills again");
	cr_expect_eq(w.n, 1);
	vt_warnings_release(&w);
}
