/* The firmware report's storage: records appended as the parsers find them,
 * warnings placed in the image. Below every parser of the module. */
#include "firmware/firmware_int.h"
#include "util/util_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Grow an array of records by one, zeroed. */
static void *grow(void **arr, size_t *n, size_t size)
{
	size_t cap = util_vec_cap(*n);
	if (util_vec_reserve(arr, &cap, *n + 1, size) < 0)
		return NULL;
	void *rec = (char *)*arr + *n * size;
	memset(rec, 0, size);
	(*n)++;
	return rec;
}

struct vt_fw_volume *fw_add_volume(struct vt_fw_report *rep)
{
	return grow((void **)&rep->volumes, &rep->nvolumes, sizeof *rep->volumes);
}

struct vt_fw_module *fw_add_module(struct vt_fw_report *rep)
{
	return grow((void **)&rep->modules, &rep->nmodules, sizeof *rep->modules);
}

struct vt_fw_site *fw_add_site(struct vt_fw_report *rep)
{
	return grow((void **)&rep->sites, &rep->nsites, sizeof *rep->sites);
}

uint64_t fw_span_where(const struct fw_span *s, size_t off)
{
	return s->in_image ? s->base + off : s->base;
}

int fw_warn(struct fw_ctx *ctx, const struct fw_span *s, size_t off, const char *fmt, ...)
{
	struct vt_fw_report *rep = ctx->rep;
	struct vt_fw_warning *w;
	char msg[sizeof w->msg];
	va_list ap;

	if (rep->nwarnings >= VT_FW_WARNINGS_MAX) {
		rep->warnings_dropped++;
		return VT_OK;
	}
	w = grow((void **)&rep->warnings, &rep->nwarnings, sizeof *rep->warnings);
	if (!w) {
		rep->warnings_dropped++;
		return VT_OK;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(w->where, sizeof w->where, "%s:0x%llx", rep->image,
		 (unsigned long long)fw_span_where(s, off));
	if (s->in_image)
		snprintf(w->msg, sizeof w->msg, "%s", msg);
	else /* decompressed: say where inside the section's data */
		snprintf(w->msg, sizeof w->msg, "%s (decompressed data +0x%zx)", msg, off);
	return VT_OK;
}
