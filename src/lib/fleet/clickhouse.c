/* ClickHouse over HTTP with libcurl. */
#include "vmtriage/clickhouse.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "util/util_int.h"

void vt_clickhouse_default(struct vt_clickhouse *c, const char *url)
{
	c->url = url;
	c->connect_timeout_ms = 5000;
	c->timeout_ms = 120000;
	c->max_response = 64u << 20;
}

struct answer {
	struct util_sbuf text;
	size_t max;
	bool overflow;
};

static size_t on_data(char *data, size_t size, size_t nmemb, void *ctx)
{
	struct answer *a = ctx;
	size_t len = size * nmemb;
	if (len + 1 > a->max - a->text.n) {
		a->overflow = true;
		return 0; /* aborts the transfer */
	}
	util_sbuf_put(&a->text, data, len);
	return a->text.nomem ? 0 : len;
}

/* base + ?|& + query=<escaped> [+ & settings] */
static char *build_url(CURL *h, const char *base, const char *query, const char *settings)
{
	char *q = curl_easy_escape(h, query, 0);
	if (!q)
		return NULL;
	size_t n = strlen(base) + strlen(q) + (settings ? strlen(settings) : 0) + 16;
	char *url = malloc(n);
	if (url)
		snprintf(url, n, "%s%squery=%s%s%s", base, strchr(base, '?') ? "&" : "?", q,
			 settings && *settings ? "&" : "", settings ? settings : "");
	curl_free(q);
	return url;
}

/* ClickHouse's error text: its first line, without the stack trace. */
static int http_error(struct vt_error *err, long code, const struct answer *a)
{
	const char *msg = a->text.p ? a->text.p : "";
	size_t n = strcspn(msg, "\n");
	return vt_error_set(err, VT_ERR_IO, "ClickHouse answered HTTP %ld: %.*s", code, (int)(n > 400 ? 400 : n), msg);
}

/* Replace every occurrence of s[0..n) in the string buf (of size bytes)
 * with "***", cutting the end if it no longer fits. */
static void blot(char *buf, size_t size, const char *s, size_t n)
{
	size_t len = strlen(buf);
	for (size_t i = 0; n && i + n <= len;) {
		if (memcmp(buf + i, s, n) != 0) {
			i++;
			continue;
		}
		size_t tail = len - i - n; /* bytes after the secret */
		if (i + 3 + tail + 1 > size)
			tail = size > i + 4 ? size - i - 4 : 0;
		if (i + 3 >= size) {
			buf[i] = '\0';
			return;
		}
		memmove(buf + i + 3, buf + i + n, tail);
		memcpy(buf + i, "***", 3);
		len = i + 3 + tail;
		buf[len] = '\0';
		i += 3;
	}
}

/* The secrets a URL holds: its user info ("user:password@"), and the
 * value of every password= (or user=) parameter; each blotted from msg. */
void vt_clickhouse_redact(const char *url, char *msg, size_t size)
{
	const char *auth = strstr(url ? url : "", "://");
	if (!auth)
		return;
	auth += 3;
	size_t alen = strcspn(auth, "/?#");
	const char *at = NULL;
	for (const char *p = auth; p < auth + alen; p++)
		if (*p == '@')
			at = p;
	if (at) {
		const char *colon = memchr(auth, ':', (size_t)(at - auth));
		blot(msg, size, auth, (size_t)(at - auth));
		if (colon) /* the password alone, wherever a message put it */
			blot(msg, size, colon + 1, (size_t)(at - colon - 1));
	}
	for (const char *p = strchr(auth, '?'); p && (*p == '?' || *p == '&');) {
		size_t n = strcspn(++p, "&#");
		if (strncasecmp(p, "password=", 9) == 0)
			blot(msg, size, p + 9, n - 9);
		else if (strncasecmp(p, "user=", 5) == 0)
			blot(msg, size, p + 5, n - 5);
		p += n;
	}
}

static int check_url(const char *url, struct vt_error *err)
{
	if (!url || (strncasecmp(url, "http://", 7) != 0 && strncasecmp(url, "https://", 8) != 0))
		return vt_error_set(err, VT_ERR_INPUT, "%s: not an http:// or https:// URL", url ? url : "(none)");
	return VT_OK;
}

static void set_options(CURL *h, const struct vt_clickhouse *c, const char *url, const char *body, size_t nbody,
			struct answer *a, char *errbuf, struct curl_slist *headers)
{
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_POST, 1L);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body ? body : "");
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(body ? nbody : 0));
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, a);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->timeout_ms);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L); /* timeouts without SIGALRM: threads may call us */
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85 replaced the bit mask */
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
}

int vt_clickhouse_post(const struct vt_clickhouse *c, const char *query, const char *settings, const char *body,
		       size_t nbody, char **out, size_t *nout, struct vt_error *err)
{
	struct answer a = { .max = c->max_response };
	char errbuf[CURL_ERROR_SIZE] = "";
	long code = 0;
	int rc;

	*out = NULL;
	if ((rc = check_url(c->url, err)) != VT_OK) {
		if (err)
			vt_clickhouse_redact(c->url, err->msg, sizeof err->msg);
		return rc;
	}
	CURL *h = curl_easy_init();
	char *url = h ? build_url(h, c->url, query, settings) : NULL;
	if (!url) {
		curl_easy_cleanup(h);
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	}
	/* No "Expect: 100-continue": one round trip less for every batch. */
	struct curl_slist *headers = curl_slist_append(NULL, "Expect:");
	set_options(h, c, url, body, nbody, &a, errbuf, headers);
	CURLcode cc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (a.overflow)
		rc = vt_error_set(err, VT_ERR_LIMIT, "%s: answer larger than %zu bytes", c->url, c->max_response);
	else if (cc != CURLE_OK)
		rc = vt_error_set(err, VT_ERR_IO, "%s: %s", c->url, errbuf[0] ? errbuf : curl_easy_strerror(cc));
	else if (code != 200)
		rc = http_error(err, code, &a);
	curl_easy_cleanup(h);
	curl_slist_free_all(headers);
	free(url);
	if (rc != VT_OK) {
		free(a.text.p);
		if (err) /* connection, timeout and size errors print the URL */
			vt_clickhouse_redact(c->url, err->msg, sizeof err->msg);
		return rc;
	}
	*out = a.text.p ? a.text.p : calloc(1, 1);
	if (nout)
		*nout = a.text.n;
	return *out ? VT_OK : vt_error_set(err, VT_ERR_NOMEM, "out of memory");
}
