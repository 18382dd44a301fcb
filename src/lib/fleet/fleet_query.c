/* The shipped queries: read a file, bind, run, parse. */
#include "vmtriage/fleet.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fleet/fleet_int.h"
#include "util/util_int.h"

const char *vt_fleet_query_name(size_t i)
{
	size_t n = 0;
	while (fleet_builtin_queries[n].name)
		n++;
	return i < n ? fleet_builtin_queries[i].name : NULL;
}

const char *vt_fleet_schema_sql(void)
{
	return fleet_builtin_schema;
}

bool vt_fleet_host_sled(char *buf, size_t size)
{
	char host[VT_FLEET_LABEL_MAX];
	if (gethostname(host, sizeof host) != 0)
		return false;
	host[sizeof host - 1] = '\0';
	host[strcspn(host, ".")] = '\0'; /* the short name, as sled-agent logs it */
	snprintf(buf, size, "%s", host);
	return buf[0] != '\0';
}

static bool query_name_ok(const char *name)
{
	size_t n = strlen(name);
	return n && n < 64 &&
	       strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == n;
}

/* One statement: FORMAT is appended after it. */
static void trim_statement(char *buf, size_t n)
{
	while (n && strchr(" \t\r\n;", buf[n - 1]))
		n--;
	buf[n] = '\0';
}

static int read_builtin(const char *name, char **sql, struct vt_error *err)
{
	char known[512] = "";
	size_t at = 0;
	for (size_t i = 0; vt_fleet_query_name(i); i++) {
		if (strcmp(vt_fleet_query_name(i), name) == 0) {
			if (!(*sql = strdup(fleet_builtin_queries[i].sql)))
				return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
			trim_statement(*sql, strlen(*sql));
			return VT_OK;
		}
		if (at < sizeof known)
			at += (size_t)snprintf(known + at, sizeof known - at, "%s%s", i ? ", " : "", vt_fleet_query_name(i));
	}
	return vt_error_set(err, VT_ERR_INPUT, "no query \"%s\" (the shipped ones: %s; --queries DIR for your own)",
			    name, known);
}

static int read_capped(int fd, const char *path, char **out, struct vt_error *err)
{
	size_t n;
	int rc = util_read_fd(fd, VT_FLEET_QUERY_MAX, out, &n);
	if (rc == VT_ERR_IO)
		return vt_error_set(err, VT_ERR_IO, "%s: read error", path);
	if (rc == VT_ERR_LIMIT)
		return vt_error_set(err, VT_ERR_LIMIT, "%s: larger than %u bytes", path, VT_FLEET_QUERY_MAX);
	if (rc != VT_OK)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	trim_statement(*out, n);
	return VT_OK;
}

int vt_fleet_query_read(const char *dir, const char *name, char **sql, struct vt_error *err)
{
	char path[4096];
	*sql = NULL;
	if (!query_name_ok(name))
		return vt_error_set(err, VT_ERR_INPUT, "\"%s\" is not a query name (letters, digits, '-', '_')", name);
	if (!dir)
		return read_builtin(name, sql, err);
	snprintf(path, sizeof path, "%s/%s.sql", dir, name);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return vt_error_set(err, errno == ENOENT ? VT_ERR_INPUT : VT_ERR_IO, "%s: %s", path, strerror(errno));
	int rc = read_capped(fd, path, sql, err);
	close(fd);
	return rc;
}

int vt_fleet_query(const struct vt_clickhouse *c, const char *dir, const char *name,
		   const struct vt_fleet_param *params, size_t n, struct vt_fleet_rows *out, struct vt_error *err)
{
	char *sql = NULL, *bound = NULL, *answer = NULL;
	int rc = vt_fleet_query_read(dir, name, &sql, err);
	memset(out, 0, sizeof *out);
	if (rc == VT_OK && (rc = vt_fleet_bind(sql, params, n, &bound, err)) != VT_OK)
		vt_error_prefix(err, "%s", name);
	if (rc == VT_OK) {
		struct util_sbuf full = { 0 };
		util_sbuf_puts(&full, bound);
		util_sbuf_puts(&full, "\nFORMAT JSONEachRow");
		if (full.nomem)
			rc = vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		/* 64-bit integers bare, not quoted: a count is a JSON integer. */
		else if ((rc = vt_clickhouse_post(c, full.p, "output_format_json_quote_64bit_integers=0", NULL, 0,
						  &answer, NULL, err)) != VT_OK)
			vt_error_prefix(err, "%s", name);
		free(full.p);
	}
	if (rc == VT_OK && (rc = vt_fleet_rows_parse(answer, out, err)) != VT_OK)
		vt_error_prefix(err, "%s: answer", name);
	free(sql);
	free(bound);
	free(answer);
	return rc;
}
