/* bundles: the sled walk on the samples: dedupe, ext evidence, damage,
 * filters, determinism across thread counts, JSON fields. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/bundles_json_int.h"

#define S VT_SAMPLES_DIR

static void run(const char *const *paths, size_t n, struct vt_bundles_opts *o, struct vt_bundles_result *r)
{
	struct vt_error err;
	o->paths = paths;
	o->npaths = n;
	cr_assert_eq(vt_bundles_run(o, r, &err), VT_OK, "%s", err.msg);
}

static void run_int(struct vt_bundles_result *r, unsigned threads)
{
	static const char *const paths[] = { S "/pool/int" };
	struct vt_bundles_opts o;
	vt_bundles_opts_default(&o);
	o.threads = threads;
	run(paths, 1, &o, r);
}

static const struct vt_bundle_rec *bundle(const struct vt_bundles_result *r, const char *zone_part)
{
	for (size_t i = 0; i < r->nbundles; i++)
		if (strstr(r->bundles[i].zone, zone_part))
			return &r->bundles[i];
	return NULL;
}

static bool warned(const struct vt_bundles_result *r, const char *where, const char *what)
{
	for (size_t i = 0; i < r->warnings.n; i++)
		if (strstr(r->warnings.v[i].where, where) && strstr(r->warnings.v[i].what, what))
			return true;
	return false;
}

Test(bundles, replicas_on_two_m2_pools_are_one_bundle)
{
	struct vt_bundles_result r;
	run_int(&r, 2);
	cr_expect_eq(r.nbundles, 11);
	const struct vt_bundle_rec *b = bundle(&r, "3b9e5c1a");
	cr_assert_not_null(b);
	cr_expect_eq(b->npaths, 2);
	cr_expect(strstr(b->paths[0], "a462a7f7") && strstr(b->paths[1], "b462a7f7"));
	/* The same crash is in both copies: counted once. */
	size_t n = 0;
	for (size_t i = 0; i < r.ncrashes; i++)
		n += r.crashes[i].bundle_id && strcmp(r.crashes[i].bundle_id, b->bundle_id) == 0;
	cr_expect_eq(n, 1);
	vt_bundles_result_release(&r);
}

Test(bundles, output_is_identical_for_any_thread_count)
{
	char *text[3];
	unsigned threads[] = { 1, 2, 7 };
	for (int k = 0; k < 3; k++) {
		struct vt_bundles_result r;
		run_int(&r, threads[k]);
		cJSON *j = bnd_report_json(&r);
		text[k] = cJSON_PrintUnformatted(j);
		cJSON_Delete(j);
		vt_bundles_result_release(&r);
	}
	cr_expect_str_eq(text[0], text[1]);
	cr_expect_str_eq(text[0], text[2]);
	for (int k = 0; k < 3; k++)
		free(text[k]);
}

Test(bundles, bundle_without_log_gets_ext_evidence_and_cores)
{
	struct vt_bundles_result r;
	run_int(&r, 0);
	const struct vt_bundle_rec *b = bundle(&r, "c0ffee00");
	cr_assert_not_null(b);
	cr_expect_eq(b->logs, 0);
	cr_expect_eq(b->ext_crashes, 1);
	cr_expect_eq(b->next_logs, 2);
	cr_expect_eq(b->ncores, 2);
	cr_expect_eq(b->cores[1].time, 1763995001);
	bool found = false;
	for (size_t i = 0; i < r.ncrashes; i++)
		if (r.crashes[i].evidence == VT_EVIDENCE_EXT_LOG) {
			found = true;
			cr_expect_str_eq(r.crashes[i].zone, b->zone);
			cr_expect_null(r.crashes[i].bundle_id);
			cr_expect_eq(r.crashes[i].cls, VT_CLASS_GARBAGE);
		}
	cr_expect(found);
	vt_bundles_result_release(&r);
}

