/* `fleet load`: crash rows into vmtriage.crashes, bundle rows into
 * vmtriage.bundles, in batches over HTTP (JSONEachRow). */
#include "vmtriage/fleet.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/util_int.h"

void vt_fleet_load_opts_default(struct vt_fleet_load_opts *o)
{
	memset(o, 0, sizeof *o);
	o->database = "vmtriage";
	o->batch_rows = 10000;
}

struct loader {
	const struct vt_clickhouse *c;
	const struct vt_fleet_load_opts *o;
	struct vt_fleet_load_stats *st;
	const char *path;
	struct util_sbuf batch;     /* crash rows not yet sent */
	size_t nbatch;
	cJSON *bundles;           /* bundle rows, sent at the end of the file */
	char sled[VT_FLEET_LABEL_MAX]; /* for bundle rows: the option's, else the first crash's */
};

/* Fill an empty (absent, null or "") label. */
static void label(cJSON *row, const char *key, const char *value)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(row, key);
	if (!value || (cJSON_IsString(v) && v->valuestring[0]))
		return;
	cJSON_DeleteItemFromObjectCaseSensitive(row, key);
	cJSON_AddStringToObject(row, key, value);
}

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

static const char *str_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static cJSON *find_bundle(cJSON *list, const char *zone, const char *id)
{
	cJSON *b;
	cJSON_ArrayForEach(b, list)
		if (strcmp(str_of(b, "zone"), zone) == 0 && strcmp(str_of(b, "bundle_id"), id) == 0)
			return b;
	return NULL;
}

static void copy_key(cJSON *dst, const cJSON *src, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(src, key);
	cJSON_AddItemToObject(dst, key, v ? cJSON_Duplicate(v, 1) : cJSON_CreateNull());
}

/* A bundle row with only the table's columns. */
static void add_bundle(struct loader *L, const cJSON *src, double crashes)
{
	cJSON *b = cJSON_CreateObject();
	copy_key(b, src, "zone");
	copy_key(b, src, "bundle_id");
	copy_key(b, src, "time_created");
	copy_key(b, src, "cause");
	cJSON_AddNumberToObject(b, "crashes", crashes);
	cJSON_AddItemToArray(L->bundles, b);
}

/* Bundles seen through their crashes (NDJSON has no bundle list). */
static void note_bundle(struct loader *L, const cJSON *row)
{
	const char *zone = str_of(row, "zone"), *id = str_of(row, "bundle_id");
	if (!zone || !id)
		return;
	cJSON *b = find_bundle(L->bundles, zone, id);
	if (b)
		cJSON_SetNumberHelper(cJSON_GetObjectItemCaseSensitive(b, "crashes"),
				      cJSON_GetObjectItemCaseSensitive(b, "crashes")->valuedouble + 1);
	else
		add_bundle(L, row, 1);
}

static int check_row(const struct loader *L, const cJSON *row, size_t lineno, struct vt_error *err)
{
	if (!cJSON_IsObject(row))
		return vt_error_set(err, VT_ERR_INPUT, "%s:%zu: not a JSON object", L->path, lineno);
	if (!str_of(row, "signature") || !str_of(row, "member") ||
	    !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(row, "line")))
		return vt_error_set(err, VT_ERR_INPUT, "%s:%zu: not a vmtriage crash row (signature, member and line are required)",
				    L->path, lineno);
	return VT_OK;
}

static int add_crash(struct loader *L, cJSON *row, size_t lineno, bool derive, struct vt_error *err)
{
	int rc = check_row(L, row, lineno, err);
	if (rc != VT_OK)
		return rc;
	label(row, "sled", L->o->sled);
	label(row, "rack", L->o->rack);
	if (!L->sled[0] && str_of(row, "sled"))
		snprintf(L->sled, sizeof L->sled, "%s", str_of(row, "sled"));
	if (derive)
		note_bundle(L, row);
	/* Schema 2's instruction is an object: the table keeps its text. */
	cJSON *insn = cJSON_GetObjectItemCaseSensitive(row, "instruction");
	if (cJSON_IsObject(insn)) {
		const char *t = str_of(insn, "text");
		cJSON_ReplaceItemInObjectCaseSensitive(row, "instruction", t ? cJSON_CreateString(t) : cJSON_CreateNull());
	}
	char *text = cJSON_PrintUnformatted(row);
	if (!text)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	util_sbuf_puts(&L->batch, text);
	util_sbuf_put(&L->batch, "\n", 1);
	free(text);
	L->st->crashes++;
	if (L->batch.nomem)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	return ++L->nbatch >= L->o->batch_rows ? flush_crashes(L, err) : VT_OK;
}

