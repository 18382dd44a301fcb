/* Fleet scale: sled labels, the shipped ClickHouse queries (query
 * parameters bound client side: ClickHouse 18.16 has none), their
 * JSONEachRow answers as rows and as the bundles summary table, and loading
 * `bundles --ndjson` rows (or `--json` reports) into the schema
 * (share/clickhouse/schema.sql). */
#ifndef VMTRIAGE_FLEET_H
#define VMTRIAGE_FLEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "vmtriage/clickhouse.h"
#include "vmtriage/cluster.h"
#include "vmtriage/error.h"
#include "vmtriage/output.h"
#include "vmtriage/warnings.h"

#define VT_FLEET_LABEL_MAX 256
#define VT_FLEET_QUERY_MAX (64u << 10)   /* bytes of one query file */
#define VT_FLEET_REPORT_MAX (256u << 20) /* bytes of one --json report read whole */

/* This host's name: the sled, when scanning the host's own pools. */
bool vt_fleet_host_sled(char *buf, size_t size);

/* A query's answer: columns (the first row's keys, in order) and cells as
 * text, NULL for JSON null. */
struct vt_fleet_rows {
	char **cols;
	size_t ncols;
	char **cells;        /* nrows * ncols, row-major */
	bool *numeric;       /* per cell: the answer had a JSON number */
	size_t nrows;
};

/* JSONEachRow text -> rows. VT_ERR_INPUT with "line N: ..." when a line is
 * not a JSON object. */
int vt_fleet_rows_parse(const char *text, struct vt_fleet_rows *out, struct vt_error *err);
void vt_fleet_rows_release(struct vt_fleet_rows *r);
/* The cell of column `name` in row `row`, or NULL. */
const char *vt_fleet_rows_get(const struct vt_fleet_rows *r, size_t row, const char *name);

/* Answers with "signature" and "count" columns are clusters: the summary
 * table `bundles` prints. Others print as aligned columns. A count, zone
 * count or time that is not one (1e300, -1, "x") is VT_ERR_INPUT. */
bool vt_fleet_rows_are_signatures(const struct vt_fleet_rows *r);
int vt_fleet_rows_clusters(const struct vt_fleet_rows *r, struct vt_cluster **out, size_t *n, struct vt_error *err);
int vt_fleet_rows_text(FILE *fp, const struct vt_style *style, const struct vt_fleet_rows *r, struct vt_error *err);

/* Query parameters, current ClickHouse's syntax {name:Type}, bound here as
 * literals (String, Date, DateTime, UInt64) so 18.16 runs the same files. */
struct vt_fleet_param {
	const char *name, *value;
};
/* "name=value" -> param (pointing into s); false when there is no '='. */
bool vt_fleet_param_parse(char *s, struct vt_fleet_param *p);
int vt_fleet_bind(const char *sql, const struct vt_fleet_param *params, size_t n, char **out, struct vt_error *err);

/* Query `name` (letters, digits, '-' and '_'): the shipped one built into
 * the library when dir is NULL, else <dir>/<name>.sql (at most
 * VT_FLEET_QUERY_MAX bytes); trailing ';' and blanks removed. */
int vt_fleet_query_read(const char *dir, const char *name, char **sql, struct vt_error *err);
/* The i-th shipped query's name (sorted), NULL past the last. */
const char *vt_fleet_query_name(size_t i);
/* The shipped schema (share/clickhouse/schema.sql), built in. */
const char *vt_fleet_schema_sql(void);
/* Create the shipped schema on the server (every statement is IF NOT
 * EXISTS: running it again changes nothing); *statements counts them. */
int vt_fleet_schema_load(const struct vt_clickhouse *c, size_t *statements, struct vt_error *err);
/* Read (dir as for vt_fleet_query_read), bind, run with FORMAT JSONEachRow, parse. */
int vt_fleet_query(const struct vt_clickhouse *c, const char *dir, const char *name,
		   const struct vt_fleet_param *params, size_t n, struct vt_fleet_rows *out, struct vt_error *err);

struct vt_fleet_load_opts {
	const char *sled, *rack;  /* put on rows that have none (NULL: "") */
	const char *database;     /* default "vmtriage" */
	size_t batch_rows;        /* rows per INSERT; default 10000 */
	size_t max_line;          /* longer lines are skipped, with a warning; 0: 1 MiB */
};
struct vt_fleet_load_stats {
	size_t files, crashes, bundles, skipped;
	struct vt_warnings warnings; /* lines skipped; vt_warnings_release() it */
};
void vt_fleet_load_opts_default(struct vt_fleet_load_opts *o);
/* Insert one file ("-": stdin): NDJSON crash rows, or `bundles --json`
 * reports (crashes and bundles), each crash in any form the crash reader
 * takes (crash_read.h) written as exactly the table's columns. Bundle rows
 * are derived from crash rows when the input has none. Malformed input is
 * VT_ERR_INPUT "path:line: ..."; batches before it may have been inserted
 * (re-loading is idempotent). */
int vt_fleet_load_file(const struct vt_clickhouse *c, const char *path, const struct vt_fleet_load_opts *o,
		       struct vt_fleet_load_stats *st, struct vt_error *err);

#endif
