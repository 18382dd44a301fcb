/* The shipped schema and queries, built into the library from
 * share/clickhouse by cmake/embed-sql.cmake. */
#ifndef VMTRIAGE_FLEET_BUILTIN_H
#define VMTRIAGE_FLEET_BUILTIN_H

struct vt_fleet_builtin {
	const char *name; /* "top-signatures" */
	const char *sql;
};

extern const char vt_fleet_builtin_schema[];
/* Sorted by name; ends with a NULL name. */
extern const struct vt_fleet_builtin vt_fleet_builtin_queries[];

#endif
