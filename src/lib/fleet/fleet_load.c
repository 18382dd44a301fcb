/* `fleet load`: crash records into vmtriage.crashes, bundle rows into
 * vmtriage.bundles, in batches over HTTP (JSONEachRow). Lines are read
 * bounded (a 300 MB line is skipped with a warning, not held), bundles
 * found through a hash map. */
#include "vmtriage/fleet.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vmtriage/decode.h"
#include "vmtriage/stream.h"
#include "fleet/fleet_int.h"
#include "util/json_int.h"
#include "util/util_int.h"
#include "report/crash_sign_int.h"
#include "scan/crash_read_int.h"
#include "util/strmap_int.h"

void vt_fleet_load_opts_default(struct vt_fleet_load_opts *o)
{
	memset(o, 0, sizeof *o);
	o->database = "vmtriage";
	o->batch_rows = 10000;
}

struct fleet_bundle {
	char *zone, *id, *created, *cause, *sled;
	size_t crashes;
	bool listed;              /* from a report's "bundles": its own crash count */
};

struct loader {
	const struct vt_clickhouse *c;
	const struct vt_fleet_load_opts *o;
	struct vt_fleet_load_stats *st;
	const char *path;
	struct util_sbuf batch;     /* crash rows not yet sent */
	size_t nbatch;
	struct fleet_bundle *bundles; /* sent at the end of the file */
	size_t nbundles, capbundles;
	struct util_strmap bundle_ix;   /* "zone\x1fid" -> index */
	struct vt_decoder *dec;       /* for scan records, which carry no signature */
	struct vt_crash crash;
	struct vt_crash_rec where;
};

static int send_rows(struct loader *L, const char *table, const char *rows, size_t n, struct vt_error *err)
{
	char query[160], *answer = NULL;
	snprintf(query, sizeof query, "INSERT INTO %s.%s FORMAT JSONEachRow", L->o->database, table);
	int rc = vt_clickhouse_post(L->c, query, "input_format_skip_unknown_fields=1", rows, n, &answer, NULL, err);
	free(answer);
	if (rc != VT_OK)
		vt_error_prefix(err, "%s", L->path);
	return rc;
}

static int flush_crashes(struct loader *L, struct vt_error *err)
{
	int rc = L->nbatch ? send_rows(L, "crashes", L->batch.p, L->batch.n, err) : VT_OK;
	L->batch.n = 0;
	L->nbatch = 0;
	return rc;
}

static char *dup_or_null(const char *s)
{
	return s && s[0] ? strdup(s) : NULL;
}

/* The bundle zone/id, added when new; NULL when out of memory. */
static struct fleet_bundle *bundle(struct loader *L, const char *zone, const char *id)
{
	size_t n = strlen(zone) + strlen(id) + 2, i;
	char *key = malloc(n);
	if (!key)
		return NULL;
	snprintf(key, n, "%s\x1f%s", zone, id);
	i = util_strmap_get(&L->bundle_ix, key);
	if (i == SIZE_MAX && util_vec_reserve(&L->bundles, &L->capbundles, L->nbundles + 1, sizeof *L->bundles) == 0 &&
	    (i = util_strmap_put(&L->bundle_ix, key, L->nbundles)) == L->nbundles) {
		struct fleet_bundle *b = &L->bundles[L->nbundles++];
		memset(b, 0, sizeof *b);
		b->zone = strdup(zone);
		b->id = strdup(id);
	}
	free(key);
	if (i == SIZE_MAX || !L->bundles[i].zone || !L->bundles[i].id)
		return NULL;
	return &L->bundles[i];
}

/* Bundles seen through their crashes (NDJSON has no bundle list). */
static int note_bundle(struct loader *L, const char *sled)
{
	const struct vt_crash_rec *w = &L->where;
	if (!w->zone[0] || !w->bundle_id[0])
		return VT_OK;
	struct fleet_bundle *b = bundle(L, w->zone, w->bundle_id);
	if (!b)
		return VT_ERR_NOMEM;
	if (!b->created && w->time_created[0] && !(b->created = strdup(w->time_created)))
		return VT_ERR_NOMEM;
	if (!b->cause && w->cause[0] && !(b->cause = strdup(w->cause)))
		return VT_ERR_NOMEM;
	if (!b->sled && sled[0] && !(b->sled = strdup(sled)))
		return VT_ERR_NOMEM;
	b->crashes += !b->listed;
	return VT_OK;
}

