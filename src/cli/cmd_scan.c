/* vmtriage scan: find every unhandled-VM-exit crash in logs. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "vmtriage/crash_report.h"
#include "vmtriage/decompress.h"
#include "vmtriage/scan.h"
#include "vmtriage/source.h"
#include "vmtriage/writefile.h"

enum { OPT_HELP = 1, OPT_JSON, OPT_NDJSON, OPT_EXIT_CODE, OPT_ALL_PANICS, OPT_SNAPSHOT, OPT_COLOR, OPT_MAX_LINE, OPT_MAX_BYTES, OPT_FORCE };

static const struct cli_option options[] = {
	{ "json", 0, CLI_NO_ARG, OPT_JSON, NULL, "a JSON array of crash records" },
	{ "ndjson", 0, CLI_NO_ARG, OPT_NDJSON, NULL, "one JSON crash record a line, as found" },
	{ "all-panics", 'a', CLI_NO_ARG, OPT_ALL_PANICS, NULL, "also report other Rust panics (class other-panic)" },
	{ "exit-code", 0, CLI_NO_ARG, OPT_EXIT_CODE, NULL, "exit 1 when crashes were found" },
	{ "emit-snapshot", 0, CLI_ARG, OPT_SNAPSHOT, "DIR", "write a snapshot skeleton per crash with registers" },
	{ "force", 0, CLI_NO_ARG, OPT_FORCE, NULL, "with --emit-snapshot: replace existing snapshots" },
	{ "max-line", 0, CLI_ARG, OPT_MAX_LINE, "BYTES", "cut longer lines, with a warning (default 1048576)" },
	{ "max-member-bytes", 0, CLI_ARG, OPT_MAX_BYTES, "BYTES", "stop reading a file after BYTES decompressed, with a warning (default 4 GiB; 0: no cap)" },
	{ "color", 0, CLI_ARG, OPT_COLOR, "auto|always|never", "colour the text output (default auto)" },
	{ "help", 'h', CLI_NO_ARG, OPT_HELP, NULL, "show this help" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const char *const synopsis[] = {
	"[options] [FILE...]",
	"[options] < log",
	NULL,
};

struct scan_state {
	struct vt_scan_opts opts;
	enum vt_format format;
	enum cli_color color;
	struct vt_style style;
	bool exit_code;
	const char *snapdir;
	bool force;            /* --emit-snapshot replaces existing files */
	uint64_t max_bytes;    /* decompressed bytes read from one file */
	cJSON *array;          /* --json */
	unsigned found;
	bool help;
	int rc;
};

static int on_option(void *vs, int id, const char *arg)
{
	struct scan_state *st = vs;
	char *end;
	switch (id) {
	case OPT_HELP: st->help = true; return 0;
	case OPT_JSON: st->format = VT_FORMAT_JSON; return 0;
	case OPT_NDJSON: st->format = VT_FORMAT_NDJSON; return 0;
	case OPT_EXIT_CODE: st->exit_code = true; return 0;
	case OPT_ALL_PANICS: st->opts.all_panics = true; return 0;
	case OPT_SNAPSHOT: st->snapdir = arg; return 0;
	case OPT_FORCE: st->force = true; return 0;
	case OPT_MAX_LINE:
		errno = 0;
		st->opts.max_line = (size_t)strtoull(arg, &end, 10);
		if (errno || end == arg || *end || st->opts.max_line < 64)
			return cli_usage_error("scan", "--max-line takes a byte count of at least 64, not \"%s\"", arg);
		return 0;
	case OPT_MAX_BYTES:
		errno = 0;
		st->max_bytes = strtoull(arg, &end, 10);
		if (errno || end == arg || *end || *arg == '-')
			return cli_usage_error("scan", "--max-member-bytes takes a byte count, not \"%s\"", arg);
		return 0;
	case OPT_COLOR:
		return cli_color_option("scan", arg, &st->color);
	}
	return VT_EXIT_USAGE;
}

static void on_warn(void *ctx, const char *source, uint64_t line, const char *msg)
{
	(void)ctx;
	cli_warnf("%s:%llu: %s", source, (unsigned long long)line, msg);
}

static int fill_snapshot(FILE *fp, void *snap)
{
	return vt_json_print(fp, snap, VT_FORMAT_JSON) < 0 ? -1 : 0;
}

static void write_snapshot(struct scan_state *st, const struct vt_crash *c)
{
	char name[VT_SNAPSHOT_NAME_MAX], path[4096];
	struct vt_error err;
	int rc;
	if (!vt_crash_snapshot_ok(c)) {
		const char *why = c->kind != VT_KIND_INST_EMUL ? "not an instruction-emulation exit"
				  : !c->has_inst || c->redacted || !c->ninst ? "no instruction bytes"
				  : "no registers";
		cli_warnf("%s:%llu: no snapshot: %s", c->source, (unsigned long long)c->line, why);
		return;
	}
	/* The source label is the path given: it tells same-named logs apart. */
	vt_snapshot_file_name(c->source, c->source, c->line, c->vcpu, name);
	snprintf(path, sizeof path, "%s/%s.json", st->snapdir, name);
	cJSON *snap = vt_crash_snapshot_json(c, name);
	rc = snap ? vt_write_file_with(path, st->force ? VT_WRITE_REPLACE : 0, fill_snapshot, snap, &err)
		  : vt_error_set(&err, VT_ERR_NOMEM, "%s: out of memory", path);
	if (rc == VT_ERR_INPUT)
		cli_errorf("%s: not replaced (--force replaces it)", err.msg);
	else if (rc != VT_OK)
		cli_errorf("%s", err.msg);
	if (rc != VT_OK)
		st->rc = VT_EXIT_RUNTIME;
	cJSON_Delete(snap);
}

