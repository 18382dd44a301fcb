/* Firmware volumes and the FFS files in them (UEFI PI vol. 3). */
#include "firmware/firmware_int.h"

#include <string.h>

#define FV_HEADER_MIN 56          /* EFI_FIRMWARE_VOLUME_HEADER without its block map */
#define FVB_ERASE_POLARITY 0x800
#define FFS_HEADER 24
#define FFS_HEADER2 32            /* with the 64-bit ExtendedSize */
#define FFS_ATTRIB_LARGE_FILE 0x01
#define FFS_ATTRIB_CHECKSUM 0x40
#define FFS_FIXED_CHECKSUM 0xAA
#define FILE_DATA_VALID 0x04
#define FILE_DELETED 0x10
#define FILE_HEADER_INVALID 0x20
#define FILETYPE_RAW 0x01
#define FILETYPE_PAD 0xF0

bool fw_volume_header_ok(const uint8_t *p, size_t n)
{
	if (n < FV_HEADER_MIN || memcmp(p + 40, "_FVH", 4) != 0)
		return false;
	uint64_t len = fw_le64(p + 32);
	uint16_t hlen = fw_le16(p + 48);
	return hlen >= FV_HEADER_MIN && hlen <= n && len >= hlen && (hlen & 1) == 0;
}

static uint8_t sum8(const uint8_t *p, size_t n)
{
	uint8_t s = 0;
	while (n--)
		s = (uint8_t)(s + *p++);
	return s;
}

static uint16_t sum16(const uint8_t *p, size_t n)
{
	uint16_t s = 0;
	for (size_t i = 0; i + 1 < n; i += 2)
		s = (uint16_t)(s + fw_le16(p + i));
	return s;
}

/* Offset of the first file: after the extended header when there is a valid one. */
static size_t files_start(struct fw_ctx *ctx, const struct fw_span *v, struct vt_fw_volume *vol)
{
	uint16_t hlen = fw_le16(v->p + 48), ext = fw_le16(v->p + 52);
	if (ext == 0)
		return ((size_t)hlen + 7) & ~(size_t)7;
	if (ext < FV_HEADER_MIN || (size_t)ext + 20 > v->n || fw_le32(v->p + ext + 16) < 20 ||
	    fw_le32(v->p + ext + 16) > v->n - ext) {
		fw_warn(ctx, v, ext, "volume extended header at +0x%x is out of bounds; ignored", ext);
		return ((size_t)hlen + 7) & ~(size_t)7;
	}
	vol->has_name = true;
	memcpy(vol->name, v->p + ext, 16);
	return ((size_t)ext + fw_le32(v->p + ext + 16) + 7) & ~(size_t)7;
}

static bool all_bytes(const uint8_t *p, size_t n, uint8_t b)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != b)
			return false;
	return true;
}

/* Checksums are reported, not enforced: a patched module is still worth scanning. */
static void check_file(struct fw_ctx *ctx, const struct fw_span *v, size_t off, size_t hdr, size_t size)
{
	const uint8_t *h = v->p + off;
	uint8_t hs = (uint8_t)(sum8(h, hdr) - h[17] - h[23]); /* State and File check excluded */
	char g[37];

	vt_firmware_guid_text(h, g);
	if (hs != 0)
		fw_warn(ctx, v, off, "file %s: header checksum mismatch", g);
	if (h[19] & FFS_ATTRIB_CHECKSUM) {
		if ((uint8_t)(sum8(h + hdr, size - hdr) + h[17]) != 0)
			fw_warn(ctx, v, off, "file %s: data checksum mismatch", g);
	} else if (h[17] != FFS_FIXED_CHECKSUM) {
		fw_warn(ctx, v, off, "file %s: no data checksum but check byte is 0x%02x, not 0xaa", g, h[17]);
	}
}

static int add_file(struct fw_ctx *ctx, const struct fw_span *v, unsigned volume, size_t off,
		    size_t hdr, size_t size)
{
	const uint8_t *h = v->p + off;
	struct vt_fw_module *m = fw_add_module(ctx->rep);
	if (!m)
		return VT_ERR_NOMEM;
	unsigned index = (unsigned)(ctx->rep->nmodules - 1);
	m->volume = volume;
	memcpy(m->guid, h, 16);
	m->type = h[18];
	m->offset = off;
	m->in_image = v->in_image;
	m->image_offset = v->in_image ? v->base + off : 0;
	m->size = size;
	check_file(ctx, v, off, hdr, size);
	if (m->type == FILETYPE_RAW || m->type > 0x0F)
		return VT_OK; /* no sections inside (raw, OEM, debug types) */
	struct fw_span data = { v->p + off + hdr, size - hdr, v->in_image, fw_span_where(v, off + hdr),
				v->depth + 1 };
	return fw_sections_parse(ctx, &data, index);
}

