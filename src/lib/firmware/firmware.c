/* Firmware images: reading and the top-level volume search. */
#include "firmware/firmware_int.h"
#include "util/util_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int read_image(int fd, const char *path, uint8_t **data, size_t *len, struct vt_error *err)
{
	char *buf;
	int rc = util_read_fd(fd, VT_FW_IMAGE_MAX, &buf, len);
	*data = (uint8_t *)buf;
	if (rc == VT_ERR_LIMIT)
		return vt_error_set(err, rc, "%s: larger than %zu MiB, the image size limit", path,
				    VT_FW_IMAGE_MAX >> 20);
	if (rc == VT_ERR_IO)
		return vt_error_set(err, rc, "%s: %s", path, strerror(errno));
	if (rc != VT_OK)
		return vt_error_set(err, rc, "%s: out of memory", path);
	return VT_OK;
}

int vt_firmware_read(const char *path, uint8_t **data, size_t *len, struct vt_error *err)
{
	int fd = open(path, O_RDONLY | O_NOCTTY);
	*data = NULL;
	*len = 0;
	if (fd < 0)
		return vt_error_set(err, VT_ERR_IO, "%s: %s", path, strerror(errno));
	int rc = read_image(fd, path, data, len, err);
	close(fd);
	return rc;
}

int vt_firmware_read_fp(FILE *fp, const char *name, uint8_t **data, size_t *len, struct vt_error *err)
{
	return read_image(fileno(fp), name, data, len, err);
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
	fw_ctx_release(&ctx);
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

void vt_fw_report_release(struct vt_fw_report *rep)
{
	if (!rep)
		return;
	free(rep->volumes);
	free(rep->modules);
	free(rep->sites);
	free(rep->warnings);
	memset(rep, 0, sizeof *rep);
}
