/* merge: reports from several sleds into one; the fleet dedupe key;
 * per-sled counts; merged reports merge again; bad reports. */
#include <criterion/criterion.h>

#include <string.h>

#include "report/bundles_json_int.h"
#include "report/merge_int.h"
#include "util/json_int.h"
#include "vmtriage/merge.h"

#define S VT_SAMPLES_DIR

/* A bundles --json report of the sample sled, optionally one zone glob, labelled. */
static cJSON *report(const char *zone_glob, const char *sled)
{
	static const char *const paths[] = { S "/pool/int" };
	struct vt_bundles_opts o;
	struct vt_bundles_result r;
	struct vt_error err;
	vt_bundles_opts_default(&o);
	o.paths = paths;
	o.npaths = 1;
	o.threads = 1;
	o.zone_glob = zone_glob;
	o.sled = sled;
	o.rack = "rack-1";
	cr_assert_eq(vt_bundles_run(&o, &r, &err), VT_OK, "%s", err.msg);
	cJSON *j = bnd_report_json(&r);
	vt_bundles_result_release(&r);
	return j;
}

static void add(struct vt_merge *m, cJSON *j)
{
	struct vt_error err;
	cr_assert_eq(merge_add_json(m, "test", j, &err), VT_OK, "%s", err.msg);
	cJSON_Delete(j);
}

static void finish(struct vt_merge *m)
{
	struct vt_error err;
	cr_assert_eq(vt_merge_finish(m, &err), VT_OK, "%s", err.msg);
}

static const struct vt_cluster *cluster(const struct vt_merge *m, const char *sig, size_t *index)
{
	for (size_t i = 0; i < m->result.nclusters; i++)
		if (strcmp(m->result.clusters[i].signature, sig) == 0)
			return *index = i, &m->result.clusters[i];
	return NULL;
}

static size_t sled_count(const struct vt_merge *m, size_t c, const char *sled)
{
	for (size_t s = 0; s < m->nsleds; s++)
		if (strcmp(m->sleds[s], sled) == 0)
			return m->per_sled[c * m->nsleds + s];
	return 0;
}

#define OUTSB "InstEmul/string-io/rep outsb dx,[rsi]"

Test(merge, one_report_given_twice_counts_once)
{
	struct vt_merge m;
	vt_merge_init(&m);
	add(&m, report(NULL, "sled-a"));
	add(&m, report(NULL, "sled-a"));
	finish(&m);
	cr_expect_eq(m.reports, 2);
	cr_expect_eq(m.rows, 16);
	cr_expect_eq(m.duplicates, 8);
	cr_expect_eq(m.result.ncrashes, 8);
	cr_expect_eq(m.result.nclusters, 6);
	cr_expect_eq(m.result.nbundles, 11, "bundles are deduplicated by zone and id too");
	vt_merge_release(&m);
}

Test(merge, disjoint_sleds_sum_into_the_same_signatures_with_per_sled_counts)
{
	struct vt_merge m;
	size_t c;
	vt_merge_init(&m);
	add(&m, report("oxz_propolis-server_[0-3]*", "sled-a"));
	add(&m, report("oxz_propolis-server_[4-7]*", "sled-b"));
	add(&m, report("oxz_propolis-server_[89a-f]*", "sled-c"));
	finish(&m);
	cr_expect_eq(m.result.ncrashes, 8);
	cr_expect_eq(m.duplicates, 0);
	cr_assert_eq(m.nsleds, 3);
	cr_expect_str_eq(m.sleds[0], "sled-a");
	const struct vt_cluster *cl = cluster(&m, OUTSB, &c);
	cr_assert_not_null(cl);
	cr_expect_eq(cl->count, 3);
	cr_expect_eq(cl->nzones, 2);
	cr_expect_str_eq(cl->id, "ca8f277c563e", "the signature id is the bundles one");
	cr_expect_eq(sled_count(&m, c, "sled-a"), 2);
	cr_expect_eq(sled_count(&m, c, "sled-b"), 1);
	cr_expect_eq(sled_count(&m, c, "sled-c"), 0);
	vt_merge_release(&m);
}

