/* realpath() is XSI in glibc headers (base POSIX.1-2008 elsewhere). */
#define _XOPEN_SOURCE 700
/* The walk: operands -> a sorted, deduplicated list of items, never
 * following a symlink out of its root and never opening anything. */
#include "vmtriage/source.h"
#include "util/util_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct walk {
	const struct vt_source_limits *lim;
	struct vt_items *out;
	struct vt_warnings *warn;
	size_t root;
	const char *root_real;   /* realpath of the operand: the containment boundary */
	struct util_strmap visited;  /* "dev:ino" of every directory walked */
	bool full;               /* max_items reached (warned once) */
	int status;
};

void vt_source_limits_default(struct vt_source_limits *lim)
{
	memset(lim, 0, sizeof *lim); /* timing off, and any field added later zero */
	lim->max_depth = 32;
	lim->max_items = 1000000;
	lim->max_member = VT_SOURCE_MAX_MEMBER;
	lim->max_members = 100000;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* SMF logs: "x.log", "x.log.N", "x.log.<ts>", a live log archived as
 * "svc:<instance>.<ts>" (the archiver drops ".log"), syslog "messages[.N]". */
static bool log_like(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (strstr(name, ".log"))
		return true;
	if (strcmp(name, "messages") == 0 || (strncmp(name, "messages.", 9) == 0 && all_digits(name + 9)))
		return true;
	return dot && strchr(name, ':') && strchr(name, ':') < dot && all_digits(dot + 1);
}

static const char *const compressed_suffixes[] = { ".gz", ".zst", ".xz", ".bz2", NULL };

enum vt_item_kind vt_source_kind_of_name(const char *name)
{
	if (ends_with(name, ".tar.gz") || ends_with(name, ".tgz"))
		return VT_ITEM_TARGZ;
	if (ends_with(name, ".zip"))
		return VT_ITEM_ZIP;
	if (strncmp(name, "core.", 5) == 0)
		return VT_ITEM_CORE;
	if (log_like(name))
		return VT_ITEM_LOG;
	for (int i = 0; compressed_suffixes[i]; i++) {
		if (ends_with(name, compressed_suffixes[i])) {
			char base[NAME_MAX + 1];
			size_t n = strlen(name) - strlen(compressed_suffixes[i]);
			snprintf(base, sizeof base, "%.*s", (int)n, name);
			return log_like(base) ? VT_ITEM_LOG : VT_ITEM_OTHER;
		}
	}
	return VT_ITEM_OTHER;
}

const char *vt_item_kind_name(enum vt_item_kind kind)
{
	static const char *const names[] = { "tar.gz", "zip", "log", "bundle-dir", "core", "other" };
	return (unsigned)kind <= VT_ITEM_OTHER ? names[kind] : "?";
}

static char *join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);
	if (!p)
		return NULL;
	memcpy(p, dir, a);
	size_t o = a;
	if (a && dir[a - 1] != '/')
		p[o++] = '/';
	memcpy(p + o, name, b + 1);
	return p;
}

static int add_item(struct walk *w, const char *path, const char *open_path, enum vt_item_kind kind,
		    const struct stat *st)
{
	struct vt_items *out = w->out;
	if (out->n >= w->lim->max_items) {
		if (!w->full)
			vt_warnings_add(w->warn, path, "more than %zu files: the rest of the walk is skipped",
					w->lim->max_items);
		w->full = true;
		return 0;
	}
	if (util_vec_reserve(&out->v, &out->cap, out->n + 1, sizeof *out->v) < 0)
		return w->status = VT_ERR_NOMEM;
	struct vt_item *it = &out->v[out->n];
	memset(it, 0, sizeof *it);
	it->path = strdup(path);
	it->open_path = strdup(open_path);
	if (!it->path || !it->open_path) {
		free(it->path);
		free(it->open_path);
		return w->status = VT_ERR_NOMEM;
	}
	it->kind = kind;
	it->size = (uint64_t)st->st_size;
	it->mtime = (int64_t)st->st_mtime;
	it->dev = st->st_dev;
	it->ino = st->st_ino;
	it->root = w->root;
	out->n++;
	return 0;
}

/* Directories are walked once: a second way in (a symlink) is skipped. */
static bool visit_once(struct walk *w, const struct stat *st)
{
	char key[48];
	snprintf(key, sizeof key, "%llu:%llu", (unsigned long long)st->st_dev, (unsigned long long)st->st_ino);
	int r = util_strmap_add(&w->visited, key, 0, NULL);
	if (r < 0)
		w->status = VT_ERR_NOMEM;
	return r == 1;
}

/* Sorted entry names of a directory (without . and ..), or NULL with errno. */
static char **read_names(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;

	if (!d)
		return NULL;
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (util_strv_push(&names, &n, e->d_name) < 0) {
			util_strv_release(&names, &n);
			closedir(d);
			errno = ENOMEM;
			return NULL;
		}
	}
	closedir(d);
	if (!names && !(names = malloc(sizeof *names)))
		return NULL;
	util_strv_sort(names, n);
	*count = n;
	return names;
}

static void walk_dir(struct walk *w, const char *path, const char *open_path, unsigned depth);