Test(bundles, ext_none_turns_the_ext_lookup_off)
{
	static const char *const paths[] = { S "/pool/int" };
	struct vt_bundles_opts o;
	struct vt_bundles_result r;
	vt_bundles_opts_default(&o);
	o.ext = "";
	run(paths, 1, &o, &r);
	const struct vt_bundle_rec *b = bundle(&r, "c0ffee00");
	cr_assert_not_null(b);
	cr_expect_eq(b->ncores, 0);
	for (size_t i = 0; i < r.ncrashes; i++)
		cr_expect_neq(r.crashes[i].evidence, VT_EVIDENCE_EXT_LOG);
	vt_bundles_result_release(&r);
}

Test(bundles, detritus_becomes_warnings_and_crashes_before_damage_are_kept)
{
	struct vt_bundles_result r;
	run_int(&r, 0);
	const struct vt_bundle_rec *b = bundle(&r, "deadbeef");
	cr_assert_not_null(b);
	cr_expect(b->damaged);
	cr_expect_eq(b->crashes, 1);
	cr_expect(warned(&r, "60718293", "compressed offset"));
	cr_expect(warned(&r, "71829304", "not a gzip file"));
	cr_expect(warned(&r, "8293a4b5", "empty file"));
	cr_expect(warned(&r, "notes.txt", "stray"));
	cr_expect(warned(&r, "b462a7f7", "partial copy"));
	cr_expect_null(bundle(&r, "badc0de0"), "unreadable files are not bundles");
	vt_bundles_result_release(&r);
}

Test(bundles, metadata_causes_are_kept_as_written)
{
	struct vt_bundles_result r;
	run_int(&r, 0);
	cr_expect_str_eq(bundle(&r, "5d6e7f80")->meta.cause, "explicit_request");
	/* Its propolis log is in it twice (two processes): one crash, not two. */
	cr_expect_eq(bundle(&r, "5d6e7f80")->crashes, 1);
	cr_expect_eq(bundle(&r, "5d6e7f80")->logs, 2);
	cr_expect_str_eq(bundle(&r, "oxz_switch")->meta.cause, "a_cause_from_the_future");
	cr_expect_eq(bundle(&r, "1a2b3c4d")->crashes, 0, "the healthy bundle");
	vt_bundles_result_release(&r);
}

static size_t count_with(const char *zone, const char *since, const char *until, int cls)
{
	static const char *const paths[] = { S "/pool/int" };
	struct vt_bundles_opts o;
	struct vt_bundles_result r;
	vt_bundles_opts_default(&o);
	o.zone_glob = zone;
	o.cls = cls;
	if (since)
		vt_timestamp_bound(since, false, &o.since);
	if (until)
		vt_timestamp_bound(until, true, &o.until);
	run(paths, 1, &o, &r);
	size_t n = r.ncrashes;
	vt_bundles_result_release(&r);
	return n;
}

Test(bundles, filters_select_zone_time_and_class)
{
	cr_expect_eq(count_with(NULL, NULL, NULL, -1), 8);
	cr_expect_eq(count_with("oxz_propolis-server_3b9e*", NULL, NULL, -1), 2);
	cr_expect_eq(count_with("oxz_crucible_*", NULL, NULL, -1), 0);
	cr_expect_eq(count_with(NULL, NULL, NULL, VT_CLASS_STRING_IO), 4);
	cr_expect_eq(count_with(NULL, "2026-01-01", NULL, -1), 6);
	cr_expect_eq(count_with(NULL, NULL, "2024-01-01", -1), 2);
	cr_expect_eq(count_with(NULL, "2026-11-20", "2026-11-21T00:00:00Z", -1), 1);
}

Test(bundles, support_bundles_and_zstd_logs_zip_are_support_evidence)
{
	static const char *const paths[] = { S "/support" };
	struct vt_bundles_opts o;
	struct vt_bundles_result r;
	vt_bundles_opts_default(&o);
	run(paths, 1, &o, &r);
	cr_assert_eq(r.ncrashes, 2);
	for (size_t i = 0; i < r.ncrashes; i++) {
		cr_expect_eq(r.crashes[i].evidence, VT_EVIDENCE_SUPPORT);
		cr_expect_not_null(r.crashes[i].zone);
		cr_expect(strncmp(r.crashes[i].zone, "oxz_propolis-server_", 20) == 0, "%s", r.crashes[i].zone);
	}
	cr_expect_eq(r.nbundles, 0);
	vt_bundles_result_release(&r);
}

