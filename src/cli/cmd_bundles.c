/* vmtriage bundles: every zone bundle on a sled, read-only: which crashes
 * happened, how often, and what to do. All logic is in the library. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "vmtriage/crash_report.h"
#include "commands.h"
#include "vmtriage/bundles_report.h"
#include "vmtriage/bundles_stats.h"
#include "vmtriage/fleet.h"

enum {
	OPT_EXT = 1, OPT_ZONE, OPT_SINCE, OPT_UNTIL, OPT_CLASS, OPT_VERBOSE, OPT_QUIET, OPT_THREADS,
	OPT_SLED, OPT_RACK, OPT_STATS
};

static const struct cli_option options[] = {
	{ "ext", 0, CLI_ARG, OPT_EXT, "ROOT|none", "archived logs and cores (default: the ext beside an int PATH)" },
	{ "zone", 0, CLI_ARG, OPT_ZONE, "GLOB", "only zones matching GLOB (e.g. 'oxz_propolis-server_*')" },
	{ "since", 0, CLI_ARG, OPT_SINCE, "TIME", "only crashes at or after TIME (RFC 3339 or YYYY-MM-DD)" },
	{ "until", 0, CLI_ARG, OPT_UNTIL, "TIME", "only crashes at or before TIME (a date: to its end)" },
	{ "class", 0, CLI_ARG, OPT_CLASS, "NAME", "only crashes of this class (e.g. string-io)" },
	CLI_ROW_JSON("one JSON report: clusters, crashes, bundles, warnings"),
	CLI_ROW_NDJSON("one crash a line (warnings on stderr)"),
	{ "verbose", 'v', CLI_NO_ARG, OPT_VERBOSE, NULL, "list every crash in the text report" },
	{ "quiet", 'q', CLI_NO_ARG, OPT_QUIET, NULL, "no progress line" },
	{ "stats", 0, CLI_NO_ARG, OPT_STATS, NULL, "say where the time went (bytes and CPU time read, inflated, scanned) on stderr" },
	CLI_ROW_MODEL("say per cluster whether that patch would handle it"),
	CLI_ROW_EXIT_CODE("exit 1 when crashes are found"),
	CLI_ROW_EMIT_SNAPSHOT,
	CLI_ROW_FORCE_SNAPSHOT,
	{ "threads", 'j', CLI_ARG, OPT_THREADS, "N", "threads to read with (default: one per CPU)" },
	{ "sled", 0, CLI_ARG, OPT_SLED, "ID", "label every crash with this sled (default: the host name when no PATH)" },
	{ "rack", 0, CLI_ARG, OPT_RACK, "ID", "label every crash with this rack (default: none)" },
	CLI_ROW_MAX_MEMBER_BYTES("a member"),
	CLI_ROW_COLOR,
	CLI_ROW_HELP,
	CLI_ROW_END,
};

static const char *const synopsis[] = { "[options] [PATH...]", NULL };

struct bundles_state {
	struct vt_bundles_opts opts;
	struct cli_common co;  /* --json, --ndjson, --model, --exit-code, --emit-snapshot, --max-member-bytes, --color, --help */
	bool verbose, quiet;
	char host[VT_FLEET_LABEL_MAX];
	/* progress */
	bool progress_shown;
	struct timespec start, last;
};

/* A bare date is UTC, and --until DATE takes in that whole day. */
static int parse_time(const char *opt, const char *arg, struct vt_timestamp *out)
{
	if (!vt_timestamp_bound(arg, strcmp(opt, "--until") == 0, out))
		return cli_usage_error("bundles", "%s takes an RFC 3339 time or YYYY-MM-DD, not \"%s\"", opt, arg);
	return 0;
}

static int on_option(void *vs, int id, const char *arg)
{
	struct bundles_state *st = vs;
	uint64_t n;
	int rc;
	switch (id) {
	case OPT_EXT: st->opts.ext = strcmp(arg, "none") == 0 ? "" : arg; return 0;
	case OPT_ZONE: st->opts.zone_glob = arg; return 0;
	case OPT_SINCE: return parse_time("--since", arg, &st->opts.since);
	case OPT_UNTIL: return parse_time("--until", arg, &st->opts.until);
	case OPT_CLASS: return cli_class_option("bundles", arg, &st->opts.cls);
	case OPT_VERBOSE: st->verbose = true; return 0;
	case OPT_QUIET: st->quiet = true; return 0;
	case OPT_STATS: st->opts.limits.timing = true; return 0;
	case OPT_THREADS:
		if ((rc = cli_count_option("bundles", "--threads", arg, 1, 256, NULL, &n)) == 0)
			st->opts.threads = (unsigned)n;
		return rc;
	case OPT_SLED: st->opts.sled = arg; return 0;
	case OPT_RACK: st->opts.rack = arg; return 0;
	}
	return VT_EXIT_USAGE;
}

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* Called under the runner's lock: at most ten updates a second. */
static void progress(void *ctx, size_t done, size_t total, uint64_t bytes)
{
	struct bundles_state *st = ctx;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (done < total && st->progress_shown && seconds_between(&st->last, &now) < 0.1)
		return;
	st->last = now;
	double secs = seconds_between(&st->start, &now);
	fprintf(stderr, "\r\033[Kvmtriage: %zu/%zu sources, %.0f MB, %.1f MB/s", done, total, (double)bytes / 1e6,
		secs > 0 ? (double)bytes / 1e6 / secs : 0.0);
	fflush(stderr);
	st->progress_shown = true;
}

