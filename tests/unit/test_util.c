/* The shared primitives of src/lib/util. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/vec.h"

Test(vec, reserve_grows_from_16_by_doubling_and_keeps_the_contents)
{
	int *v = NULL;
	size_t cap = 0;
	cr_assert_eq(vt_vec_reserve(&v, &cap, 1, sizeof *v), 0);
	cr_expect_eq(cap, 16);
	for (int i = 0; i < 16; i++)
		v[i] = i;
	cr_assert_eq(vt_vec_reserve(&v, &cap, 17, sizeof *v), 0);
	cr_expect_eq(cap, 32);
	cr_assert_eq(vt_vec_reserve(&v, &cap, 100, sizeof *v), 0);
	cr_expect_eq(cap, 128);
	for (int i = 0; i < 16; i++)
		cr_expect_eq(v[i], i);
	cr_expect_eq(vt_vec_reserve(&v, &cap, 128, sizeof *v), 0, "enough room: nothing to do");
	cr_expect_eq(cap, 128);
	free(v);
}

Test(vec, reserve_refuses_a_size_that_overflows_and_leaves_the_array_alone)
{
	int *v = NULL;
	size_t cap = 0;
	cr_assert_eq(vt_vec_reserve(&v, &cap, 4, sizeof *v), 0);
	int *before = v;
	cr_expect_eq(vt_vec_reserve(&v, &cap, SIZE_MAX / 2 + 2, 1), -1, "count doubling past SIZE_MAX");
	cr_expect_eq(vt_vec_reserve(&v, &cap, SIZE_MAX / 4 + 1, sizeof *v), -1, "bytes past SIZE_MAX");
	cr_expect_eq(v, before);
	cr_expect_eq(cap, 16);
	free(v);
}
