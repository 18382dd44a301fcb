/* FFS sections: code, names, nested volumes and encapsulations (plain,
 * LZMA, CRC32-guided). Other encodings are reported, never guessed at. */
#include "firmware/firmware_int.h"

#include <stdlib.h>
#include <string.h>

#define SECTION_COMPRESSION 0x01
#define SECTION_GUID_DEFINED 0x02
#define SECTION_PE32 0x10
#define SECTION_PIC 0x11
#define SECTION_TE 0x12
#define SECTION_USER_INTERFACE 0x15
#define SECTION_FV_IMAGE 0x17
#define GUIDED_PROCESSING_REQUIRED 0x01

/* EE4E5898-3914-4259-9D6E-DC7BD79403CF: LZMA_CUSTOM_DECOMPRESS_GUID */
static const uint8_t lzma_guid[16] = { 0x98, 0x58, 0x4E, 0xEE, 0x14, 0x39, 0x59, 0x42,
				       0x9D, 0x6E, 0xDC, 0x7B, 0xD7, 0x94, 0x03, 0xCF };
/* D42AE6BD-1352-4BFB-909A-CA72A6EAE889: LZMAF86_CUSTOM_DECOMPRESS_GUID */
static const uint8_t lzmaf86_guid[16] = { 0xBD, 0xE6, 0x2A, 0xD4, 0x52, 0x13, 0xFB, 0x4B,
					  0x90, 0x9A, 0xCA, 0x72, 0xA6, 0xEA, 0xE8, 0x89 };

/* The span of a section's body, inside its parent span. */
static struct fw_span body(const struct fw_span *s, size_t off, size_t len, unsigned depth)
{
	struct fw_span b = { s->p + off, len, s->in_image, fw_span_where(s, off), depth };
	return b;
}

static void set_name(struct vt_fw_module *m, const uint8_t *p, size_t n)
{
	size_t j = 0;
	if (m->name[0])
		return; /* the first user-interface section names the file */
	for (size_t i = 0; i + 1 < n && j + 1 < sizeof m->name; i += 2) {
		uint16_t c = fw_le16(p + i);
		if (c == 0)
			break;
		m->name[j++] = (c >= 0x20 && c < 0x7F) ? (char)c : '?';
	}
	m->name[j] = '\0';
}

/* Decompressed data: parsed as sections, then freed. */
static int inflate(struct fw_ctx *ctx, const struct fw_span *s, size_t off, size_t len, bool x86,
		   unsigned module)
{
	struct vt_fw_report *rep = ctx->rep;
	size_t budget = ctx->budget > rep->inflated ? ctx->budget - rep->inflated : 0;
	size_t cap = budget < VT_FW_SECTION_MAX ? budget : VT_FW_SECTION_MAX;
	uint8_t *out;
	size_t outn;
	char why[160];

	int rc = fw_lzma_decode(s->p + off, len, cap, x86, &out, &outn, why, sizeof why);
	if (rc == VT_ERR_NOMEM)
		return rc;
	if (rc)
		return fw_warn(ctx, s, off, "LZMA%s section: %s; its contents skipped", x86 ? "F86" : "", why);
	rep->inflated += outn;
	struct fw_span d = { out, outn, false, fw_span_where(s, off), s->depth + 1 };
	rc = fw_sections_parse(ctx, &d, module);
	free(out);
	return rc;
}

