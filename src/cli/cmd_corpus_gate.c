/* vmtriage corpus gate / corpus add: thin front ends over corpus.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_corpus.h"
#include "vmtriage/corpus.h"
#include "vmtriage/snapshot.h"
#include "vmtriage/writefile.h"

#define CRASH_JSON_MAX (64u * 1024 * 1024)

static int fill_junit(FILE *fp, void *r)
{
	return vt_gate_junit(fp, r) != 0 ? -1 : 0;
}

/* The report file named by --junit is replaced (atomically) on every run. */
static int write_junit(const char *path, const struct vt_gate_report *r)
{
	struct vt_error err;
	if (strcmp(path, "-") == 0) {
		if (vt_gate_junit(stdout, r) == 0)
			return VT_EXIT_OK;
		cli_errorf("%s: write failed", path);
		return VT_EXIT_RUNTIME;
	}
	if (vt_write_file_with(path, VT_WRITE_REPLACE, fill_junit, (void *)r, &err) != VT_OK) {
		cli_errorf("%s", err.msg);
		return VT_EXIT_RUNTIME;
	}
	return VT_EXIT_OK;
}

/* Reproducible reports: SOURCE_DATE_EPOCH fixes the JUnit timestamp. */
static void fix_timestamp(struct vt_gate_report *r)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	uint64_t t;
	if (s && vt_snapshot_number(s, &t) == 0 && t < (1ull << 40))
		r->timestamp = (long long)t;
}

int corpus_gate(struct corpus_state *st, char **argv, int n)
{
	struct vt_gate_options opt = { st->traces, st->co.model, st->allow_missing, st->co.max_elements };
	struct vt_gate_report rep;
	struct vt_corpus *c;
	struct vt_error err;
	int rc;

	if (!st->traces == !st->co.model)
		return cli_usage_error(st->cmd, "give --traces TDIR or --model NAME (one of them)");
	if ((rc = corpus_open_cases(argv, n, &c)))
		return rc;
	rc = vt_corpus_gate(c, &opt, &rep, &err);
	vt_corpus_free(c);
	if (rc) {
		cli_errorf("%s", err.msg);
		return vt_status_exit(rc);
	}
	fix_timestamp(&rep);
	rc = vt_gate_passed(&rep) ? VT_EXIT_OK : VT_EXIT_FOUND;
	if (st->junit)
		rc = worse_exit(rc, write_junit(st->junit, &rep));
	if (st->co.format == VT_FORMAT_JSON) {
		struct vt_json *o = vt_gate_json(&rep);
		vt_json_print(stdout, o, VT_FORMAT_JSON);
		vt_json_free(o);
	} else {
		vt_gate_text(stdout, &st->co.style, &rep);
	}
	vt_gate_report_release(&rep);
	return cli_finish_output(rc);
}

/* ---- add */

static bool valid_name(const char *s)
{
	if (!*s || *s == '.' || strlen(s) > 200)
		return false;
	for (const char *p = s; *p; p++)
		if (!(*p == '-' || *p == '_' || *p == '.' || (*p >= '0' && *p <= '9') ||
		      (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return false;
	return true;
}

/* "crash-<file stem>-<line>", with characters a file name should not hold dropped. */
static void default_name(const struct vt_crash *crash, const struct vt_crash_rec *w, char *buf, size_t size)
{
	const char *base = w->path[0] ? w->path : "scan";
	size_t o = (size_t)snprintf(buf, size, "crash-");

	if (strrchr(base, '/'))
		base = strrchr(base, '/') + 1;
	for (; *base && *base != '.' && o + 1 < size; base++)
		if (valid_name((char[]){ *base, 0 }))
			buf[o++] = *base;
	snprintf(buf + o, size - o, "-%llu", (unsigned long long)crash->line);
}

static int print_snapshot(FILE *fp, void *snap)
{
	return vt_json_print(fp, snap, VT_FORMAT_JSON);
}

static int write_snapshot(struct corpus_state *st, const char *path, const struct vt_json *snap)
{
	struct vt_error err;
	int rc = vt_write_file_with(path, st->force ? VT_WRITE_REPLACE : 0, print_snapshot, (void *)snap,
				    &err);
	if (rc == VT_ERR_INPUT)
		return cli_usage_error(st->cmd, "%s (--force replaces it)", err.msg);
	if (rc != VT_OK) {
		cli_errorf("%s", err.msg);
		return VT_EXIT_RUNTIME;
	}
	return VT_EXIT_OK;
}

static int add_crash(struct corpus_state *st, const char *dir, const struct vt_crash *crash,
		     const struct vt_crash_rec *w)
{
	struct vt_skeleton sk;
	struct vt_error err;
	char name[256], path[4096];
	int rc;

	if (st->name && !valid_name(st->name))
		return cli_usage_error(st->cmd, "--name \"%s\": use letters, digits, '-', '_' and '.'", st->name);
	if (st->name)
		snprintf(name, sizeof name, "%s", st->name);
	else
		default_name(crash, w, name, sizeof name);
	snprintf(path, sizeof path, "%s/%s.json", dir, name);
	if (!st->force && access(path, F_OK) == 0)
		return cli_usage_error(st->cmd, "%s exists (--force replaces it)", path);
	if ((rc = vt_corpus_skeleton(crash, name, &sk, &err))) {
		cli_errorf("%s: crash %llu: %s", st->from, (unsigned long long)st->index, err.msg);
		return vt_status_exit(rc);
	}
	if ((rc = write_snapshot(st, path, sk.snapshot)) == VT_EXIT_OK) {
		printf("wrote %s\nstill needed before the replay means anything:\n", path);
		for (size_t i = 0; i < sk.nneeds; i++)
			printf("  - %s\n", sk.needs[i]);
		printf("then: vmtriage replay %s, and after review: vmtriage corpus bless %s %s\n", path,
		       dir, name);
	}
	vt_skeleton_release(&sk);
	return rc;
}

int corpus_add(struct corpus_state *st, char **argv, int n)
{
	struct vt_crash *crash;
	struct vt_crash_rec *w;
	struct vt_error err;
	int rc;

	(void)n; /* one DIR: cli_parse checked */
	if (!st->from)
		return cli_usage_error(st->cmd, "--from CRASH.json is required");
	crash = malloc(sizeof *crash);
	w = malloc(sizeof *w);
	if (!crash || !w) {
		cli_errorf("out of memory");
		rc = VT_EXIT_RUNTIME;
	} else if ((rc = vt_corpus_read_crash(st->from, CRASH_JSON_MAX, (size_t)st->index, crash, w, &err))) {
		cli_errorf("%s", err.msg);
		rc = vt_status_exit(rc);
	} else {
		rc = add_crash(st, argv[0], crash, w);
	}
	free(crash);
	free(w);
	return cli_finish_output(rc);
}
