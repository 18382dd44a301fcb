/* Query parameters: {name:Type} in a query file becomes a literal. Current
 * ClickHouse would bind them itself; 18.16 cannot, so we always do, with
 * values checked against their type and strings escaped. */
#include "vmtriage/fleet.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "vmtriage/bundle.h"
#include "util/util_int.h"

bool vt_fleet_param_parse(char *s, struct vt_fleet_param *p)
{
	char *eq = strchr(s, '=');
	if (!eq || eq == s)
		return false;
	*eq = '\0';
	p->name = s;
	p->value = eq + 1;
	return true;
}

static const char *lookup(const struct vt_fleet_param *v, size_t n, const char *name, size_t len)
{
	for (size_t i = n; i-- > 0;) /* the last one given wins */
		if (strlen(v[i].name) == len && strncmp(v[i].name, name, len) == 0)
			return v[i].value;
	return NULL;
}

static int string_literal(struct util_sbuf *b, const char *v, struct vt_error *err)
{
	util_sbuf_put(b, "'", 1);
	for (const char *p = v; *p; p++) {
		if ((unsigned char)*p < 0x20)
			return vt_error_set(err, VT_ERR_INPUT, "control character in a String parameter");
		if (*p == '\\' || *p == '\'')
			util_sbuf_put(b, "\\", 1);
		util_sbuf_put(b, p, 1);
	}
	util_sbuf_put(b, "'", 1);
	return VT_OK;
}

static bool all_digits(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s) && strlen(s) <= 20;
}

/* One {name:Type} with its value. */
static int literal(struct util_sbuf *b, const char *name, const char *type, const char *v, struct vt_error *err)
{
	char buf[64];
	int64_t t;
	if (strcmp(type, "String") == 0)
		return string_literal(b, v, err);
	if (strncmp(type, "UInt", 4) == 0 && all_digits(type + 4)) {
		if (!all_digits(v))
			return vt_error_set(err, VT_ERR_INPUT, "parameter %s: \"%s\" is not a %s", name, v, type);
		util_sbuf_puts(b, v);
		return VT_OK;
	}
	bool date = strcmp(type, "Date") == 0;
	if (!date && strcmp(type, "DateTime") != 0)
		return vt_error_set(err, VT_ERR_INPUT, "parameter %s: type %s is not supported", name, type);
	if (!vt_bundle_time_parse(v, &t))
		return vt_error_set(err, VT_ERR_INPUT, "parameter %s: \"%s\" is not a date (YYYY-MM-DD or RFC 3339)", name, v);
	vt_bundle_time_format(t, buf, sizeof buf); /* 2023-08-18T18:51:13Z */
	char expr[96];
	if (date)
		snprintf(expr, sizeof expr, "toDate('%.10s')", buf);
	else
		snprintf(expr, sizeof expr, "toDateTime('%.10s %.8s', 'UTC')", buf, buf + 11);
	util_sbuf_puts(b, expr);
	return VT_OK;
}

/* At a '{': a placeholder's length, or 0 when it is not one. */
static size_t placeholder(const char *p, size_t *name_len, const char **type, size_t *type_len)
{
	size_t i = 1;
	if (!(isalpha((unsigned char)p[i]) || p[i] == '_'))
		return 0;
	while (isalnum((unsigned char)p[i]) || p[i] == '_')
		i++;
	*name_len = i - 1;
	if (p[i++] != ':')
		return 0;
	*type = p + i;
	while (isalnum((unsigned char)p[i]))
		i++;
	*type_len = (size_t)(p + i - *type);
	return p[i] == '}' && *type_len ? i + 1 : 0;
}

/* Literals and comments pass through untouched. */
static size_t verbatim(const char *p)
{
	if (p[0] == '-' && p[1] == '-')
		return strcspn(p, "\n");
	if (p[0] != '\'')
		return 0;
	size_t i = 1;
	while (p[i] && p[i] != '\'')
		i += p[i] == '\\' && p[i + 1] ? 2 : 1;
	return p[i] ? i + 1 : i;
}

static int bind_one(struct util_sbuf *b, const char *p, size_t nl, const char *type, size_t tl,
		    const struct vt_fleet_param *params, size_t n, struct vt_error *err)
{
	char name[64], ty[32];
	snprintf(name, sizeof name, "%.*s", (int)(nl < 63 ? nl : 63), p + 1);
	snprintf(ty, sizeof ty, "%.*s", (int)(tl < 31 ? tl : 31), type);
	const char *v = lookup(params, n, p + 1, nl);
	if (!v)
		return vt_error_set(err, VT_ERR_INPUT, "the query needs --param %s=VALUE (%s)", name, ty);
	return literal(b, name, ty, v, err);
}

int vt_fleet_bind(const char *sql, const struct vt_fleet_param *params, size_t n, char **out, struct vt_error *err)
{
	struct util_sbuf b = { 0 };
	int rc = VT_OK;
	*out = NULL;
	util_sbuf_put(&b, "", 0);
	for (const char *p = sql; *p && rc == VT_OK;) {
		size_t len = verbatim(p), nl, tl;
		const char *type;
		if (len) {
			util_sbuf_put(&b, p, len);
		} else if (*p == '{' && (len = placeholder(p, &nl, &type, &tl)) != 0) {
			rc = bind_one(&b, p, nl, type, tl, params, n, err);
		} else {
			util_sbuf_put(&b, p, 1);
			len = 1;
		}
		p += len;
	}
	if (rc == VT_OK && b.nomem)
		rc = vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	if (rc != VT_OK) {
		free(b.p);
		return rc;
	}
	*out = b.p;
	return VT_OK;
}
