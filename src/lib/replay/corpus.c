/* Corpus directories and expectations: listing, selecting, computing,
 * reading, writing and checking `<name>.expect.json`. */
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vmtriage/corpus.h"
#include "vmtriage/replay_report.h"
#include "vmtriage/snapshot.h"
#include "vmtriage/writefile.h"
#include "replay/replay_int.h"
#include "util/json_int.h"
#include "util/util_int.h"

static char *join(const char *dir, const char *name, const char *suffix)
{
	size_t n = strlen(dir) + strlen(name) + strlen(suffix) + 2;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s/%s%s", dir, name, suffix);
	return s;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void case_release(struct vt_corpus_case *k)
{
	if (!k)
		return;
	free(k->name);
	free(k->snapshot);
	free(k->expect);
}

void vt_corpus_free(struct vt_corpus *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		case_release(&c->cases[i]);
	free(c->cases);
	free(c->dir);
	free(c);
}

static int add_case(struct vt_corpus *c, const char *file, size_t *cap)
{
	struct vt_corpus_case k = { 0 };
	size_t stem = strlen(file) - strlen(".json");

	if (util_vec_reserve(&c->cases, cap, c->n + 1, sizeof *c->cases) < 0)
		return VT_ERR_NOMEM;
	if ((k.name = malloc(stem + 1))) {
		memcpy(k.name, file, stem);
		k.name[stem] = '\0';
		k.snapshot = join(c->dir, k.name, ".json");
		k.expect = join(c->dir, k.name, ".expect.json");
	}
	if (!k.name || !k.snapshot || !k.expect) {
		case_release(&k);
		return VT_ERR_NOMEM;
	}
	c->cases[c->n++] = k;
	return VT_OK;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct vt_corpus_case *)a)->name, ((const struct vt_corpus_case *)b)->name);
}

static int scan_dir(struct vt_corpus *c, DIR *d, struct vt_error *err)
{
	size_t cap = 0;
	struct dirent *de;
	int rc = VT_OK;

	while (rc == VT_OK && (de = readdir(d))) {
		const char *f = de->d_name;
		if (f[0] == '.' || !ends_with(f, ".json") || ends_with(f, ".expect.json"))
			continue;
		if (c->n >= VT_CORPUS_MAX_CASES)
			return vt_error_set(err, VT_ERR_LIMIT, "%s: more than %u snapshots", c->dir,
					    VT_CORPUS_MAX_CASES);
		rc = add_case(c, f, &cap);
	}
	return rc ? vt_error_set(err, rc, "out of memory") : VT_OK;
}

int vt_corpus_load(const char *dir, struct vt_corpus **out, struct vt_error *err)
{
	struct vt_corpus *c = calloc(1, sizeof *c);
	DIR *d;
	int rc;

	*out = NULL;
	if (!c || !(c->dir = strdup(dir))) {
		free(c);
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	}
	if (!(d = opendir(dir))) {
		rc = vt_error_set(err, VT_ERR_IO, "%s: %s", dir, strerror(errno));
		vt_corpus_free(c);
		return rc;
	}
	rc = scan_dir(c, d, err);
	closedir(d);
	if (rc == VT_OK && c->n == 0)
		rc = vt_error_set(err, VT_ERR_INPUT, "%s: no snapshots (*.json) in the corpus", dir);
	if (rc) {
		vt_corpus_free(c);
		return rc;
	}
	qsort(c->cases, c->n, sizeof *c->cases, by_name);
	*out = c;
	return VT_OK;
}