static bool inside_root(const struct walk *w, const char *real)
{
	size_t n = strlen(w->root_real);
	if (strcmp(w->root_real, "/") == 0)
		return true;
	return strncmp(real, w->root_real, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

static const char *file_type_name(mode_t m)
{
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISSOCK(m))
		return "a socket";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	return "not a regular file";
}

/* A symlink: follow it only when its target stays inside the root. On
 * success *st describes the target and *real is its symlink-free path. */
static bool resolve_link(struct walk *w, const char *path, const char *open_path, struct stat *st,
			 char **real)
{
	*real = realpath(open_path, NULL);
	if (!*real) {
		vt_warnings_add(w->warn, path, "symlink cannot be resolved (%s): not followed", strerror(errno));
		return false;
	}
	if (!inside_root(w, *real)) {
		char target[512];
		ssize_t n = readlink(open_path, target, sizeof target - 1);
		target[n > 0 ? n : 0] = '\0';
		vt_warnings_add(w->warn, path, "symlink to %s points outside the scanned root: not followed", target);
		free(*real);
		return false;
	}
	if (stat(*real, st) != 0) {
		vt_warnings_add(w->warn, path, "symlink target cannot be read (%s)", strerror(errno));
		free(*real);
		return false;
	}
	return true;
}

static void walk_entry(struct walk *w, const char *path, const char *open_path, const char *name,
		       unsigned depth)
{
	struct stat st;
	char *real = NULL;

	if (lstat(open_path, &st) != 0) {
		vt_warnings_add(w->warn, path, "cannot stat: %s", strerror(errno));
		return;
	}
	if (S_ISLNK(st.st_mode)) {
		if (!resolve_link(w, path, open_path, &st, &real))
			return;
		open_path = real;
	}
	if (S_ISDIR(st.st_mode)) {
		if (depth >= w->lim->max_depth)
			vt_warnings_add(w->warn, path, "deeper than %u levels: not walked", w->lim->max_depth);
		else if (!visit_once(w, &st)) {
			if (real && w->status == VT_OK)
				vt_warnings_add(w->warn, path, "symlink loop or second path to a walked directory: not followed");
		} else
			walk_dir(w, path, open_path, depth + 1);
	} else if (S_ISREG(st.st_mode)) {
		add_item(w, path, open_path, vt_source_kind_of_name(name), &st);
	} else {
		vt_warnings_add(w->warn, path, "%s: never opened", file_type_name(st.st_mode));
	}
	free(real);
}

static bool has_metadata(const char *open_path, char **names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(names[i], "metadata.toml") == 0) {
			struct stat st;
			char *p = join(open_path, names[i]);
			bool ok = p && lstat(p, &st) == 0 && S_ISREG(st.st_mode);
			free(p);
			return ok;
		}
	}
	return false;
}

static void walk_dir(struct walk *w, const char *path, const char *open_path, unsigned depth)
{
	size_t n = 0;
	char **names = read_names(open_path, &n);

	if (!names) {
		if (errno == ENOMEM)
			w->status = VT_ERR_NOMEM;
		else
			vt_warnings_add(w->warn, path, "cannot read directory: %s", strerror(errno));
		return;
	}
	if (has_metadata(open_path, names, n)) {
		/* An extracted zone bundle: its files are members of one item. */
		struct stat st;
		if (stat(open_path, &st) == 0)
			add_item(w, path, open_path, VT_ITEM_BUNDLE_DIR, &st);
		util_strv_release(&names, &n);
		return;
	}
	for (size_t i = 0; i < n && w->status == VT_OK && !w->full; i++) {
		char *p = join(path, names[i]), *op = join(open_path, names[i]);
		if (!p || !op)
			w->status = VT_ERR_NOMEM;
		else
			walk_entry(w, p, op, names[i], depth);
		free(p);
		free(op);
	}
	util_strv_release(&names, &n);
}

static void walk_operand(struct walk *w, const char *path, size_t *missing)
{
	struct stat st;
	char *real = realpath(path, NULL);

	/* An operand named on the command line is followed even when it is a
	 * symlink (find -H): the user chose it, and it becomes the root. */
	if (!real || stat(real, &st) != 0) {
		vt_warnings_add(w->warn, path, "cannot read: %s", strerror(errno));
		(*missing)++;
		free(real);
		return;
	}
	w->root_real = real;
	if (S_ISDIR(st.st_mode)) {
		if (visit_once(w, &st))
			walk_dir(w, path, real, 0);
	} else if (S_ISREG(st.st_mode)) {
		enum vt_item_kind k = vt_source_kind_of_name(strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
		/* A file named on the command line is read even with an unknown name. */
		add_item(w, path, real, k == VT_ITEM_OTHER ? VT_ITEM_LOG : k, &st);
	} else {
		vt_warnings_add(w->warn, path, "%s: never opened", file_type_name(st.st_mode));
		(*missing)++;
	}
	free(real);
	w->root_real = NULL;
}

int vt_source_walk(const char *const *paths, size_t npaths, const struct vt_source_limits *lim,
		   struct vt_items *out, struct vt_warnings *warn, size_t *missing, struct vt_error *err)
{
	struct walk w = { .lim = lim, .out = out, .warn = warn };
	size_t miss = 0;

	for (size_t i = 0; i < npaths && w.status == VT_OK; i++) {
		w.root = i;
		walk_operand(&w, paths[i], &miss);
	}
	util_strmap_release(&w.visited);
	if (missing)
		*missing = miss;
	if (w.status != VT_OK)
		return vt_error_set(err, w.status, "out of memory while walking the tree: its bundles were not read");
	return VT_OK;
}

void vt_items_release(struct vt_items *items)
{
	if (!items)
		return;
	for (size_t i = 0; i < items->n; i++) {
		free(items->v[i].path);
		free(items->v[i].open_path);
	}
	free(items->v);
	items->v = NULL;
	items->n = items->cap = 0;
}