Test(merge, a_merged_report_merges_again_without_double_counting)
{
	struct vt_merge m, again;
	struct vt_error err;
	vt_merge_init(&m);
	add(&m, report("oxz_propolis-server_[0-3]*", "sled-a"));
	add(&m, report("oxz_propolis-server_[4-7]*", "sled-b"));
	finish(&m);
	cJSON *merged = util_cjson(vt_merge_json(&m));
	cr_expect_not_null(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(merged, "clusters"), 0), "sleds"));
	vt_merge_init(&again);
	cr_assert_eq(merge_add_json(&again, "merged", merged, &err), VT_OK, "%s", err.msg);
	add(&again, report("oxz_propolis-server_[4-7]*", "sled-b"));
	finish(&again);
	cr_expect_eq(again.result.ncrashes, m.result.ncrashes);
	cr_expect_eq(again.result.nclusters, m.result.nclusters);
	cr_expect_eq(again.nsleds, 2, "labels survive a round trip");
	cJSON_Delete(merged);
	vt_merge_release(&m);
	vt_merge_release(&again);
}

static cJSON *crash_row(const char *path, const char *member, int line)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNullToObject(o, "zone");
	cJSON_AddNullToObject(o, "bundle_id");
	cJSON_AddStringToObject(o, "path", path);
	cJSON_AddStringToObject(o, "member", member);
	cJSON_AddNumberToObject(o, "line", line);
	cJSON_AddStringToObject(o, "exit_kind", "Paging");
	cJSON_AddStringToObject(o, "class", "paging");
	cJSON_AddStringToObject(o, "signature", "Paging/paging");
	cJSON_AddStringToObject(o, "evidence", "log");
	return o;
}

static cJSON *report_of(cJSON *crash)
{
	cJSON *r = cJSON_CreateObject(), *a = cJSON_CreateArray();
	cJSON_AddItemToArray(a, crash);
	cJSON_AddItemToObject(r, "crashes", a);
	return r;
}

Test(merge, logs_with_no_zone_or_bundle_are_told_apart_by_path)
{
	struct vt_merge m;
	vt_merge_init(&m);
	add(&m, report_of(crash_row("/a/propolis.log", "propolis.log", 7)));
	add(&m, report_of(crash_row("/b/propolis.log", "propolis.log", 7)));
	add(&m, report_of(crash_row("/b/propolis.log", "propolis.log", 7)));
	finish(&m);
	cr_expect_eq(m.result.ncrashes, 2);
	cr_expect_eq(m.duplicates, 1);
	vt_merge_release(&m);
}

Test(merge, rejects_what_is_not_a_bundles_report)
{
	struct vt_merge m;
	struct vt_error err;
	vt_merge_init(&m);
	cJSON *empty = cJSON_CreateObject();
	cr_expect_eq(merge_add_json(&m, "x.json", empty, &err), VT_ERR_INPUT);
	cr_expect(strstr(err.msg, "x.json") && strstr(err.msg, "crashes"), "%s", err.msg);
	cJSON *row = crash_row("/a/l", "l", 1);
	cJSON_DeleteItemFromObject(row, "path");
	cJSON_DeleteItemFromObject(row, "member");
	cJSON *bad = report_of(row);
	cr_expect_eq(merge_add_json(&m, "y.json", bad, &err), VT_ERR_INPUT);
	cr_expect(strstr(err.msg, "y.json: crash 0: a crash has no \"path\""), "%s", err.msg);
	row = crash_row("/a/l", "l", 1);
	cJSON_ReplaceItemInObject(row, "class", cJSON_CreateString("no-such-class"));
	cJSON *bad2 = report_of(row);
	cr_expect_eq(merge_add_json(&m, "z.json", bad2, &err), VT_ERR_INPUT);
	cr_expect(strstr(err.msg, "no-such-class"), "%s", err.msg);
	cr_expect_eq(vt_merge_add_file(&m, "/nonexistent/r.json", &err), VT_ERR_IO);
	cJSON_Delete(empty);
	cJSON_Delete(bad);
	cJSON_Delete(bad2);
	vt_merge_release(&m);
}
