/* The shipped schema and queries, built into the library from
 * share/clickhouse by cmake/embed-sql.cmake. */
#ifndef VMTRIAGE_FLEET_INT_H
#define VMTRIAGE_FLEET_INT_H

struct fleet_builtin {
	const char *name; /* "top-signatures" */
	const char *sql;
};

extern const char fleet_builtin_schema[];
/* Sorted by name; ends with a NULL name. */
extern const struct fleet_builtin fleet_builtin_queries[];

/* A crash as a row of vmtriage.crashes (share/clickhouse/schema.sql):
 * labels from the record, else sled/rack (may be NULL), never null. */
struct vt_crash;
struct vt_crash_rec;
struct cJSON;
struct cJSON *fleet_crash_row(const struct vt_crash *c, const struct vt_crash_rec *w, const char *sled,
			      const char *rack);

#endif