Test(bundles, crash_json_has_the_stable_fields)
{
	static const char *const keys[] = { "schema", "path", "member", "line", "end_line", "zone", "bundle_id",
					    "sled", "rack", "time", "time_text", "time_created", "cause", "vcpu",
					    "exit_kind", "bytes", "len", "bytes_printed", "rip", "bits", "mode",
					    "registers", "class", "instruction", "following", "signature",
					    "signature_id", "evidence", NULL };
	struct vt_bundles_result r;
	run_int(&r, 0);
	cr_assert_gt(r.ncrashes, 0);
	for (size_t i = 0; i < r.ncrashes; i++) {
		cJSON *j = bnd_crash_json(&r, i);
		for (int k = 0; keys[k]; k++)
			cr_expect_not_null(cJSON_GetObjectItemCaseSensitive(j, keys[k]), "crash %zu lacks %s", i, keys[k]);
		cJSON *inst = cJSON_GetObjectItemCaseSensitive(j, "bytes");
		if (r.crashes[i].redacted)
			cr_expect(cJSON_IsNull(inst));
		else if (r.crashes[i].has_inst)
			cr_expect(cJSON_IsString(inst), "bytes are a hex string");
		cJSON *regs = cJSON_GetObjectItemCaseSensitive(j, "registers");
		cJSON *rip = cJSON_GetObjectItemCaseSensitive(j, "rip");
		if (cJSON_IsObject(regs) && cJSON_GetObjectItemCaseSensitive(regs, "rip"))
			cr_expect_str_eq(rip->valuestring, cJSON_GetObjectItemCaseSensitive(regs, "rip")->valuestring,
					 "rip agrees with registers.rip");
		cJSON_Delete(j);
	}
	vt_bundles_result_release(&r);
}

Test(bundles, a_missing_operand_is_counted)
{
	static const char *const paths[] = { "/nonexistent-sled/pool/int" };
	struct vt_bundles_opts o;
	struct vt_bundles_result r;
	vt_bundles_opts_default(&o);
	run(paths, 1, &o, &r);
	cr_expect_eq(r.missing, 1);
	cr_expect_eq(r.ncrashes, 0);
	vt_bundles_result_release(&r);
}

/* An extracted bundle whose metadata.toml has its fields, then padding up
 * to `size` bytes of comment lines. */
static void oversized_metadata_bundle(char *root, size_t size)
{
	char path[512];
	strcpy(root, "/tmp/vt-meta-XXXXXX");
	cr_assert_not_null(mkdtemp(root));
	snprintf(path, sizeof path, "%s/oxz_propolis-server_big", root);
	cr_assert_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/oxz_propolis-server_big/metadata.toml", root);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("time_created = \"2026-11-20T10:00:00Z\"\nversion = 0\ncause = \"explicit_request\"\n"
	      "[id]\nzone_name = \"oxz_propolis-server_big\"\n"
	      "bundle_id = \"0e0e0e0e-0000-4000-8000-000000000000\"\n", f);
	for (size_t n = 0; n < size; n += 32)
		fputs("# padding padding padding pad\n", f);
	fclose(f);
}

Test(bundles, an_oversized_metadata_toml_is_read_in_part_with_a_warning)
{
	char root[64], cmd[128];
	oversized_metadata_bundle(root, 40000);
	const char *const paths[] = { root };
	struct vt_bundles_opts o;
	struct vt_bundles_result r;
	vt_bundles_opts_default(&o);
	run(paths, 1, &o, &r);
	cr_assert_eq(r.nbundles, 1);
	cr_expect_str_eq(r.bundles[0].meta.cause, "explicit_request", "the fields before the cut count");
	cr_expect(warned(&r, "big", "metadata.toml: larger than 16384 bytes: only the start is read"));
	cr_expect_eq(r.warnings.n, 1, "the cut falls between lines: no parse error");
	vt_bundles_result_release(&r);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	cr_assert_eq(system(cmd), 0);
}

/* --stats counts a support bundle's zip and an extracted bundle's files
 * too: read is their bytes on disk (a zip member's compressed share),
 * inflated what a zip or a member's gzip gave out. */
