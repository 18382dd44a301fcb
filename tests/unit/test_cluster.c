/* cluster: instruction forms, signatures, stable hashes, deterministic groups. */
#include <criterion/criterion.h>

#include <string.h>

#include "vmtriage/cluster.h"

static void form(const char *in, const char *want)
{
	char out[160];
	vt_cluster_form(in, out, sizeof out);
	cr_expect_str_eq(out, want, "form of \"%s\"", in);
}

Test(cluster, forms_drop_sizes_spaces_and_numbers)
{
	form("rep outsb dx, byte ptr [rsi]", "rep outsb dx,[rsi]");
	form("rep insd dword ptr [rdi], dx", "rep insd [rdi],dx");
	form("mov dword ptr [rax + 0x10], ecx", "mov [rax+N],ecx");
	form("mov r8d, dword ptr [r10 - 8]", "mov r8d,[r10-N]");
	form("lock add qword ptr fs:[rbx], 1", "lock add fs:[rbx],N");
	form("hlt", "hlt");
	form("", "");
}

Test(cluster, signature_has_the_form_only_where_the_class_needs_it)
{
	char sig[224];
	vt_cluster_signature(VT_KIND_INST_EMUL, VT_CLASS_STRING_IO, "rep outsb dx,[rsi]", sig, sizeof sig);
	cr_expect_str_eq(sig, "InstEmul/string-io/rep outsb dx,[rsi]");
	vt_cluster_signature(VT_KIND_INST_EMUL, VT_CLASS_GARBAGE, "push rdi", sig, sizeof sig);
	cr_expect_str_eq(sig, "InstEmul/garbage");
	vt_cluster_signature(VT_KIND_PAGING, VT_CLASS_PAGING, "", sig, sizeof sig);
	cr_expect_str_eq(sig, "Paging/paging");
}

Test(cluster, hash_is_stable_across_runs_and_builds)
{
	char id[16];
	/* A fixed value: changing it breaks comparisons with older reports. */
	vt_cluster_hash("InstEmul/string-io/rep outsb dx,[rsi]", NULL, 0, id);
	cr_expect_str_eq(id, "ca8f277c563e");
	cr_expect_eq(strlen(id), 12);
	char id2[16];
	const uint8_t b[] = { 0xf3, 0x6e };
	vt_cluster_hash("InstEmul/string-io/rep outsb dx,[rsi]", b, 2, id2);
	cr_expect_str_neq(id, id2);
}

/* Issue 15: first_seen had whole seconds while time had nanoseconds. */
Test(cluster, first_and_last_seen_keep_the_fraction_the_logs_printed)
{
	struct vt_cluster_input in[] = {
		{ "S/x", VT_KIND_INST_EMUL, VT_CLASS_STRING_IO, "x", "z", "z/b1", 100, NULL, 0, false,
		  { .sec = 100, .nsec = 500000000, .digits = 3, .known = true } },
		{ "S/x", VT_KIND_INST_EMUL, VT_CLASS_STRING_IO, "x", "z", "z/b2", 100, NULL, 0, false,
		  { .sec = 100, .nsec = 250000000, .digits = 3, .known = true } },
	};
	struct vt_cluster *c;
	size_t n;
	cr_assert_eq(vt_cluster_build(in, 2, &c, &n), 0);
	cr_expect_eq(c[0].first_at.nsec, 250000000, "ordered within the second");
	cr_expect_eq(c[0].last_at.nsec, 500000000);
	cr_expect_eq(c[0].last_at.digits, 3);
	vt_cluster_free(c, n);
}

Test(cluster, clusters_are_ordered_by_count_then_signature_with_variants)
{
	const uint8_t a[] = { 0xf3, 0x6e, 0xeb }, b[] = { 0xf3, 0x6e, 0x90 };
	struct vt_cluster_input in[] = {
		{ "Paging/paging", VT_KIND_PAGING, VT_CLASS_PAGING, "", "z1", "z1/b1", 100, NULL, 0, false, { 0 } },
		{ "S/x", VT_KIND_INST_EMUL, VT_CLASS_STRING_IO, "x", "z2", "z2/b2", 300, a, 3, false, { 0 } },
		{ "S/x", VT_KIND_INST_EMUL, VT_CLASS_STRING_IO, "x", "z1", "z1/b1", 200, b, 3, false, { 0 } },
		{ "S/x", VT_KIND_INST_EMUL, VT_CLASS_STRING_IO, "x", "z2", "z2/b3", VT_TIME_UNKNOWN, a, 3, false, { 0 } },
		{ "A/first", VT_KIND_INST_EMUL, VT_CLASS_REDACTED, "", NULL, "p", VT_TIME_UNKNOWN, NULL, 0, true, { 0 } },
	};
	struct vt_cluster *c;
	size_t n;
	cr_assert_eq(vt_cluster_build(in, 5, &c, &n), 0);
	cr_assert_eq(n, 3);
	cr_expect_str_eq(c[0].signature, "S/x");
	cr_expect_eq(c[0].count, 3);
	cr_expect_eq(c[0].nzones, 2);
	cr_expect_eq(c[0].nbundles, 3);
	cr_expect_eq(c[0].first, 200);
	cr_expect_eq(c[0].last, 300);
	cr_expect(c[0].first_at.known && c[0].first_at.sec == 200, "seconds alone still place a crash");
	cr_expect_eq(c[0].crashes[0], 1);
	cr_expect_eq(c[0].crashes[2], 3);
	cr_assert_eq(c[0].nvariants, 2);
	cr_expect_eq(c[0].variants[0].count, 2);
	cr_expect_eq(c[0].variants[0].bytes[2], 0xeb);
	/* Ties on count: by signature. */
	cr_expect_str_eq(c[1].signature, "A/first");
	cr_expect_eq(c[1].first, VT_TIME_UNKNOWN);
	cr_expect_eq(c[1].nzones, 0);
	cr_expect(c[1].variants[0].redacted);
	cr_expect_str_eq(c[2].signature, "Paging/paging");
	vt_cluster_free(c, n);
}

Test(cluster, no_crashes_no_clusters)
{
	struct vt_cluster *c;
	size_t n = 9;
	cr_assert_eq(vt_cluster_build(NULL, 0, &c, &n), 0);
	cr_expect_eq(n, 0);
	vt_cluster_free(c, n);
}
