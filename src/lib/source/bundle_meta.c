/* metadata.toml: the TOML subset sled-agent's toml::to_string() writes. */
#include "vmtriage/bundle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* A basic "..." string with the escapes TOML writers use; single-quoted literal strings too. */
static int parse_string(const char *p, const char *end, char *out, size_t size, const char **rest)
{
	char q = *p++;
	size_t o = 0;
	while (p < end && *p != q) {
		char c = *p++;
		if (q == '"' && c == '\\') {
			if (p >= end)
				return -1;
			c = *p++;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case '"': case '\\': break;
			default: return -1; /* \u escapes never occur in these fields */
			}
		}
		if (o + 1 < size)
			out[o++] = c;
	}
	if (p >= end)
		return -1;
	out[o] = '\0';
	*rest = p + 1;
	return 0;
}

struct field {
	const char *table, *key;
	char *str;
	size_t size;
	int *num;
};

static int set_value(struct field *f, size_t nf, const char *table, const char *key, const char *v,
		     const char *end, const char **rest)
{
	char tmp[256];
	for (size_t i = 0; i < nf; i++) {
		if (strcmp(f[i].table, table) || strcmp(f[i].key, key))
			continue;
		if (f[i].str && (*v == '"' || *v == '\''))
			return parse_string(v, end, f[i].str, f[i].size, rest);
		if (f[i].num && ((*v >= '0' && *v <= '9') || *v == '-')) {
			/* The text is not NUL-terminated (a member read into a buffer):
			 * strtol() on it would read past the end, so copy the digits. */
			char num[24], *e;
			size_t len = 0;
			while (v + len < end && len + 1 < sizeof num && (v[len] == '-' || (v[len] >= '0' && v[len] <= '9')))
				len++;
			memcpy(num, v, len);
			num[len] = '\0';
			long n = strtol(num, &e, 10);
			*f[i].num = n > 0x7fffffff ? 0x7fffffff : n < -0x7fffffff ? -0x7fffffff : (int)n;
			*rest = v + (e - num);
			return e > num ? 0 : -1;
		}
		return -1;
	}
	/* Unknown key: skip a string value properly, anything else to the line end. */
	if (*v == '"' || *v == '\'')
		return parse_string(v, end, tmp, sizeof tmp, rest);
	*rest = end;
	return 0;
}

static int parse_line(struct field *f, size_t nf, char *table, size_t tsize, const char *p, const char *end)
{
	p = skip_ws(p, end);
	if (p == end || *p == '#')
		return 0;
	if (*p == '[') {
		const char *close = memchr(p, ']', (size_t)(end - p));
		if (!close)
			return -1;
		snprintf(table, tsize, "%.*s", (int)(close - p - 1), p + 1);
		return 0;
	}
	const char *k = p;
	while (p < end && *p != '=' && *p != ' ' && *p != '\t')
		p++;
	char key[64];
	snprintf(key, sizeof key, "%.*s", (int)(p - k), k);
	p = skip_ws(p, end);
	if (p == end || *p != '=' || !key[0])
		return -1;
	p = skip_ws(p + 1, end);
	if (p == end || set_value(f, nf, table, key, p, end, &p) < 0)
		return -1;
	p = skip_ws(p, end);
	return p == end || *p == '#' ? 0 : -1;
}

int vt_bundle_meta_parse(const char *text, size_t n, struct vt_bundle_meta *m, struct vt_error *err)
{
	struct field f[] = {
		{ "", "time_created", m->time_created, sizeof m->time_created, NULL },
		{ "", "cause", m->cause, sizeof m->cause, NULL },
		{ "", "version", NULL, 0, &m->version },
		{ "id", "zone_name", m->zone, sizeof m->zone, NULL },
		{ "id", "bundle_id", m->bundle_id, sizeof m->bundle_id, NULL },
	};
	char table[64] = "";
	const char *p = text, *end = text + n;
	unsigned line = 0;

	memset(m, 0, sizeof *m);
	m->version = -1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		line++;
		if (le > p && le[-1] == '\r')
			le--;
		if (parse_line(f, sizeof f / sizeof f[0], table, sizeof table, p, le) < 0)
			return vt_error_set(err, VT_ERR_INPUT, "metadata.toml:%u: not the TOML sled-agent writes", line);
		p = nl ? nl + 1 : end;
	}
	if (!m->zone[0] || !m->bundle_id[0])
		return vt_error_set(err, VT_ERR_INPUT, "metadata.toml: [id] lacks zone_name or bundle_id");
	return VT_OK;
}

bool vt_bundle_cause_known(const char *cause)
{
	static const char *const known[] = { "other", "unexpected_zone", "terminated_instance",
					     "explicit_request", NULL };
	for (int i = 0; known[i]; i++)
		if (strcmp(cause, known[i]) == 0)
			return true;
	return false;
}