static void print_report(struct bundles_state *st, const struct vt_bundles_result *r)
{
	if (st->co.format == VT_FORMAT_TEXT) {
		vt_bundles_report_text(stdout, &st->co.style, r, st->verbose);
	} else if (st->co.format == VT_FORMAT_JSON) {
		vt_bundles_report_print(stdout, r, VT_FORMAT_JSON);
	} else {
		vt_bundles_report_print(stdout, r, VT_FORMAT_NDJSON);
		for (size_t i = 0; i < r->warnings.n; i++)
			cli_warnf("%s: %s", r->warnings.v[i].where, r->warnings.v[i].what);
	}
}

static int emit_snapshots(const char *dir, bool force, const struct vt_bundles_result *r)
{
	int rc = 0;
	for (size_t i = 0; i < r->ncrashes; i++) {
		const struct vt_found *f = &r->crashes[i];
		struct vt_crash_where w = { f->path, f->member, f->zone, f->bundle_id, f->sled, f->rack };
		char from[4096];
		if (!f->crash)
			continue;
		snprintf(from, sizeof from, "%s: %s:%llu", f->path, f->member, (unsigned long long)f->line);
		if (cli_snapshot_emit(dir, f->crash, &w, from, force))
			rc = VT_EXIT_RUNTIME;
	}
	return rc;
}

/* Operands that cannot be read are errors (exit 3), reported before the
 * walk and left out of it; returns how many remain in paths[]. */
static size_t check_operands(char **paths, size_t n, int *rc)
{
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		if (stat(paths[i], &sb) != 0) {
			cli_errorf("bundles: %s: %s", paths[i], strerror(errno));
			*rc = VT_EXIT_RUNTIME;
			continue;
		}
		paths[kept++] = paths[i];
	}
	return kept;
}

static const struct cli_spec spec = {
	.name = "bundles",
	.synopsis = synopsis,
	.description = "Walk zone bundles (default /pool/int), extracted bundles, support bundles and logs,\n"
		       "read-only, and report every unhandled VM exit: clusters by signature with\n"
		       "explanation and advice, bundles with no captured log, and damaged sources.",
	.options = options,
	.handler = on_option,
};

int cmd_bundles(int argc, char **argv)
{
	struct bundles_state st;
	struct vt_bundles_result r;
	struct vt_error err;
	char *default_path[] = { "/pool/int" };
	int nops, rc;

	memset(&st, 0, sizeof st);
	vt_bundles_opts_default(&st.opts);
	if ((rc = cli_parse(&spec, argc, argv, &st, &st.co, &nops)) != 0 || st.co.help)
		return rc;
	st.opts.limits.max_member = st.co.max_member_bytes;
	char **paths = nops ? argv : default_path;
	int missing = 0;
	size_t npaths = check_operands(paths, nops ? (size_t)nops : 1, &missing);
	if (!npaths)
		return missing;
	/* Scanning this host's own /pool/int: the sled is this host. */
	if (!st.opts.sled && !nops && vt_fleet_host_sled(st.host, sizeof st.host))
		st.opts.sled = st.host;
	st.opts.paths = (const char *const *)paths;
	st.opts.npaths = npaths;
	if (!st.quiet && isatty(STDERR_FILENO)) {
		st.opts.progress = progress;
		st.opts.progress_ctx = &st;
		clock_gettime(CLOCK_MONOTONIC, &st.start);
	}
	rc = vt_bundles_run(&st.opts, &r, &err);
	if (st.progress_shown)
		fputs("\r\033[K", stderr);
	if (rc == VT_OK && st.co.model && vt_bundles_assess(&r, st.co.model) != VT_OK)
		rc = vt_error_set(&err, VT_ERR_NOMEM, "out of memory");
	if (rc != VT_OK) {
		cli_errorf("bundles: %s", err.msg);
		vt_bundles_result_release(&r);
		return vt_status_exit(rc);
	}
	print_report(&st, &r);
	if (st.co.snapshot_dir)
		rc = emit_snapshots(st.co.snapshot_dir, st.co.snapshot_force, &r);
	if (st.opts.limits.timing) {
		fflush(stdout);
		vt_bundles_stats_text(stderr, "vmtriage: ", &r);
	}
	rc = missing ? missing : rc ? rc : (st.co.exit_code && r.ncrashes ? VT_EXIT_FOUND : VT_EXIT_OK);
	if (r.damaged) {
		/* The one rule for damaged input (vmtriage(1)): warn, keep what was read, exit 2. */
		cli_warnf("bundles: %zu damaged source%s (see the warnings): crashes before the damage are reported",
			  r.damaged, r.damaged == 1 ? "" : "s");
		rc = rc > VT_EXIT_USAGE ? rc : VT_EXIT_USAGE;
	}
	vt_bundles_result_release(&r);
	return cli_finish_output(rc);
}
