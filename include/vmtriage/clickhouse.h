/* A minimal ClickHouse HTTP client (libcurl): one POST per call, the query
 * in the URL, data in the body, bounded by timeouts and a response cap.
 * Speaks only what ClickHouse 18.16 and current releases both accept. */
#ifndef VMTRIAGE_CLICKHOUSE_H
#define VMTRIAGE_CLICKHOUSE_H

#include <stddef.h>

#include "vmtriage/error.h"

struct vt_clickhouse {
	const char *url;          /* http[s]://[user:password@]host:port/[?database=...] */
	long connect_timeout_ms;  /* default 5000 */
	long timeout_ms;          /* the whole request; default 120000 */
	size_t max_response;      /* bytes kept of an answer; default 64 MiB */
};

void vt_clickhouse_default(struct vt_clickhouse *c, const char *url);

/* Run `query` with `body` (may be NULL) as its data; `settings` are extra
 * URL parameters ("name=value&name=value", may be NULL). On VT_OK *out holds
 * the answer, NUL-terminated (free() it). An HTTP error is VT_ERR_IO with
 * ClickHouse's own message; a URL that is not http(s) is VT_ERR_INPUT.
 * No error message holds the URL's credentials. */
int vt_clickhouse_post(const struct vt_clickhouse *c, const char *query, const char *settings, const char *body,
		       size_t nbody, char **out, size_t *nout, struct vt_error *err);

/* Blot the URL's secrets (user info, password= and user= parameter values)
 * out of msg, a NUL-terminated string of size bytes: every error this
 * client returns has been through it. */
void vt_clickhouse_redact(const char *url, char *msg, size_t size);

#endif