static bool named(const char *name, char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

int vt_corpus_select(struct vt_corpus *c, char *const *names, size_t n, struct vt_error *err)
{
	size_t kept = 0;

	for (size_t i = 0; i < n; i++) {
		struct vt_corpus_case key = { .name = names[i] };
		if (!bsearch(&key, c->cases, c->n, sizeof *c->cases, by_name))
			return vt_error_set(err, VT_ERR_INPUT, "%s: no case named \"%s\" (no %s.json)",
					    c->dir, names[i], names[i]);
	}
	for (size_t i = 0; i < c->n; i++) {
		if (named(c->cases[i].name, names, n))
			c->cases[kept++] = c->cases[i];
		else
			case_release(&c->cases[i]);
	}
	c->n = kept;
	return VT_OK;
}

/* The expectation for a snapshot: the reference result as JSON (replay
 * --json), run for at most vt_snapshot_max_elements(snap, max_elements). */
static int expectation(const struct vt_snapshot *snap, uint64_t max_elements, cJSON **out,
		       struct vt_error *err)
{
	struct vt_result r;
	int rc;

	*out = NULL;
	vt_result_init(&r);
	if ((rc = vt_replay_run(snap, max_elements, &r, err)) == VT_OK)
		*out = util_cjson(vt_result_json(&r, snap->name, VT_RESULT_SCHEMA));
	vt_result_release(&r);
	if (rc == VT_OK && !*out)
		rc = vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	return rc;
}

/* Read a whole file ("-": standard input) of at most max bytes.
 * regular_only: a FIFO or device is refused without blocking on it (corpus
 * files come from outside; --from may be a pipe). */
static int slurp(const char *path, size_t max, bool regular_only, char **text, size_t *len,
		 struct vt_error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : -1;

	if (!is_stdin && regular_only) {
		int orc = util_open_regular(path, &fd, err);
		if (orc != VT_OK) {
			vt_error_prefix(err, "%s", path);
			return orc;
		}
	} else if (!is_stdin && (fd = open(path, O_RDONLY | O_NOCTTY)) < 0) {
		return vt_error_set(err, VT_ERR_IO, "%s: %s", path, strerror(errno));
	}
	int rc = util_read_fd(fd, max, text, len);
	if (!is_stdin)
		close(fd);
	if (rc == VT_ERR_NOMEM)
		return vt_error_set(err, rc, "out of memory");
	if (rc == VT_ERR_IO)
		return vt_error_set(err, rc, "%s: read error", path);
	if (rc == VT_ERR_LIMIT)
		return vt_error_set(err, rc, "%s: larger than %zu bytes", path, max);
	return VT_OK;
}

int vt_corpus_read_text(const char *path, size_t max, char **text, size_t *len, struct vt_error *err)
{
	return slurp(path, max, false, text, len, err);
}

/* A regular file of JSON (errors name path:line). */
static int read_json(const char *path, size_t max, cJSON **out, struct vt_error *err)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if ((rc = slurp(path, max, true, &text, &len, err)))
		return rc;
	*out = cJSON_ParseWithLength(text, len);
	if (!*out) {
		const char *at = cJSON_GetErrorPtr();
		size_t line = 1;
		for (const char *p = text; at && p < at && p < text + len; p++)
			line += *p == '\n';
		rc = vt_error_set(err, VT_ERR_INPUT, "%s:%zu: not valid JSON", path, line);
	}
	free(text);
	return rc;
}

/* Load DIR/<name>.expect.json: VT_OK, VT_ERR_IO with *out NULL when it does
 * not exist, VT_ERR_INPUT when it is not JSON. */
static int load_expectation(const struct vt_corpus_case *c, cJSON **out, struct vt_error *err)
{
	if (access(c->expect, F_OK) != 0) {
		*out = NULL;
		return vt_error_set(err, VT_ERR_IO, "%s: no expectation (bless it after review)", c->expect);
	}
	return read_json(c->expect, VT_CORPUS_EXPECT_MAX, out, err);
}

static int print_json_line(FILE *fp, void *ctx)
{
	char *text = cJSON_Print(ctx);
	int rc = text && fprintf(fp, "%s\n", text) >= 0 ? 0 : -1;
	free(text);
	return rc;
}

int vt_corpus_write_expectation(const struct vt_corpus_case *c, const struct vt_json *expect,
				struct vt_error *err)
{
	/* bless replaces the expectation by design, atomically. */
	return vt_write_file_with(c->expect, VT_WRITE_REPLACE, print_json_line,
				  (void *)util_cjson_const(expect), err);
}

static const char *const check_names[] = { "ok", "drift", "missing", "error" };

const char *vt_check_status_name(enum vt_check_status s)
{
	return (unsigned)s <= VT_CHECK_ERROR ? check_names[s] : "?";
}

static void check_error(struct vt_check *out, int status)
{
	out->status = VT_CHECK_ERROR;
	out->error_status = status;
}

void vt_corpus_check_case(const struct vt_corpus_case *c, uint64_t max_elements, struct vt_check *out)
{
	struct vt_snapshot *snap;
	cJSON *fresh = NULL, *stored = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = vt_snapshot_load_regular(c->snapshot, &snap, &out->err))) {
		check_error(out, rc);
		return;
	}
	rc = expectation(snap, max_elements, &fresh, &out->err);
	vt_snapshot_free(snap);
	out->fresh = util_json(fresh);
	if (rc) {
		check_error(out, rc);
		return;
	}
	rc = load_expectation(c, &stored, &out->err);
	out->stored = util_json(stored);
	if (rc) {
		if (access(c->expect, F_OK) != 0)
			out->status = VT_CHECK_MISSING;
		else
			check_error(out, rc);
		return;
	}
	out->status = replay_json_first_diff(stored, fresh, &out->diff) ? VT_CHECK_DRIFT : VT_CHECK_OK;
}

void vt_check_release(struct vt_check *chk)
{
	if (!chk)
		return;
	vt_json_free(chk->fresh);
	vt_json_free(chk->stored);
	memset(chk, 0, sizeof *chk);
}
