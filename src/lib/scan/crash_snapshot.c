/* The one snapshot-skeleton builder (scan and bundles --emit-snapshot,
 * corpus add): registers, mode and bytes from a crash, memory left for the
 * user to fill in (vmtriage-snapshot(5)). */
#include "scan/crash_snapshot_int.h"
#include "util/json_int.h"

#include "vmtriage/output.h"
#include "vmtriage/writefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool vt_crash_snapshot_ok(const struct vt_crash *c, const char **why)
{
	const char *w = NULL;
	if (c->kind != VT_KIND_INST_EMUL)
		w = "not an instruction-emulation exit";
	else if (!c->has_inst || c->redacted || vt_crash_inst_valid(c) == 0)
		w = "no instruction bytes";
	else if (!c->regs.has[VT_REG_RIP] || c->regs.redacted)
		w = "no registers";
	if (why)
		*why = w;
	return w == NULL;
}

void scan_regs_json_fill(cJSON *regs, cJSON *segparent, const struct vt_regs *r, int nseg)
{
	for (int k = 0; k < VT_REG_COUNT; k++) {
		enum vt_reg i = vt_reg_display_order[k];
		if (r->has[i])
			cJSON_AddItemToObject(regs, vt_reg_name(i), util_json_hex64(r->v[i]));
	}
	cJSON *segs = cJSON_AddObjectToObject(segparent, "segments");
	for (int i = 0; i < nseg && i < VT_SREG_COUNT; i++) {
		const struct vt_segreg *s = &r->seg[i];
		if (!s->present)
			continue;
		cJSON *so = cJSON_AddObjectToObject(segs, vt_sreg_name((enum vt_sreg)i));
		cJSON_AddItemToObject(so, "selector", util_json_hex64(s->selector));
		cJSON_AddItemToObject(so, "base", util_json_hex64(s->base));
		cJSON_AddItemToObject(so, "limit", util_json_hex64(s->limit));
		cJSON_AddItemToObject(so, "access", util_json_hex64(s->access));
	}
}

cJSON *scan_snapshot_json(const struct vt_crash *c, const char *name, const char *from)
{
	char hex[2 * VT_INSN_MAX + 1], desc[4400];
	enum vt_mode mode;
	cJSON *o = cJSON_CreateObject();

	bool given = vt_regs_mode(&c->regs, &mode);
	/* No mode in the registers: the code size the bytes were decoded as
	 * (what the crash's class rests on), said in the description. */
	if (!given && c->mode)
		mode = c->mode == 16 ? VT_MODE_REAL16 : c->mode == 32 ? VT_MODE_PROT32 : VT_MODE_LONG64;
	cJSON_AddNumberToObject(o, "vmtriage_snapshot", 1);
	cJSON_AddStringToObject(o, "name", name);
	snprintf(desc, sizeof desc, "from %s; add the guest memory the instruction touches%s", from,
		 !given && c->mode ? "; the registers do not give the mode: the one the bytes were decoded in" : "");
	cJSON_AddStringToObject(o, "description", desc);
	if (given || c->mode)
		cJSON_AddStringToObject(o, "mode", vt_mode_name(mode));
	/* The valid bytes only: those past len were never fetched. */
	vt_hex_bytes(c->inst, vt_crash_inst_valid(c), 0, hex, sizeof hex);
	cJSON_AddStringToObject(o, "inst", hex);
	/* "regs" and the six data segments ("segments"), as the format has them */
	scan_regs_json_fill(cJSON_AddObjectToObject(o, "regs"), o, &c->regs, VT_SEG_COUNT);
	/* CPL: QEMU prints it; otherwise SS.DPL (access bits 5-6) is the CPL. */
	if (c->regs.cpl >= 0)
		cJSON_AddNumberToObject(o, "cpl", c->regs.cpl & 3);
	else if (c->regs.seg[VT_SREG_SS].present)
		cJSON_AddNumberToObject(o, "cpl", (c->regs.seg[VT_SREG_SS].access >> 5) & 3);
	cJSON_AddArrayToObject(o, "memory");
	cJSON_AddObjectToObject(o, "ports");
	return o;
}

void vt_crash_snapshot_name(const struct vt_crash *c, const struct vt_crash_where *w, char *buf,
			    size_t size)
{
	char file[VT_SNAPSHOT_NAME_MAX], origin[4096];
	size_t o = 0;
	if (!w) { /* a path given to scan: its hash tells same-named logs apart */
		vt_snapshot_file_name(c->source, c->source, c->line, c->vcpu, file);
		snprintf(buf, size, "%s", file);
		return;
	}
	/* A bundle's crash is told apart by zone, bundle and member path (two
	 * directories of one bundle may each hold a default.log); a log outside
	 * a bundle by its path. Copies of one bundle give the same name. */
	snprintf(origin, sizeof origin, "%s\n%s\n%s", w->zone ? w->zone : "",
		 w->bundle_id ? w->bundle_id : "", w->bundle_id || !w->path ? "" : w->path);
	vt_snapshot_file_name(origin, w->member ? w->member : w->path ? w->path : c->source, c->line,
			      c->vcpu, file);
	buf[0] = '\0';
	if (w->zone)
		o += (size_t)snprintf(buf + o, o < size ? size - o : 0, "%.64s-", w->zone);
	if (w->bundle_id) /* the first group of the uuid, for the reader */
		o += (size_t)snprintf(buf + o, o < size ? size - o : 0, "%.8s-", w->bundle_id);
	snprintf(buf + o, o < size ? size - o : 0, "%s", file);
	for (char *p = buf; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '.' || *p == '_'))
			*p = '_';
	if (buf[0] == '.')
		buf[0] = '_';
}

static int print_snapshot(FILE *fp, void *snap)
{
	char *text = cJSON_Print(snap);
	int rc = text && fprintf(fp, "%s\n", text) >= 0 ? 0 : -1;
	free(text);
	return rc;
}

int vt_crash_snapshot_save(const struct vt_crash *c, const char *name, const char *from,
			   const char *dir, unsigned flags, char *path, size_t pathsize,
			   struct vt_error *err)
{
	cJSON *snap = scan_snapshot_json(c, name, from);
	if (!snap)
		return vt_error_set(err, VT_ERR_NOMEM, "%s: out of memory", from);
	snprintf(path, pathsize, "%s/%s.json", dir, name);
	int rc = vt_write_file_with(path, flags, print_snapshot, snap, err);
	cJSON_Delete(snap);
	return rc;
}
