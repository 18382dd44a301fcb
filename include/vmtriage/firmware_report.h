/* Renderings of a firmware scan (text and JSON), shared by the CLI and tests. */
#ifndef VMTRIAGE_FIRMWARE_REPORT_H
#define VMTRIAGE_FIRMWARE_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "vmtriage/firmware.h"
#include "vmtriage/json.h"
#include "vmtriage/output.h"

struct vt_fw_render {
	bool list;       /* text: also list volumes and modules */
};

/* Text: header line, optional volume/module lists, sites with their
 * neighbourhood, summary. Warnings are not printed (the CLI does). */
void vt_firmware_report_text(FILE *fp, const struct vt_style *style, const struct vt_fw_render *how,
			     const struct vt_fw_report *rep);

/* {"image", "size", "volumes", "modules", "sites", "summary", "warnings"};
 * NULL when out of memory. */
#define VT_FIRMWARE_SCHEMA "vmtriage.firmware.v2"
#define VT_FIRMWARE_IMAGE_SCHEMA "vmtriage.firmware-image.v2"
/* One image record (vmtriage-firmware(1)); schema non-NULL is written first
 * (an NDJSON line). Warnings are not in it: they belong to the document. */
struct vt_json *vt_firmware_report_json(const struct vt_fw_report *rep, const char *schema);
/* Append the report's warnings, {where, line, message}, to array. */
void vt_firmware_warnings_json(struct vt_json *array, const struct vt_fw_report *rep);

/* Sites found by control flow (rep->sites may also hold unreached ones). */
size_t vt_firmware_reached_sites(const struct vt_fw_report *rep);

/* Module name for display: its UI name, else its GUID. */
const char *vt_firmware_module_label(const struct vt_fw_module *m, char buf[37]);

#endif