static int on_crash(void *ctx, const struct vt_crash *c)
{
	struct scan_state *st = ctx;
	st->found++;
	if (st->snapdir)
		write_snapshot(st, c);
	if (st->format == VT_FORMAT_TEXT) {
		if (st->found > 1)
			fputc('\n', stdout);
		vt_crash_report_text(stdout, &st->style, c, st->found);
		return 0;
	}
	cJSON *o = vt_crash_report_json(c);
	if (st->array) {
		cJSON_AddItemToArray(st->array, o);
		return 0;
	}
	vt_json_print(stdout, o, st->format);
	cJSON_Delete(o);
	return 0;
}

static void scan_one(struct scan_state *st, struct vt_scanner *sc, const char *path)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *label = is_stdin ? "<stdin>" : path;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
	struct vt_error err;

	if (fd < 0) {
		cli_errorf("%s: %s", path, strerror(errno));
		st->rc = VT_EXIT_RUNTIME;
		return;
	}
	/* A regular file is read up to its size when opened: a log still
	 * being written cannot keep the scan going. */
	struct stat sb;
	struct vt_fd_upto upto;
	struct vt_stream in = vt_stream_fd(&fd);
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && vt_fd_upto_init(&upto, &fd, &err) == VT_OK)
		in = vt_stream_fd_upto(&upto);
	struct vt_decompress *d = vt_decompress_new(in, st->max_bytes, &err);
	if (d) {
		int rc = vt_scan_stream(sc, label, vt_decompress_stream(d), &err);
		if (rc < 0 && err.status == VT_ERR_LIMIT) {
			/* --max-member-bytes or a growing file: a bound, not a
			 * failure; crashes before it were reported. */
			cli_warnf("%s: %s", label, err.msg);
		} else if (rc < 0) {
			cli_errorf("%s: %s", label, err.msg);
			if (vt_status_exit(rc) > st->rc)
				st->rc = vt_status_exit(rc);
		}
		vt_decompress_free(d);
	} else {
		cli_errorf("%s: %s", label, err.msg);
		st->rc = VT_EXIT_RUNTIME;
	}
	if (!is_stdin)
		close(fd);
}

static int prepare_snapdir(const char *dir)
{
	struct stat sb;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		cli_errorf("%s: %s", dir, strerror(errno));
		return VT_EXIT_RUNTIME;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		cli_errorf("%s: not a directory", dir);
		return VT_EXIT_RUNTIME;
	}
	return 0;
}

static int run(struct scan_state *st, int nops, char **ops)
{
	struct vt_error err;
	st->opts.on_crash = on_crash;
	st->opts.on_warn = on_warn;
	st->opts.ctx = st;
	struct vt_scanner *sc = vt_scan_new(NULL, &st->opts, &err);
	if (!sc) {
		cli_errorf("scan: %s", err.msg);
		return VT_EXIT_RUNTIME;
	}
	if (st->format == VT_FORMAT_JSON)
		st->array = cJSON_CreateArray();
	if (nops == 0)
		scan_one(st, sc, "-");
	for (int i = 0; i < nops; i++)
		scan_one(st, sc, ops[i]);
	if (st->array) {
		vt_json_print(stdout, st->array, VT_FORMAT_JSON);
		cJSON_Delete(st->array);
	} else if (st->format == VT_FORMAT_TEXT) {
		struct vt_scan_stats stats;
		vt_scan_stats(sc, &stats);
		printf("%s%u crash%s in %llu source%s\n", st->found ? "\n" : "", st->found,
		       st->found == 1 ? "" : "es", (unsigned long long)stats.sources, stats.sources == 1 ? "" : "s");
	}
	vt_scan_free(sc);
	if (st->rc == VT_EXIT_OK && st->exit_code && st->found)
		return VT_EXIT_FOUND;
	return st->rc;
}

int cmd_scan(int argc, char **argv)
{
	struct scan_state st = { .format = VT_FORMAT_TEXT, .max_bytes = VT_SOURCE_MAX_MEMBER };
	int nops, rc;

	if ((rc = cli_parse("scan", argc, argv, options, on_option, &st, &nops)) != 0)
		return rc;
	if (st.help) {
		cli_usage(stdout, "scan", synopsis,
			  "Find every unhandled-VM-exit crash in propolis, propolis-standalone and\n"
			  "QEMU/KVM logs (plain, gzip, zstd or xz; stdin when no FILE or '-'): one record\n"
			  "per crash with its vCPU, exit kind, bytes, registers, decode and class.",
			  options);
		return cli_finish_output(VT_EXIT_OK);
	}
	st.style = cli_style(st.color);
	if (st.snapdir && (rc = prepare_snapdir(st.snapdir)) != 0)
		return rc;
	return cli_finish_output(run(&st, nops, argv));
}