static int flush_bundles(struct loader *L, struct vt_error *err)
{
	struct util_sbuf rows = { 0 };
	cJSON *b;
	const char *sled = L->o->sled ? L->o->sled : L->sled[0] ? L->sled : NULL;
	cJSON_ArrayForEach(b, L->bundles) {
		label(b, "sled", sled);
		label(b, "rack", L->o->rack);
		char *text = cJSON_PrintUnformatted(b);
		if (text) {
			util_sbuf_puts(&rows, text);
			util_sbuf_put(&rows, "\n", 1);
		}
		free(text);
		L->st->bundles++;
	}
	int rc = rows.nomem ? vt_error_set(err, VT_ERR_NOMEM, "out of memory")
	       : rows.n     ? send_rows(L, "bundles", rows.p, rows.n, err)
			    : VT_OK;
	free(rows.p);
	return rc;
}

/* A `bundles --json` report: read whole (a documented cap), then its arrays. */
static int load_report(struct loader *L, FILE *fp, struct vt_error *err)
{
	struct util_sbuf text = { 0 };
	char chunk[65536];
	size_t n;
	util_sbuf_puts(&text, "{");
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 && text.n <= VT_FLEET_REPORT_MAX)
		util_sbuf_put(&text, chunk, n);
	int rc = VT_OK;
	cJSON *doc = NULL, *row;
	if (text.nomem)
		rc = vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	else if (text.n > VT_FLEET_REPORT_MAX)
		rc = vt_error_set(err, VT_ERR_LIMIT, "%s: report larger than %u bytes", L->path, VT_FLEET_REPORT_MAX);
	else if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(doc = cJSON_Parse(text.p), "crashes")))
		rc = vt_error_set(err, VT_ERR_INPUT, "%s: not a vmtriage bundles --json report", L->path);
	free(text.p);
	const cJSON *crashes = rc == VT_OK ? cJSON_GetObjectItemCaseSensitive(doc, "crashes") : NULL;
	size_t i = 0;
	cJSON_ArrayForEach(row, crashes) {
		if ((rc = add_crash(L, row, ++i, false, err)) != VT_OK)
			break;
	}
	const cJSON *bundles = rc == VT_OK ? cJSON_GetObjectItemCaseSensitive(doc, "bundles") : NULL;
	cJSON_ArrayForEach(row, bundles)
		if (str_of(row, "zone") && str_of(row, "bundle_id"))
			add_bundle(L, row, cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(row, "crashes")));
	cJSON_Delete(doc);
	return rc;
}

static bool blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

/* NDJSON, unless the first line is a lone "{" (a pretty report). */
static int load_stream(struct loader *L, FILE *fp, struct vt_error *err)
{
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	int rc = VT_OK;
	while (rc == VT_OK && getline(&line, &cap, fp) >= 0) {
		lineno++;
		if (blank(line))
			continue;
		if (lineno == 1 && strspn(line, "{ \t\r\n") == strlen(line)) {
			rc = load_report(L, fp, err);
			break;
		}
		cJSON *row = cJSON_Parse(line);
		rc = add_crash(L, row, lineno, true, err);
		cJSON_Delete(row);
	}
	if (rc == VT_OK && ferror(fp))
		rc = vt_error_set(err, VT_ERR_IO, "%s: %s", L->path, strerror(errno));
	free(line);
	return rc;
}

int vt_fleet_load_file(const struct vt_clickhouse *c, const char *path, const struct vt_fleet_load_opts *o,
		       struct vt_fleet_load_stats *st, struct vt_error *err)
{
	struct loader L = { .c = c, .o = o, .st = st, .path = strcmp(path, "-") == 0 ? "(stdin)" : path };
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!fp)
		return vt_error_set(err, VT_ERR_IO, "%s: %s", path, strerror(errno));
	if (!(L.bundles = cJSON_CreateArray())) {
		if (fp != stdin)
			fclose(fp);
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	}
	int rc = load_stream(&L, fp, err);
	if (rc == VT_OK)
		rc = flush_crashes(&L, err);
	if (rc == VT_OK)
		rc = flush_bundles(&L, err);
	st->files += rc == VT_OK;
	if (fp != stdin)
		fclose(fp);
	free(L.batch.p);
	cJSON_Delete(L.bundles);
	return rc;
}
