/* Names for firmware things, and the summary tallies. */
#include "firmware/firmware_int.h"
#include "vmtriage/firmware_report.h"
#include "vmtriage/output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vt_firmware_guid_text(const uint8_t g[16], char buf[37])
{
	/* EFI_GUID: three little-endian fields, then eight bytes as stored. */
	snprintf(buf, 37, "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X", (unsigned)fw_le32(g),
		 (unsigned)fw_le16(g + 4), (unsigned)fw_le16(g + 6), g[8], g[9], g[10], g[11], g[12],
		 g[13], g[14], g[15]);
}

const char *vt_firmware_file_type_name(uint8_t type, char buf[8])
{
	static const char *const names[] = {
		[0x01] = "RAW", [0x02] = "FREEFORM", [0x03] = "SEC_CORE", [0x04] = "PEI_CORE",
		[0x05] = "DXE_CORE", [0x06] = "PEIM", [0x07] = "DRIVER", [0x08] = "PEIM_DRIVER",
		[0x09] = "APPLICATION", [0x0A] = "MM", [0x0B] = "FV_IMAGE", [0x0C] = "MM_DXE",
		[0x0D] = "MM_CORE", [0x0E] = "MM_STANDALONE", [0x0F] = "MM_CORE_STANDALONE",
	};
	if (type < sizeof names / sizeof names[0] && names[type])
		return names[type];
	if (type == 0xF0)
		return "PAD";
	snprintf(buf, 8, "0x%02X", type);
	return buf;
}

static const struct {
	const char *name;
	uint8_t guid[16];
} fs_guids[] = {
	/* 8C8CE578-8A3D-4F1C-9935-896185C32DD3 */
	{ "FFS2", { 0x78, 0xE5, 0x8C, 0x8C, 0x3D, 0x8A, 0x1C, 0x4F, 0x99, 0x35, 0x89, 0x61, 0x85, 0xC3, 0x2D, 0xD3 } },
	/* 5473C07A-3DCB-4DCA-BD6F-1E9689E7349A */
	{ "FFS3", { 0x7A, 0xC0, 0x73, 0x54, 0xCB, 0x3D, 0xCA, 0x4D, 0xBD, 0x6F, 0x1E, 0x96, 0x89, 0xE7, 0x34, 0x9A } },
	/* FFF12B8D-7696-4C8B-A985-2747075B4F50: EFI_SYSTEM_NV_DATA_FV_GUID */
	{ "NVRAM", { 0x8D, 0x2B, 0xF1, 0xFF, 0x96, 0x76, 0x8B, 0x4C, 0xA9, 0x85, 0x27, 0x47, 0x07, 0x5B, 0x4F, 0x50 } },
};

const char *vt_firmware_fs_name(const uint8_t guid[16])
{
	for (size_t i = 0; i < sizeof fs_guids / sizeof fs_guids[0]; i++)
		if (memcmp(guid, fs_guids[i].guid, 16) == 0)
			return fs_guids[i].name;
	return NULL;
}

static int tally_cmp(const void *a, const void *b)
{
	const struct vt_fw_tally *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->key, y->key);
}

static void tally_key(const struct vt_fw_site *s, enum vt_fw_tally_by by, char *key, size_t size)
{
	if (by == VT_FW_BY_MNEMONIC)
		snprintf(key, size, "%s", s->mnemonic);
	else if (by == VT_FW_BY_VERDICT)
		snprintf(key, size, "%s", s->verdict ? s->verdict : "-");
	else
		vt_hex_bytes(s->insn.bytes, s->insn.size, ' ', key, size);
}

long vt_firmware_tally(const struct vt_fw_report *rep, enum vt_fw_tally_by by, struct vt_fw_tally **out)
{
	struct vt_fw_tally *rows = calloc(rep->nsites ? rep->nsites : 1, sizeof *rows);
	size_t n = 0;

	*out = NULL;
	if (!rows)
		return -1;
	for (size_t i = 0; i < rep->nsites; i++) {
		char key[sizeof rows->key];
		size_t j;
		if (!rep->sites[i].reached)
			continue;
		tally_key(&rep->sites[i], by, key, sizeof key);
		for (j = 0; j < n && strcmp(rows[j].key, key); j++)
			;
		if (j == n)
			memcpy(rows[n++].key, key, sizeof key);
		rows[j].count++;
	}
	qsort(rows, n, sizeof *rows, tally_cmp);
	*out = rows;
	return (long)n;
}

const char *vt_firmware_module_label(const struct vt_fw_module *m, char buf[37])
{
	if (m->name[0])
		return m->name;
	vt_firmware_guid_text(m->guid, buf);
	return buf;
}

size_t vt_firmware_reached_sites(const struct vt_fw_report *rep)
{
	size_t n = 0;
	for (size_t i = 0; i < rep->nsites; i++)
		n += rep->sites[i].reached;
	return n;
}