static int add_crash(struct loader *L, const cJSON *rec, const char *where, struct vt_error *err)
{
	int rc = scan_crash_from_json(rec, &L->crash, &L->where, err);
	if (rc == VT_OK && !L->where.path[0])
		rc = vt_error_set(err, VT_ERR_INPUT, "a crash has no \"path\" (or \"source\", \"member\")");
	if (rc == VT_OK)
		rc = crash_sign_complete(&L->crash, &L->where, &L->dec, err);
	if (rc != VT_OK) {
		if (rc == VT_ERR_INPUT)
			vt_error_prefix(err, "%s%s", L->path, where);
		return rc;
	}
	cJSON *row = fleet_crash_row(&L->crash, &L->where, L->o->sled, L->o->rack);
	char *text = row ? cJSON_PrintUnformatted(row) : NULL;
	if (text) {
		util_sbuf_puts(&L->batch, text);
		util_sbuf_put(&L->batch, "\n", 1);
		rc = note_bundle(L, cJSON_GetObjectItemCaseSensitive(row, "sled")->valuestring);
	}
	cJSON_Delete(row);
	free(text);
	if (!text || L->batch.nomem || rc != VT_OK)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	L->st->crashes++;
	return ++L->nbatch >= L->o->batch_rows ? flush_crashes(L, err) : VT_OK;
}

/* A report's own bundle rows: their crash counts are the report's. */
static int add_listed_bundles(struct loader *L, const cJSON *list, struct vt_error *err)
{
	const cJSON *o;
	size_t i = 0;
	cJSON_ArrayForEach(o, list) {
		const cJSON *zone = cJSON_GetObjectItemCaseSensitive(o, "zone"), *id = cJSON_GetObjectItemCaseSensitive(o, "bundle_id");
		int64_t crashes = 0;
		if (scan_json_int_field(o, "crashes", 0, UINT32_MAX, &crashes, err) < 0) {
			vt_error_prefix(err, "%s: bundles[%zu]", L->path, i);
			return VT_ERR_INPUT;
		}
		i++;
		if (!cJSON_IsString(zone) || !cJSON_IsString(id))
			continue;
		struct fleet_bundle *b = bundle(L, zone->valuestring, id->valuestring);
		if (!b)
			return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		const cJSON *created = cJSON_GetObjectItemCaseSensitive(o, "time_created"), *cause = cJSON_GetObjectItemCaseSensitive(o, "cause");
		if (!b->created && cJSON_IsString(created))
			b->created = dup_or_null(created->valuestring);
		if (!b->cause && cJSON_IsString(cause))
			b->cause = dup_or_null(cause->valuestring);
		b->crashes = (size_t)crashes;
		b->listed = true;
	}
	return VT_OK;
}

/* A --json report: bundles first (crash rows then leave their counts alone). */
static int load_report(struct loader *L, const cJSON *doc, struct vt_error *err)
{
	const cJSON *o;
	char where[48];
	size_t i = 0;
	int rc = add_listed_bundles(L, cJSON_GetObjectItemCaseSensitive(doc, "bundles"), err);
	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(doc, "crashes")) {
		if (rc != VT_OK)
			break;
		snprintf(where, sizeof where, ": crash %zu", i++);
		rc = add_crash(L, o, where, err);
	}
	return rc;
}

static int load_value(struct loader *L, const char *text, size_t n, uint64_t lineno, struct vt_error *err)
{
	char where[32];
	cJSON *v = cJSON_ParseWithLength(text, n);
	int rc;
	snprintf(where, sizeof where, ":%llu", (unsigned long long)lineno);
	if (!cJSON_IsObject(v))
		rc = vt_error_set(err, VT_ERR_INPUT, "%s%s: not a JSON object", L->path, where);
	else if (cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(v, "crashes")))
		rc = load_report(L, v, err);
	else
		rc = add_crash(L, v, where, err);
	cJSON_Delete(v);
	return rc;
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* A pretty-printed report (first line a lone "{"): the rest of it, whole. */
static int load_pretty(struct loader *L, struct vt_lines *lines, struct vt_error *err)
{
	struct util_sbuf text = { 0 };
	const char *line;
	size_t n;
	bool cut;
	int r;
	util_sbuf_puts(&text, "{\n");
	while ((r = vt_lines_next(lines, &line, &n, &cut, err)) > 0 && !text.nomem && text.n <= VT_FLEET_REPORT_MAX) {
		util_sbuf_put(&text, line, n);
		util_sbuf_put(&text, "\n", 1);
	}
	if (r < 0)
		vt_error_prefix(err, "%s", L->path);
	int rc = r < 0 ? VT_ERR_IO
	       : text.nomem ? vt_error_set(err, VT_ERR_NOMEM, "out of memory")
	       : text.n > VT_FLEET_REPORT_MAX ? vt_error_set(err, VT_ERR_LIMIT, "%s: report larger than %u bytes", L->path, VT_FLEET_REPORT_MAX)
					      : load_value(L, text.p, text.n, 1, err);
	free(text.p);
	return rc;
}

