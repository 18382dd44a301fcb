/* Firmware images: reading, the top-level volume search, report storage. */
#include "firmware/firmware_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int vt_firmware_read(const char *path, uint8_t **data, size_t *len, struct vt_error *err)
{
	FILE *fp = fopen(path, "rb");
	*data = NULL;
	*len = 0;
	if (!fp)
		return vt_error_set(err, VT_ERR_IO, "%s: %s", path, strerror(errno));
	int rc = vt_firmware_read_fp(fp, path, data, len, err);
	fclose(fp);
	return rc;
}

int vt_firmware_read_fp(FILE *fp, const char *name, uint8_t **data, size_t *len, struct vt_error *err)
{
	const char *path = name;
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0;

	*data = NULL;
	*len = 0;
	for (;;) {
		if (n == cap) {
			/* One byte past the cap tells "too big" from "exactly the cap". */
			size_t ncap = cap ? cap * 2 : 1 << 20;
			if (ncap > VT_FW_IMAGE_MAX + 1)
				ncap = VT_FW_IMAGE_MAX + 1;
			if (ncap == cap)
				break;
			uint8_t *nb = realloc(buf, ncap);
			if (!nb) {
				free(buf);
				return vt_error_set(err, VT_ERR_NOMEM, "%s: out of memory", path);
			}
			buf = nb;
			cap = ncap;
		}
		errno = 0;
		size_t got = fread(buf + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
	}
	int failed = ferror(fp) ? (errno ? errno : EIO) : 0;
	if (failed) {
		free(buf);
		return vt_error_set(err, VT_ERR_IO, "%s: %s", path, strerror(failed));
	}
	if (n > VT_FW_IMAGE_MAX) {
		free(buf);
		return vt_error_set(err, VT_ERR_LIMIT, "%s: larger than %zu MiB, the image size limit", path,
				    VT_FW_IMAGE_MAX >> 20);
	}
	*data = buf;
	*len = n;
	return VT_OK;
}

/* Grow an array of records by one, zeroed. */
static void *grow(void **arr, size_t *n, size_t size)
{
	/* Capacity is 8, then doubles whenever n reaches a power of two. */
	if (*n == 0 || (*n >= 8 && (*n & (*n - 1)) == 0)) {
		size_t cap = *n ? *n * 2 : 8;
		void *na = realloc(*arr, cap * size);
		if (!na)
			return NULL;
		*arr = na;
	}
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

int vt_firmware_scan(const uint8_t *data, size_t len, const char *name,
		     const struct vt_fw_opts *opts, struct vt_fw_report *rep, struct vt_error *err)
{
	struct fw_ctx ctx = { .rep = rep };
	struct fw_span img = { .p = data, .n = len, .in_image = true };
	int rc = VT_OK;

	memset(rep, 0, sizeof *rep);
	snprintf(rep->image, sizeof rep->image, "%s", name);
	rep->image_size = len;
	ctx.context = opts ? opts->context : 4;
	ctx.unreached = opts && opts->unreached;
	ctx.budget = opts && opts->inflate_budget ? opts->inflate_budget : VT_FW_INFLATE_BUDGET;
	ctx.sweep_budget = opts && opts->sweep_budget ? opts->sweep_budget : VT_FW_SWEEP_BUDGET;
	if (ctx.context > VT_FW_CONTEXT_MAX)
		ctx.context = VT_FW_CONTEXT_MAX;
	/* Volumes start on 8-byte boundaries; skip over each one found. */
	for (size_t off = 0; off + 64 <= len;) {
		long long used = fw_volume_parse(&ctx, &img, off, -1);
		if (used < 0) {
			rc = vt_error_set(err, (int)used, "%s: out of memory", name);
			break;
		}
		off += used > 0 ? ((size_t)used + 7) & ~(size_t)7 : 8;
	}
	fw_ctx_close(&ctx);
	if (rc == VT_OK && rep->nvolumes == 0)
		rc = vt_error_set(err, VT_ERR_INPUT, "%s: no UEFI firmware volume found", name);
	return rc;
}

int vt_firmware_scan_file(const char *path, const struct vt_fw_opts *opts,
			  struct vt_fw_report *rep, struct vt_error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	uint8_t *data;
	size_t len;
	int rc = is_stdin ? vt_firmware_read_fp(stdin, name, &data, &len, err)
			  : vt_firmware_read(path, &data, &len, err);
	if (rc) {
		memset(rep, 0, sizeof *rep);
		return rc;
	}
	rc = vt_firmware_scan(data, len, name, opts, rep, err);
	free(data);
	return rc;
}

void vt_firmware_report_free(struct vt_fw_report *rep)
{
	if (!rep)
		return;
	free(rep->volumes);
	free(rep->modules);
	free(rep->sites);
	free(rep->warnings);
	memset(rep, 0, sizeof *rep);
}
