/* vt_oracle: the differential test (random snapshots, reference vs
 * Unicorn, zero differences required) and a one-snapshot mode that prints
 * Unicorn's result as `vmtriage replay --json` would.
 *   vt_oracle [--seed N] [--cases N] [--keep DIR]
 *   vt_oracle --compare SNAPSHOT.json...   (both sides, diffed)
 *   vt_oracle SNAPSHOT.json                (Unicorn's result as JSON) */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"

static int one_file(const char *path)
{
	struct vt_snapshot *s;
	struct vt_error err;
	struct vt_result r;
	char why[256];
	struct vt_json *j;

	if (vt_snapshot_load(path, &s, &err)) {
		fprintf(stderr, "vt_oracle: %s\n", err.msg);
		return 2;
	}
	if (s->input.cpu.r[VT_REG_CR0] & VT_CR0_PG)
		fprintf(stderr, "vt_oracle: %s: Unicorn 2.0.1 ignores guest paging: addresses are not translated\n", path);
	vt_result_init(&r);
	if (oracle_unicorn(s, &r, why, sizeof why)) {
		fprintf(stderr, "vt_oracle: %s: %s\n", path, why);
		vt_snapshot_free(s);
		return 3;
	}
	j = vt_result_json(&r, s->name, NULL);
	vt_json_print(stdout, j, VT_FORMAT_JSON);
	vt_json_free(j);
	vt_result_release(&r);
	vt_snapshot_free(s);
	return 0;
}

/* Unicorn ignores paging: a snapshot with paging is only comparable when
 * the reference gives the same trace with paging switched off. */
static bool identity_mapped(const struct vt_snapshot *s, const struct vt_result *ref)
{
	struct vt_emu_input flat = s->input;
	struct vt_result r;
	struct vt_diff d;
	bool same;

	if (!(flat.cpu.r[VT_REG_CR0] & VT_CR0_PG))
		return true;
	flat.cpu.r[VT_REG_CR0] &= ~VT_CR0_PG;
	vt_result_init(&r);
	struct vt_emu *e = vt_emu_new(&flat, NULL);
	same = e && vt_emu_run(e, &r) == VT_OK &&
	       !vt_result_diff(ref, &r, VT_DIFF_VERDICT | VT_DIFF_ELEMENTS | VT_DIFF_TRACE | VT_DIFF_FAULT, &d);
	vt_emu_free(e);
	vt_result_release(&r);
	return same;
}

/* --compare: snapshot files through both, like the generated cases. */
static int compare_file(const char *path)
{
	struct vt_snapshot *s;
	struct vt_error err;
	struct vt_result ref, uc;
	struct vt_diff d;
	char why[256];
	int rc = 1;

	if (vt_snapshot_load(path, &s, &err)) {
		fprintf(stderr, "vt_oracle: %s\n", err.msg);
		return 1;
	}
	vt_result_init(&ref);
	vt_result_init(&uc);
	snprintf(why, sizeof why, "out of memory");
	if (vt_replay_run(s, 0, &ref, &err)) {
		fprintf(stderr, "vt_oracle: %s: %s\n", path, err.msg);
	} else if (ref.verdict == VT_VERDICT_LIMIT_REACHED) {
		printf("skip %s: stopped at max_elements (Unicorn has no bound)\n", s->name);
		rc = 0;
	} else if (!identity_mapped(s, &ref)) {
		printf("skip %s: non-identity paging (Unicorn 2.0.1 ignores guest page tables)\n", s->name);
		rc = 0;
	} else if (oracle_unicorn(s, &uc, why, sizeof why)) {
		fprintf(stderr, "vt_oracle: %s: %s\n", path, why);
	} else if (vt_result_diff(&ref, &uc, VT_DIFF_VERDICT | VT_DIFF_ELEMENTS | VT_DIFF_TRACE, &d)) {
		fprintf(stderr, "DIFF %s: %s\n", s->name, d.text);
	} else {
		printf("same %s: %llu elements\n", s->name, (unsigned long long)ref.elements);
		rc = 0;
	}
	vt_result_release(&ref);
	vt_result_release(&uc);
	vt_snapshot_free(s);
	return rc;
}

static void keep(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *fp;
	if (!dir)
		return;
	snprintf(path, sizeof path, "%s/%s.json", dir, name);
	if ((fp = fopen(path, "w"))) {
		fputs(text, fp);
		fclose(fp);
	}
}

/* 0 same, 1 different, -1 harness failure. */
static int one_case(uint64_t seed, uint64_t i, const char *keep_dir, int verbose)
{
	cJSON *j = oracle_generate(seed, i);
	char *text = j ? cJSON_Print(j) : NULL;
	struct vt_snapshot *s = NULL;
	struct vt_result ref, uc;
	struct vt_diff d;
	struct vt_error err;
	char why[256];
	int rc = -1;

	vt_result_init(&ref);
	vt_result_init(&uc);
	if (!text || vt_snapshot_parse(text, strlen(text), "generated", NULL, &s, &err)) {
		fprintf(stderr, "case %llu: cannot generate\n", (unsigned long long)i);
		goto out;
	}
	if (vt_replay_run(s, 0, &ref, &err) || oracle_unicorn(s, &uc, why, sizeof why)) {
		fprintf(stderr, "case %llu (%s, %s): %s\n", (unsigned long long)i, s->name,
			vt_mode_name(s->input.cpu.mode), why);
		keep(keep_dir, s->name, text);
		goto out;
	}
	rc = vt_result_diff(&ref, &uc, VT_DIFF_VERDICT | VT_DIFF_ELEMENTS | VT_DIFF_TRACE, &d) ? 1 : 0;
	if (rc || verbose) {
		char hex[64];
		vt_hex_bytes(s->input.inst, s->input.inst_len, ' ', hex, sizeof hex);
		fprintf(rc ? stderr : stdout, "%s %s [%s] %s: %s\n", rc ? "DIFF" : "same", s->name,
			vt_mode_name(s->input.cpu.mode), hex, rc ? d.text : "");
		if (rc)
			keep(keep_dir, s->name, text);
	}
out:
	vt_result_release(&ref);
	vt_result_release(&uc);
	vt_snapshot_free(s);
	free(text);
	cJSON_Delete(j);
	return rc;
}

int main(int argc, char **argv)
{
	uint64_t seed = 1, cases = 3000, diffs = 0, fails = 0;
	const char *keep_dir = NULL;
	int verbose = 0;

	if (argc > 1 && !strcmp(argv[1], "--compare")) {
		int bad = 0;
		for (int i = 2; i < argc; i++)
			bad |= compare_file(argv[i]);
		return bad;
	}
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--cases") && i + 1 < argc)
			cases = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--keep") && i + 1 < argc)
			keep_dir = argv[++i];
		else if (!strcmp(argv[i], "-v"))
			verbose = 1;
		else if (argv[i][0] != '-')
			return one_file(argv[i]);
		else {
			fprintf(stderr, "usage: vt_oracle [--seed N] [--cases N] [--keep DIR] [-v] | SNAPSHOT.json\n");
			return 2;
		}
	}
	for (uint64_t i = 0; i < cases; i++) {
		int r = one_case(seed, i, keep_dir, verbose);
		diffs += r == 1;
		fails += r < 0;
	}
	printf("oracle: seed %llu, %llu cases, %llu compared, %llu differences, %llu harness failures\n",
	       (unsigned long long)seed, (unsigned long long)cases, (unsigned long long)(cases - fails),
	       (unsigned long long)diffs, (unsigned long long)fails);
	return diffs || fails ? 1 : 0;
}
