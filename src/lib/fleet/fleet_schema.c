/* The built-in schema into a server over HTTP: one statement a request,
 * since the HTTP interface runs one statement per query. */
#include "vmtriage/fleet.h"

#include <stdlib.h>
#include <string.h>

/* Length of the statement at s (up to its ';' or the end), skipping
 * '...' literals and -- comments, whose ';' do not end it. */
static size_t statement_len(const char *s)
{
	const char *p = s;
	while (*p && *p != ';') {
		if (*p == '\'') {
			for (p++; *p && *p != '\''; p++)
				if (*p == '\\' && p[1])
					p++;
		} else if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
			continue;
		}
		if (*p)
			p++;
	}
	return (size_t)(p - s);
}

/* Whether s[0..n) holds anything but blanks and -- comments. */
static bool has_sql(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '-' && i + 1 < n && s[i + 1] == '-') {
			while (i < n && s[i] != '\n')
				i++;
		} else if (!strchr(" \t\r\n", s[i])) {
			return true;
		}
	}
	return false;
}

int vt_fleet_schema_load(const struct vt_clickhouse *c, size_t *statements, struct vt_error *err)
{
	const char *p = vt_fleet_schema_sql();
	*statements = 0;
	while (*p) {
		size_t n = statement_len(p);
		if (has_sql(p, n)) {
			char *stmt = strndup(p, n), *answer = NULL;
			if (!stmt)
				return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
			int rc = vt_clickhouse_post(c, stmt, NULL, NULL, 0, &answer, NULL, err);
			free(stmt);
			free(answer);
			if (rc != VT_OK) {
				vt_error_prefix(err, "schema");
				return rc;
			}
			(*statements)++;
		}
		p += n + (p[n] == ';');
	}
	return VT_OK;
}