Test(bundles, stats_count_zip_and_extracted_bundles)
{
	static const char *const zip[] = { S "/support/support-bundle-9b0c8d7e.zip" };
	struct vt_bundles_opts o;
	struct vt_bundles_result r;
	vt_bundles_opts_default(&o);
	run(zip, 1, &o, &r);
	cr_expect_gt(r.stats.bytes_read, 0);
	cr_expect_leq(r.stats.bytes_read, 5465, "at most the zip's size");
	cr_expect_geq(r.stats.bytes_inflated, r.bytes, "the scanned members were inflated");
	vt_bundles_result_release(&r);

	char root[] = "/tmp/vt-stats-XXXXXX", dir[512], cmd[2048];
	cr_assert_not_null(mkdtemp(root));
	snprintf(dir, sizeof dir, "%s/pool/int/a462a7f7-b628-40fe-80ff-4e4189e2d62b/debug/bundle/zone/"
		 "oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33/e2c1b0a9-1d4f-4b6e-8c3a-5f7e9d2b4a61", root);
	snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cd '%s' && printf 'time_created = \"2026-11-20T10:00:00Z\"\\n"
		 "version = 1\\n' >metadata.toml && cp '%s/logs/propolis-795-bunyan.log' "
		 "'system-illumos-propolis-server:default.log' && gzip -c '%s/logs/propolis-blog-crash2.log' "
		 ">'system-illumos-propolis-server:default.log.1.gz'", dir, dir, S, S);
	cr_assert_eq(system(cmd), 0);
	struct stat log, gz, meta;
	char p[600];
	snprintf(p, sizeof p, "%s/system-illumos-propolis-server:default.log", dir);
	cr_assert_eq(stat(p, &log), 0);
	snprintf(p, sizeof p, "%s/system-illumos-propolis-server:default.log.1.gz", dir);
	cr_assert_eq(stat(p, &gz), 0);
	snprintf(p, sizeof p, "%s/metadata.toml", dir);
	cr_assert_eq(stat(p, &meta), 0);
	snprintf(p, sizeof p, "%s/pool/int", root);
	const char *const tree[] = { p };
	o.ext = "";
	run(tree, 1, &o, &r);
	cr_expect_eq(r.nbundles, 1);
	cr_expect_eq(r.stats.bytes_read, (uint64_t)(log.st_size + gz.st_size + meta.st_size), "every file read whole");
	cr_expect_eq(r.stats.bytes_inflated, 2222, "the .gz member's log (propolis-blog-crash2.log)");
	vt_bundles_result_release(&r);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	cr_assert_eq(system(cmd), 0);
}

/* --stats: bytes always; CPU times only when asked for, split three ways. */
Test(bundles, stats_count_bytes_and_time_only_when_asked)
{
	static const char *const paths[] = { S "/pool/int" };
	struct vt_bundles_opts o;
	struct vt_bundles_result r;
	vt_bundles_opts_default(&o);
	o.threads = 2;
	run(paths, 1, &o, &r);
	cr_expect_gt(r.stats.bytes_read, 0);
	cr_expect_gt(r.stats.bytes_inflated, r.stats.bytes_read, "bundles inflate to more than they hold");
	cr_expect_geq(r.stats.bytes_inflated, r.bytes, "what is scanned was inflated (tar headers are not scanned)");
	cr_expect_eq(r.stats.read_ns + r.stats.inflate_ns + r.stats.scan_ns, 0, "no clock read unless asked");
	cr_expect_eq(r.stats.threads, 2);
	cr_expect_gt(r.stats.wall_ns, 0);
	uint64_t read = r.stats.bytes_read, inflated = r.stats.bytes_inflated;
	vt_bundles_result_release(&r);

	o.limits.timing = true;
	run(paths, 1, &o, &r);
	cr_expect_eq(r.stats.bytes_read, read, "timing changes no count");
	cr_expect_eq(r.stats.bytes_inflated, inflated);
	cr_expect_gt(r.stats.inflate_ns, 0);
	cr_expect_gt(r.stats.scan_ns, 0);
	vt_bundles_result_release(&r);
}