/* Walk the files of a volume span; returns VT_OK or VT_ERR_NOMEM. */
static int parse_files(struct fw_ctx *ctx, const struct fw_span *v, unsigned volume, size_t off)
{
	uint8_t erase = (fw_le32(v->p + 44) & FVB_ERASE_POLARITY) ? 0xFF : 0x00;

	while (off + FFS_HEADER <= v->n) {
		const uint8_t *h = v->p + off;
		size_t hdr = FFS_HEADER, size = fw_le24(h + 20);
		if (all_bytes(h, FFS_HEADER, erase))
			break; /* free space up to the end */
		if (h[19] & FFS_ATTRIB_LARGE_FILE) {
			if (off + FFS_HEADER2 > v->n)
				return fw_warn(ctx, v, off, "large file header cut off by the volume end");
			uint64_t big = fw_le64(h + 24);
			hdr = FFS_HEADER2;
			size = big > v->n ? v->n + 1 : (size_t)big;
		}
		if (size < hdr || size > v->n - off) {
			char g[37];
			vt_firmware_guid_text(h, g);
			return fw_warn(ctx, v, off, "file %s: size 0x%zx does not fit (0x%zx bytes left in the volume); rest of the volume skipped",
				       g, size, v->n - off);
		}
		uint8_t state = erase ? (uint8_t)~h[23] : h[23];
		if (!(state & (FILE_DELETED | FILE_HEADER_INVALID)) && h[18] != FILETYPE_PAD) {
			if (!(state & FILE_DATA_VALID))
				fw_warn(ctx, v, off, "file state 0x%02x: data not marked valid; skipped", h[23]);
			else if (add_file(ctx, v, volume, off, hdr, size))
				return VT_ERR_NOMEM;
			else
				ctx->rep->volumes[volume].nfiles++;
		}
		off = (off + size + 7) & ~(size_t)7;
	}
	return VT_OK;
}

long long fw_volume_parse(struct fw_ctx *ctx, const struct fw_span *s, size_t off, int parent)
{
	const uint8_t *p = s->p + off;
	size_t avail = s->n - off;

	if (!fw_volume_header_ok(p, avail))
		return 0;
	struct vt_fw_volume *vol = fw_add_volume(ctx->rep);
	if (!vol)
		return VT_ERR_NOMEM;
	unsigned index = (unsigned)(ctx->rep->nvolumes - 1);
	uint64_t declared = fw_le64(p + 32);
	vol->parent = parent;
	vol->depth = parent < 0 ? 0 : ctx->rep->volumes[ctx->rep->modules[parent].volume].depth + 1;
	vol->in_image = s->in_image;
	vol->offset = s->in_image ? s->base + off : off;
	memcpy(vol->fs_guid, p + 16, 16);
	vol->length = declared;
	vol->attributes = fw_le32(p + 44);
	if (sum16(p, fw_le16(p + 48)) != 0)
		fw_warn(ctx, s, off, "volume header checksum mismatch");
	if (declared > avail)
		fw_warn(ctx, s, off, "volume declares 0x%llx bytes but only 0x%zx remain; parsed as truncated",
			(unsigned long long)declared, avail);
	struct fw_span v = { p, declared > avail ? avail : (size_t)declared, s->in_image,
			     fw_span_where(s, off), s->depth };
	size_t start = files_start(ctx, &v, vol);
	const char *fs = vt_firmware_fs_name(vol->fs_guid);
	if (fs && (strcmp(fs, "FFS2") == 0 || strcmp(fs, "FFS3") == 0)) {
		if (s->depth > VT_FW_DEPTH_MAX)
			fw_warn(ctx, s, off, "volume nested deeper than %d levels; not parsed", VT_FW_DEPTH_MAX);
		else {
			ctx->rep->volumes[index].ffs = true;
			if (parse_files(ctx, &v, index, start))
				return VT_ERR_NOMEM;
		}
	}
	return (long long)v.n;
}
