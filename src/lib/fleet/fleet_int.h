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

#endif
