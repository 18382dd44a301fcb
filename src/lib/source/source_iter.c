/* One sequential iterator over every member of every item. */
#include "source/source_impl.h"

#include <stdlib.h>

struct vt_source_iter {
	struct vt_items items;
	const struct vt_source_limits *lim;
	struct vt_warnings *warn;
	size_t next;                  /* next item to open */
	struct vt_container *open;    /* the item being read, or NULL */
};

struct vt_source_iter *vt_source_iter_new(const char *const *paths, size_t npaths,
					  const struct vt_source_limits *lim, struct vt_warnings *warn,
					  struct vt_error *err)
{
	struct vt_source_iter *it = calloc(1, sizeof *it);
	if (!it) {
		vt_error_set(err, VT_ERR_NOMEM, "out of memory");
		return NULL;
	}
	it->lim = lim;
	it->warn = warn;
	if (vt_source_walk(paths, npaths, lim, &it->items, warn, NULL, err) != VT_OK) {
		vt_source_iter_free(it);
		return NULL;
	}
	return it;
}

static bool readable(enum vt_item_kind k)
{
	return k != VT_ITEM_CORE && k != VT_ITEM_OTHER;
}

int vt_source_iter_next(struct vt_source_iter *it, const struct vt_item **item, struct vt_member *m,
			struct vt_error *err)
{
	struct vt_error e;
	for (;;) {
		if (it->open) {
			const struct vt_item *cur = &it->items.v[it->next - 1];
			int r = vt_container_next(it->open, m, &e);
			if (r == 1) {
				*item = cur;
				return 1;
			}
			if (r < 0)
				vt_warnings_add(it->warn, cur->path, "%s", e.msg);
			vt_container_close(it->open);
			it->open = NULL;
			if (r < 0 && e.status == VT_ERR_NOMEM)
				return vt_error_set(err, VT_ERR_NOMEM, "out of memory"), -1;
		}
		while (it->next < it->items.n && !readable(it->items.v[it->next].kind))
			it->next++;
		if (it->next == it->items.n)
			return 0;
		const struct vt_item *cur = &it->items.v[it->next++];
		if (!(it->open = vt_container_open(cur, it->lim, &e))) {
			if (e.status == VT_ERR_NOMEM)
				return vt_error_set(err, VT_ERR_NOMEM, "out of memory"), -1;
			vt_warnings_add(it->warn, cur->path, "%s", e.msg);
		}
	}
}

void vt_source_iter_free(struct vt_source_iter *it)
{
	if (!it)
		return;
	vt_container_close(it->open);
	vt_items_free(&it->items);
	free(it);
}
