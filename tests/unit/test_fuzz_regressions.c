/* Regression tests for what the libFuzzer targets (fuzz/) found: one test
 * per finding, named after the bug, each failing on the unfixed code even
 * without a sanitizer. */
#include <criterion/criterion.h>

#include <string.h>

#include "vmtriage/bundle.h"

/* fuzz_metadata: "version = 1" at the very end of a metadata.toml that is not
 * NUL-terminated (bundles reads the member into a fixed buffer) made strtol()
 * read past the text; the digits after the end were taken as the version. */
Test(fuzz_regressions, metadata_version_at_end_of_unterminated_text_stops_at_the_end)
{
	/* version is a top-level key; "[]" takes the parser back to the top
	 * level so it can be the text's last line. */
	const char text[] = "time_created = \"t\"\n[id]\nzone_name = \"oxz_z\"\nbundle_id = \"b\"\n[]\nversion = 1"
			    "2345"; /* beyond n: not part of the text */
	size_t n = sizeof text - 1 - 4;
	struct vt_bundle_meta m;
	struct vt_error err;

	cr_assert_eq(vt_bundle_meta_parse(text, n, &m, &err), VT_OK, "%s", err.msg);
	cr_expect_eq(m.version, 1);
}

Test(fuzz_regressions, metadata_version_out_of_int_range_is_clamped_not_wrapped)
{
	const char *text = "version = 99999999999\n[id]\nzone_name = \"z\"\nbundle_id = \"b\"\n";
	struct vt_bundle_meta m;
	struct vt_error err;

	cr_assert_eq(vt_bundle_meta_parse(text, strlen(text), &m, &err), VT_OK, "%s", err.msg);
	cr_expect_gt(m.version, 0);
}
