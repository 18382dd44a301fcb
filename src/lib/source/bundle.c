/* Zone-bundle layout: member roles, identities from paths, cores, ext. */
#include "vmtriage/bundle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmtriage/source.h"

static bool all_digits(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool is_command(const char *name)
{
	static const char *const zone_wide[] = { "ptree", "uptime", "last", "who", "svcs", "netstat", NULL };
	static const char *const per_process[] = { "pfiles.", "pstack.", "pargs.", NULL };
	for (int i = 0; zone_wide[i]; i++)
		if (strcmp(name, zone_wide[i]) == 0)
			return true;
	for (int i = 0; per_process[i]; i++) {
		size_t n = strlen(per_process[i]);
		if (strncmp(name, per_process[i], n) == 0 && all_digits(name + n, strlen(name + n)))
			return true;
	}
	return false;
}

enum vt_member_role vt_bundle_member_role(const char *name)
{
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	if (strcmp(base, "metadata.toml") == 0)
		return VT_ROLE_METADATA;
	if (is_command(base))
		return VT_ROLE_COMMAND;
	if (strncmp(base, "system-illumos-propolis-server:", 31) == 0)
		return VT_ROLE_PROPOLIS_LOG;
	if (vt_source_kind_of_name(base) == VT_ITEM_LOG)
		return VT_ROLE_SERVICE_LOG;
	return VT_ROLE_OTHER;
}

bool vt_member_role_scanned(enum vt_member_role role)
{
	return role == VT_ROLE_PROPOLIS_LOG || role == VT_ROLE_SERVICE_LOG || role == VT_ROLE_OTHER;
}

bool vt_bundle_is_zone_name(const char *name)
{
	return strcmp(name, "global") == 0 || (strncmp(name, "oxz_", 4) == 0 && name[4] && !strchr(name, '.'));
}

/* The last path component that is a zone name. */
static bool find_zone(const char *path, char *zone, size_t size)
{
	const char *end = path + strlen(path);
	while (end > path) {
		const char *start = end;
		while (start > path && start[-1] != '/')
			start--;
		char comp[256];
		snprintf(comp, sizeof comp, "%.*s", (int)(end - start), start);
		if (vt_bundle_is_zone_name(comp)) {
			snprintf(zone, size, "%s", comp);
			return true;
		}
		end = start > path ? start - 1 : path;
	}
	return false;
}

bool vt_bundle_zone_of_path(const char *path, char *zone, size_t size)
{
	return find_zone(path, zone, size);
}

bool vt_bundle_in_bundle_dir(const char *path)
{
	const char *p = strstr(path, "bundle/zone/");
	while (p) {
		const char *zone = p + 12, *slash = strchr(zone, '/');
		if (slash && slash > zone && !strchr(slash + 1, '/'))
			return true;
		p = strstr(p + 1, "bundle/zone/");
	}
	return false;
}

bool vt_bundle_id_of_path(const char *path, char *zone, size_t zsize, char *id, size_t isize)
{
	const char *base = strrchr(path, '/');
	if (!base)
		return false;
	const char *dir = base;
	while (dir > path && dir[-1] != '/')
		dir--;
	base++;
	size_t n = strlen(base);
	size_t suffix = n > 7 && strcmp(base + n - 7, ".tar.gz") == 0 ? 7 :
			n > 4 && strcmp(base + n - 4, ".tgz") == 0 ? 4 : 0;
	if (!suffix || base - 1 == dir)
		return false;
	snprintf(zone, zsize, "%.*s", (int)(base - 1 - dir), dir);
	snprintf(id, isize, "%.*s", (int)(n - suffix), base);
	return true;
}

bool vt_bundle_core_of_name(const char *name, char *zone, size_t size, int64_t *time)
{
	/* core.<zone>.<process>.<pid>.<ts>: zone names hold no '.', so split on dots. */
	if (strncmp(name, "core.", 5) != 0)
		return false;
	const char *z = name + 5, *dot = strchr(z, '.');
	if (!dot || dot == z)
		return false;
	snprintf(zone, size, "%.*s", (int)(dot - z), z);
	const char *last = strrchr(name, '.');
	*time = -1;
	if (last > dot && all_digits(last + 1, strlen(last + 1)))
		*time = strtoll(last + 1, NULL, 10);
	return true;
}

bool vt_bundle_ext_beside(const char *path, char *out, size_t size)
{
	const char *end = path + strlen(path), *hit = NULL;
	for (const char *p = path; p < end; p++) {
		bool at_start = p == path || p[-1] == '/';
		if (at_start && strncmp(p, "int", 3) == 0 && (p[3] == '/' || p[3] == '\0'))
			hit = p;
	}
	if (!hit)
		return false;
	snprintf(out, size, "%.*sext", (int)(hit - path), path);
	return true;
}