static int load_lines(struct loader *L, struct vt_lines *lines, struct vt_error *err)
{
	const char *line;
	size_t n;
	bool cut;
	int r, rc = VT_OK;
	while (rc == VT_OK && (r = vt_lines_next(lines, &line, &n, &cut, err)) > 0) {
		uint64_t lineno = vt_lines_number(lines);
		if (cut) {
			/* A row is a few KB: this is not one; it is not held in memory either. */
			L->st->skipped++;
			if (vt_warnings_add(&L->st->warnings, L->path, "line %llu: longer than %zu bytes: skipped",
					    (unsigned long long)lineno, L->o->max_line ? L->o->max_line : VT_LINE_MAX_DEFAULT) < 0)
				rc = vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		} else if (blank(line, n)) {
			continue;
		} else if (lineno == 1 && n >= 1 && line[0] == '{' && blank(line + 1, n - 1)) {
			return load_pretty(L, lines, err);
		} else {
			rc = load_value(L, line, n, lineno, err);
		}
	}
	if (rc == VT_OK && r < 0) {
		vt_error_prefix(err, "%s", L->path);
		rc = VT_ERR_IO;
	}
	return rc;
}

static int flush_bundles(struct loader *L, struct vt_error *err)
{
	struct util_sbuf rows = { 0 };
	const char *sled = L->o->sled ? L->o->sled : "", *rack = L->o->rack ? L->o->rack : "";
	for (size_t i = 0; i < L->nbundles; i++) {
		const struct fleet_bundle *b = &L->bundles[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "sled", b->sled ? b->sled : sled);
		cJSON_AddStringToObject(o, "rack", rack);
		cJSON_AddStringToObject(o, "zone", b->zone);
		cJSON_AddStringToObject(o, "bundle_id", b->id);
		util_json_add_string_or_null(o, "time_created", b->created);
		util_json_add_string_or_null(o, "cause", b->cause);
		cJSON_AddNumberToObject(o, "crashes", (double)b->crashes);
		char *text = cJSON_PrintUnformatted(o);
		if (text) {
			util_sbuf_puts(&rows, text);
			util_sbuf_put(&rows, "\n", 1);
		}
		rows.nomem |= !text;
		free(text);
		cJSON_Delete(o);
		L->st->bundles++;
	}
	int rc = rows.nomem ? vt_error_set(err, VT_ERR_NOMEM, "out of memory")
	       : rows.n     ? send_rows(L, "bundles", rows.p, rows.n, err)
			    : VT_OK;
	free(rows.p);
	return rc;
}

static void loader_free(struct loader *L)
{
	if (!L)
		return;
	for (size_t i = 0; i < L->nbundles; i++) {
		struct fleet_bundle *b = &L->bundles[i];
		free(b->zone);
		free(b->id);
		free(b->created);
		free(b->cause);
		free(b->sled);
	}
	free(L->bundles);
	util_strmap_release(&L->bundle_ix);
	vt_decoder_free(L->dec);
	free(L->batch.p);
	free(L);
}

int vt_fleet_load_file(const struct vt_clickhouse *c, const char *path, const struct vt_fleet_load_opts *o,
		       struct vt_fleet_load_stats *st, struct vt_error *err)
{
	bool in = strcmp(path, "-") == 0;
	int fd = in ? STDIN_FILENO : open(path, O_RDONLY);
	if (fd < 0)
		return vt_error_set(err, VT_ERR_IO, "%s: %s", path, strerror(errno));
	struct loader *L = calloc(1, sizeof *L);
	struct vt_lines *lines = vt_lines_new(vt_stream_fd(&fd), o->max_line);
	int rc;
	if (!L || !lines) {
		rc = vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	} else {
		*L = (struct loader){ .c = c, .o = o, .st = st, .path = in ? "(stdin)" : path };
		rc = load_lines(L, lines, err);
		if (rc == VT_OK)
			rc = flush_crashes(L, err);
		if (rc == VT_OK)
			rc = flush_bundles(L, err);
	}
	st->files += rc == VT_OK;
	if (!in)
		close(fd);
	vt_lines_free(lines);
	if (L)
		loader_free(L);
	return rc;
}