static int guided(struct fw_ctx *ctx, const struct fw_span *s, size_t off, size_t hdr, size_t size,
		  unsigned module)
{
	const uint8_t *h = s->p + off;
	char g[37];
	if (size < hdr + 20)
		return fw_warn(ctx, s, off, "GUID-defined section too short");
	uint16_t data = fw_le16(h + hdr + 16), attr = fw_le16(h + hdr + 18);
	if (data < hdr + 20 || data > size)
		return fw_warn(ctx, s, off, "GUID-defined section data offset 0x%x out of bounds", data);
	if (memcmp(h + hdr, lzma_guid, 16) == 0 || memcmp(h + hdr, lzmaf86_guid, 16) == 0)
		return inflate(ctx, s, off + data, size - data, memcmp(h + hdr, lzmaf86_guid, 16) == 0, module);
	if (!(attr & GUIDED_PROCESSING_REQUIRED)) { /* e.g. CRC32: the data are plain sections */
		struct fw_span b = body(s, off + data, size - data, s->depth + 1);
		return fw_sections_parse(ctx, &b, module);
	}
	vt_firmware_guid_text(h + hdr, g);
	return fw_warn(ctx, s, off, "GUID-defined section %s: unknown encoding; its contents skipped", g);
}

static int compressed(struct fw_ctx *ctx, const struct fw_span *s, size_t off, size_t hdr, size_t size,
		      unsigned module)
{
	if (size < hdr + 5)
		return fw_warn(ctx, s, off, "compression section too short");
	uint8_t type = s->p[off + hdr + 4];
	if (type == 0) {
		struct fw_span b = body(s, off + hdr + 5, size - hdr - 5, s->depth + 1);
		return fw_sections_parse(ctx, &b, module);
	}
	return fw_warn(ctx, s, off, "compression section of type %u (%s) not supported; its contents skipped",
		       type, type == 1 ? "EFI/Tiano" : "unknown");
}

static int nested_volume(struct fw_ctx *ctx, const struct fw_span *s, size_t off, size_t len, unsigned module)
{
	struct fw_span b = body(s, off, len, s->depth + 1);
	long long used = fw_volume_parse(ctx, &b, 0, (int)module);
	if (used < 0)
		return (int)used;
	if (used == 0)
		return fw_warn(ctx, s, off, "firmware-volume section holds no valid volume header");
	return VT_OK;
}

static int section_one(struct fw_ctx *ctx, const struct fw_span *s, size_t off, size_t hdr,
		       size_t size, unsigned module)
{
	struct fw_span b = body(s, off + hdr, size - hdr, s->depth);
	switch (s->p[off + 3]) {
	case SECTION_PE32:
		return fw_image_sweep(ctx, &b, module, "PE32");
	case SECTION_PIC:
		return fw_image_sweep(ctx, &b, module, "PIC");
	case SECTION_TE:
		return fw_image_sweep(ctx, &b, module, "TE");
	case SECTION_USER_INTERFACE:
		set_name(&ctx->rep->modules[module], b.p, b.n);
		return VT_OK;
	case SECTION_FV_IMAGE:
		return nested_volume(ctx, s, off + hdr, size - hdr, module);
	case SECTION_COMPRESSION:
		return compressed(ctx, s, off, hdr, size, module);
	case SECTION_GUID_DEFINED:
		return guided(ctx, s, off, hdr, size, module);
	default:
		return VT_OK; /* version, dependency, raw...: nothing to scan */
	}
}

int fw_sections_parse(struct fw_ctx *ctx, const struct fw_span *s, unsigned module)
{
	size_t off = 0;
	if (s->depth > VT_FW_DEPTH_MAX)
		return fw_warn(ctx, s, 0, "sections nested deeper than %d levels; not parsed", VT_FW_DEPTH_MAX);
	while (off + 4 <= s->n) {
		const uint8_t *h = s->p + off;
		size_t size = fw_le24(h), hdr = 4;
		if (size == 0xFFFFFF) { /* EFI_COMMON_SECTION_HEADER2 */
			if (off + 8 > s->n)
				return fw_warn(ctx, s, off, "large section header cut off");
			size = fw_le32(h + 4);
			hdr = 8;
		}
		if (size < hdr || size > s->n - off)
			return fw_warn(ctx, s, off, "section of type 0x%02x: size 0x%zx does not fit (0x%zx bytes left); rest of the file skipped",
				       h[3], size, s->n - off);
		int rc = section_one(ctx, s, off, hdr, size, module);
		if (rc)
			return rc;
		off = (off + size + 3) & ~(size_t)3;
	}
	return VT_OK;
}
