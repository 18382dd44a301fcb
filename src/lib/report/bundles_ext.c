/* realpath() is XSI in glibc headers (base POSIX.1-2008 elsewhere). */
#define _XOPEN_SOURCE 700
/* The ext dataset: /pool/ext/<pool>/crypt/debug/<zone>/ keeps archived SMF
 * logs (often the only copy of a panic: bundles are taken after propolis
 * died) and cores, some also at the top of crypt/debug. Read only for the
 * zones the bundles name. */
#include "report/bundles_int.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct strs {
	char **v;
	size_t n;
};

static void strs_release(struct strs *s)
{
	if (!s)
		return;
	util_strv_release(&s->v, &s->n);
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Sorted names in a directory (empty on error: a missing ext is normal). */
static void list_dir(const char *dir, struct strs *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			util_strv_push(&out->v, &out->n, e->d_name);
	closedir(d);
	util_strv_sort(out->v, out->n);
}

static void ext_roots(const struct vt_bundles_opts *o, struct strs *roots, struct vt_warnings *warn)
{
	char buf[4096];
	if (o->ext) {
		/* Named on the command line: its absence is worth a word. */
		if (o->ext[0] && !is_dir(o->ext))
			vt_warnings_add(warn, o->ext, "--ext root is not a directory: no archived logs or cores read");
		else if (o->ext[0])
			util_strv_push(&roots->v, &roots->n, o->ext);
		return;
	}
	for (size_t i = 0; i < o->npaths; i++)
		if (vt_bundle_ext_beside(o->paths[i], buf, sizeof buf) && is_dir(buf) && util_strv_find(roots->v, roots->n, buf) < 0)
			util_strv_push(&roots->v, &roots->n, buf);
}

/* p's symlink-free path is under root_real (the same rule as the walk's:
 * a symlink, at any level, out of the ext root is not followed). */
static bool inside_ext(const char *root_real, const char *p, struct vt_warnings *warn)
{
	char *real = root_real ? realpath(p, NULL) : NULL;
	size_t n = root_real ? strlen(root_real) : 0;
	bool in = real && (strcmp(root_real, "/") == 0 ||
			   (strncmp(real, root_real, n) == 0 && (real[n] == '/' || real[n] == '\0')));
	if (real && !in)
		vt_warnings_add(warn, p, "symlink to %s points outside the ext root: not followed", real);
	free(real);
	return in;
}

/* Operands for the ext walk: <debug>/<zone> directories and top-level cores. */
static void ext_operands(const struct strs *roots, const struct util_strmap *zones, struct strs *ops,
			 struct vt_warnings *warn)
{
	char debug[4096], p[4096], zone[VT_ZONE_MAX];
	int64_t t;
	for (size_t r = 0; r < roots->n; r++) {
		struct strs pools = { 0 };
		char *root_real = realpath(roots->v[r], NULL);
		list_dir(roots->v[r], &pools);
		for (size_t i = 0; i < pools.n; i++) {
			struct strs top = { 0 };
			snprintf(debug, sizeof debug, "%s/%s/crypt/debug", roots->v[r], pools.v[i]);
			list_dir(debug, &top);
			for (size_t k = 0; k < top.n; k++) {
				snprintf(p, sizeof p, "%s/%s", debug, top.v[k]);
				bool zone_dir = util_strmap_has(zones, top.v[k], NULL) && is_dir(p);
				bool core = vt_bundle_core_of_name(top.v[k], zone, sizeof zone, &t) &&
					    util_strmap_has(zones, zone, NULL);
				if ((zone_dir || core) && inside_ext(root_real, p, warn))
					util_strv_push(&ops->v, &ops->n, p);
			}
			strs_release(&top);
		}
		strs_release(&pools);
		free(root_real);
	}
}

/* The bundles of each zone, hashed (a sled holds 100,000s): zone -> group,
 * first[group] its first bundle, next[] chains the rest in order. */
struct zone_index {
	struct util_strmap group;
	size_t *first, *last, *next;
};

static int zone_index_build(struct zone_index *zi, const struct vt_bundles_result *r)
{
	size_t n = r->nbundles ? r->nbundles : 1, g;
	memset(zi, 0, sizeof *zi);
	zi->first = malloc(n * sizeof *zi->first);
	zi->last = malloc(n * sizeof *zi->last);
	zi->next = malloc(n * sizeof *zi->next);
	if (!zi->first || !zi->last || !zi->next)
		return -1;
	for (size_t i = 0; i < r->nbundles; i++) {
		int a = util_strmap_add(&zi->group, r->bundles[i].zone, zi->group.n, &g);
		if (a < 0)
			return -1;
		zi->next[i] = SIZE_MAX;
		if (a == 1) {
			g = zi->group.n - 1;
			zi->first[g] = i;
		} else {
			zi->next[zi->last[g]] = i;
		}
		zi->last[g] = i;
	}
	return 0;
}

/* The first bundle of zone, SIZE_MAX when none; then zi->next[i]. */
static size_t zone_first(const struct zone_index *zi, const char *zone)
{
	size_t g;
	return util_strmap_has(&zi->group, zone, &g) ? zi->first[g] : SIZE_MAX;
}

static void zone_index_release(struct zone_index *zi)
{
	if (!zi)
		return;
	util_strmap_release(&zi->group);
	free(zi->first);
	free(zi->last);
	free(zi->next);
}

static bool needs_logs(const struct vt_bundles_result *r, const struct zone_index *zi, const char *zone)
{
	if (strncmp(zone, "oxz_propolis-server_", 20) != 0)
		return false;
	for (size_t i = zone_first(zi, zone); i != SIZE_MAX; i = zi->next[i])
		if (!r->bundles[i].propolis_log || r->bundles[i].crashes == 0)
			return true;
	return false;
}

static int attach_core(struct vt_bundles_result *r, const struct zone_index *zi, const struct vt_item *it)
{
	char zone[VT_ZONE_MAX];
	int64_t t;
	const char *base = strrchr(it->path, '/') ? strrchr(it->path, '/') + 1 : it->path;
	if (!vt_bundle_core_of_name(base, zone, sizeof zone, &t))
		return 0;
	for (size_t i = zone_first(zi, zone); i != SIZE_MAX; i = zi->next[i]) {
		struct vt_bundle_rec *b = &r->bundles[i];
		size_t cap = util_vec_cap(b->ncores);
		if (util_vec_reserve(&b->cores, &cap, b->ncores + 1, sizeof *b->cores) < 0)
			return -1;
		struct vt_core *v = b->cores;
		v[b->ncores] = (struct vt_core){ strdup(it->path), it->size, t >= 0 ? t : it->mtime };
		if (!v[b->ncores].path)
			return -1;
		b->ncores++;
	}
	return 0;
}

static int note_ext_log(struct vt_bundles_result *r, const struct zone_index *zi, const char *zone,
			const char *path)
{
	for (size_t i = zone_first(zi, zone); i != SIZE_MAX; i = zi->next[i])
		if (util_strv_push(&r->bundles[i].ext_logs, &r->bundles[i].next_logs, path) < 0)
			return -1;
	return 0;
}

/* "zone\nline\nmember\nsignature" in b (reused: emptied first): what
 * makes an ext crash one a bundle already holds (archived logs go into
 * bundles too). NULL when out of memory. */
static const char *held_key(struct util_sbuf *b, const char *zone, uint64_t line, const char *member,
			    const char *signature)
{
	char num[32];
	snprintf(num, sizeof num, "\n%llu\n", (unsigned long long)line);
	b->n = 0;
	util_sbuf_puts(b, zone);
	util_sbuf_puts(b, num);
	util_sbuf_puts(b, member);
	util_sbuf_puts(b, "\n");
	util_sbuf_puts(b, signature);
	return b->nomem ? NULL : b->p;
}

/* The bundles' crashes, hashed by held_key (a sled holds 100,000s): one
 * probe per ext crash. -1 when out of memory. */
static int held_build(struct util_strmap *held, struct util_sbuf *b, const struct vt_bundles_result *r)
{
	for (size_t i = 0; i < r->ncrashes; i++) {
		const struct vt_found *c = &r->crashes[i];
		if (c->evidence != VT_EVIDENCE_BUNDLE || !c->zone)
			continue;
		const char *key = held_key(b, c->zone, c->line, c->member, c->signature);
		if (!key || util_strmap_add(held, key, i, NULL) < 0)
			return -1;
	}
	return 0;
}

/* 1 held, 0 not, -1 out of memory. */
static int in_bundles(const struct util_strmap *held, struct util_sbuf *b, const struct vt_found *f,
		      const char *zone)
{
	const char *base = strrchr(f->member, '/') ? strrchr(f->member, '/') + 1 : f->member;
	const char *key = held_key(b, zone, f->line, base, f->signature);
	return key ? util_strmap_has(held, key, NULL) : -1;
}

static void collect_ext(struct bnd_run *run, const struct zone_index *zi, size_t from)
{
	struct vt_bundles_result *r = run->r;
	struct util_strmap held = { 0 };
	struct util_sbuf key = { 0 };
	if (held_build(&held, &key, r) < 0)
		run->status = VT_ERR_NOMEM;
	for (size_t i = from; i < run->nunits && run->status == VT_OK; i++) {
		struct bnd_unit *u = &run->units[i];
		size_t keep = 0;
		for (size_t k = 0; k < u->nfound; k++) {
			int held_already = in_bundles(&held, &key, &u->found[k], u->zone);
			if (held_already < 0)
				run->status = VT_ERR_NOMEM;
			if (held_already)
				vt_found_release(&u->found[k]);
			else
				u->found[keep++] = u->found[k];
		}
		u->nfound = keep;
		size_t n = bnd_take_crashes(run, u, u->zone, NULL, SIZE_MAX, NULL, VT_EVIDENCE_EXT_LOG);
		for (size_t b = zone_first(zi, u->zone); b != SIZE_MAX; b = zi->next[b])
			r->bundles[b].ext_crashes += n;
		if (u->damaged)
			r->damaged++;
		if (vt_warnings_move(&r->warnings, &u->warn) < 0)
			run->status = VT_ERR_NOMEM;
	}
	util_strmap_release(&held);
	free(key.p);
}

static void plan_ext(struct bnd_run *run, const struct zone_index *zi)
{
	struct vt_bundles_result *r = run->r;
	for (size_t i = 0; i < run->ext_items.n && run->status == VT_OK; i++) {
		const struct vt_item *it = &run->ext_items.v[i];
		char zone[VT_ZONE_MAX];
		const char *base = strrchr(it->path, '/') ? strrchr(it->path, '/') + 1 : it->path;
		if (it->kind == VT_ITEM_CORE) {
			if (attach_core(r, zi, it) < 0)
				run->status = VT_ERR_NOMEM;
			continue;
		}
		if (it->kind != VT_ITEM_LOG || vt_bundle_member_role(base) != VT_ROLE_PROPOLIS_LOG ||
		    !vt_bundle_zone_of_path(it->path, zone, sizeof zone) || !needs_logs(r, zi, zone))
			continue;
		struct bnd_unit *u = bnd_new_unit(run, BND_UNIT_EXT_LOG);
		if (!u)
			return;
		snprintf(u->zone, sizeof u->zone, "%s", zone);
		if (bnd_add_copy(run, u, it) != VT_OK || note_ext_log(r, zi, zone, it->path) < 0)
			run->status = VT_ERR_NOMEM;
	}
}

int bnd_ext(struct bnd_run *run, struct vt_error *err)
{
	struct vt_bundles_result *r = run->r;
	struct strs roots = { 0 }, ops = { 0 };
	struct zone_index zi;
	int rc = VT_OK;

	if (zone_index_build(&zi, r) < 0) {
		zone_index_release(&zi);
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	}
	ext_roots(run->o, &roots, &r->warnings);
	ext_operands(&roots, &zi.group, &ops, &r->warnings);
	if (ops.n)
		rc = vt_source_walk((const char *const *)ops.v, ops.n, &run->o->limits, &run->ext_items, &r->warnings,
				    NULL, err);
	size_t from = run->nunits;
	if (rc == VT_OK)
		plan_ext(run, &zi);
	if (rc == VT_OK && run->status == VT_OK && run->nunits > from)
		rc = bnd_units_read(run->units + from, run->nunits - from, run->o->threads, run->o, &r->bytes, err);
	if (rc == VT_OK && run->status == VT_OK)
		collect_ext(run, &zi, from);
	r->units = run->nunits;
	strs_release(&roots);
	zone_index_release(&zi);
	strs_release(&ops);
	return rc;
}
