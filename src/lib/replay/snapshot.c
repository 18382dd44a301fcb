/* Snapshot JSON -> struct vt_emu_input, with precise errors naming the
 * JSON path of every bad value. Memory regions: snapshot_mem.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "replay/snapshot_int.h"

static int want_object(const cJSON *item, const char *path, struct vt_error *err)
{
	if (!cJSON_IsObject(item))
		return vt_error_set(err, VT_ERR_INPUT, "%s: expected an object", path);
	return VT_OK;
}

static int parse_regs(const cJSON *regs, struct vt_cpu *cpu, struct vt_error *err)
{
	const cJSON *it;
	char path[80];
	int rc;

	if (!regs)
		return VT_OK;
	if ((rc = want_object(regs, "regs", err)))
		return rc;
	cJSON_ArrayForEach(it, regs) {
		enum vt_reg r;
		snprintf(path, sizeof path, "regs.%s", it->string);
		if (vt_reg_from_name(it->string, &r))
			return vt_error_set(err, VT_ERR_INPUT, "%s: unknown register", path);
		if ((rc = snap_num(it, path, &cpu->r[r], err)))
			return rc;
	}
	return VT_OK;
}

static int parse_bool(const cJSON *item, const char *path, bool *out, struct vt_error *err)
{
	if (!item)
		return VT_OK;
	if (!cJSON_IsBool(item))
		return vt_error_set(err, VT_ERR_INPUT, "%s: expected true or false", path);
	*out = cJSON_IsTrue(item);
	return VT_OK;
}

/* One segment; *sel_only says a selector but no base was given. */
static int parse_segment(const cJSON *obj, const char *path, struct vt_segment *s, bool *sel_only,
			 struct vt_error *err)
{
	static const char *const keys[] = { "selector", "base", "limit", "l", "d", "access", NULL };
	const cJSON *it;
	char p[80];
	uint64_t v;
	int rc;

	if ((rc = want_object(obj, path, err)))
		return rc;
	cJSON_ArrayForEach(it, obj) {
		size_t k = 0;
		while (keys[k] && strcmp(keys[k], it->string))
			k++;
		snprintf(p, sizeof p, "%s.%s", path, it->string);
		if (!keys[k])
			return vt_error_set(err, VT_ERR_INPUT, "%s: unknown field (selector, base, limit, access, l, d)", p);
		if (k == 3 || k == 4) {
			if ((rc = parse_bool(it, p, k == 3 ? &s->l : &s->d, err)))
				return rc;
			continue;
		}
		if ((rc = snap_num(it, p, &v, err)))
			return rc;
		if ((k == 0 && v > 0xFFFF) || (k == 2 && v > 0xFFFFFFFFull) ||
		    (k == 5 && v > (VT_AR_UNUSABLE | 0xFFFFu)))
			return vt_error_set(err, VT_ERR_INPUT, "%s: 0x%llx is too large", p,
					    (unsigned long long)v);
		if (k == 0)
			s->selector = (uint16_t)v;
		else if (k == 1)
			s->base = v;
		else if (k == 2) {
			s->limit = (uint32_t)v;
			s->has_limit = true;
		} else {
			s->access = (uint32_t)v;
			s->has_access = true;
		}
	}
	/* CS.L and CS.D come from the access rights unless given on their own. */
	if (s->has_access && !cJSON_GetObjectItemCaseSensitive(obj, "l"))
		s->l = s->access & VT_AR_L;
	if (s->has_access && !cJSON_GetObjectItemCaseSensitive(obj, "d"))
		s->d = s->access & VT_AR_DB;
	*sel_only = cJSON_GetObjectItemCaseSensitive(obj, "selector") &&
		    !cJSON_GetObjectItemCaseSensitive(obj, "base");
	return VT_OK;
}

static int parse_segments(const cJSON *segs, struct vt_cpu *cpu, bool sel_only[VT_SEG_COUNT],
			  struct vt_error *err)
{
	const cJSON *it;
	char path[80];
	int rc;

	for (unsigned i = 0; i < VT_SEG_COUNT; i++)
		cpu->seg[i].limit = 0xFFFFFFFFu; /* flat unless given */
	if (!segs)
		return VT_OK;
	if ((rc = want_object(segs, "segments", err)))
		return rc;
	cJSON_ArrayForEach(it, segs) {
		unsigned i = 0;
		while (i < VT_SEG_COUNT && strcmp(vt_seg_name((enum vt_seg)i), it->string))
			i++;
		snprintf(path, sizeof path, "segments.%s", it->string);
		if (i == VT_SEG_COUNT)
			return vt_error_set(err, VT_ERR_INPUT, "%s: unknown segment (es, cs, ss, ds, fs, gs)", path);
		if ((rc = parse_segment(it, path, &cpu->seg[i], &sel_only[i], err)))
			return rc;
	}
	return VT_OK;
}

/* A snapshot always has CR0, CR4, EFER and RFLAGS (zero when not given). */
static enum vt_mode derive_mode(const struct vt_cpu *cpu)
{
	const struct vt_segment *cs = &cpu->seg[VT_SEG_CS];
	struct vt_mode_inputs in = {
		.has_cr0 = true, .cr0 = cpu->r[VT_REG_CR0], .has_cr4 = true, .cr4 = cpu->r[VT_REG_CR4],
		.has_efer = true, .efer = cpu->r[VT_REG_EFER], .has_rflags = true,
		.rflags = cpu->r[VT_REG_RFLAGS], .has_cs = true, .cs_l = cs->l, .cs_d = cs->d,
	};
	enum vt_mode m = VT_MODE_REAL16;
	vt_mode_derive(&in, &m);
	return m;
}

static int parse_mode(const cJSON *root, struct vt_snapshot *s, struct vt_error *err)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(root, "mode");
	enum vt_mode *mode = &s->input.cpu.mode;
	if (!m) {
		*mode = derive_mode(&s->input.cpu);
	} else {
		s->mode_given = true;
		if (!cJSON_IsString(m) || vt_mode_from_name(m->valuestring, mode))
			return vt_error_set(err, VT_ERR_INPUT,
					    "mode: %s%s%s is not a mode (real16, prot16, prot32, compat32, long64)",
					    cJSON_IsString(m) ? "\"" : "", cJSON_IsString(m) ? m->valuestring : "value",
					    cJSON_IsString(m) ? "\"" : "");
	}
	if (*mode == VT_MODE_V8086 || *mode == VT_MODE_COMPAT16)
		return vt_error_set(err, VT_ERR_INPUT, "mode %s%s: the replay does not emulate it",
				    vt_mode_name(*mode), m ? "" : " (from the registers)");
	return VT_OK;
}

static int parse_cpl(const cJSON *root, struct vt_cpu *cpu, struct vt_error *err)
{
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(root, "cpl");
	uint64_t v;
	int rc;

	if (!c) {
		/* CPL is CS.RPL outside real mode. */
		cpu->cpl = cpu->mode == VT_MODE_REAL16 ? 0 : cpu->seg[VT_SEG_CS].selector & 3;
		return VT_OK;
	}
	if ((rc = snap_num(c, "cpl", &v, err)))
		return rc;
	if (v > 3)
		return vt_error_set(err, VT_ERR_INPUT, "cpl: %llu is not 0..3", (unsigned long long)v);
	cpu->cpl = (unsigned)v;
	return VT_OK;
}

static int parse_inst(const cJSON *inst, struct vt_emu_input *in, struct vt_error *err)
{
	uint8_t bytes[64];
	size_t n = 0;
	int rc;

	if (!inst)
		return vt_error_set(err, VT_ERR_INPUT, "inst: not given (the exit's instruction bytes)");
	if (cJSON_IsString(inst)) {
		rc = vt_bytes_parse_list(inst->valuestring, strlen(inst->valuestring), VT_RADIX_HEX,
					 bytes, sizeof bytes, &n, NULL, NULL, err);
		if (rc) {
			vt_error_prefix(err, "inst");
			return rc;
		}
	} else if (cJSON_IsArray(inst)) {
		const cJSON *b;
		cJSON_ArrayForEach(b, inst) {
			char path[32];
			uint64_t v;
			snprintf(path, sizeof path, "inst[%zu]", n);
			if ((rc = snap_num(b, path, &v, err)))
				return rc;
			if (v > 255)
				return vt_error_set(err, VT_ERR_INPUT, "%s: %llu is not a byte", path,
						    (unsigned long long)v);
			if (n < sizeof bytes)
				bytes[n++] = (uint8_t)v;
		}
	} else {
		return vt_error_set(err, VT_ERR_INPUT, "inst: expected a hex string or an array of bytes");
	}
	if (n == 0)
		return vt_error_set(err, VT_ERR_INPUT, "inst: no bytes");
	in->inst_len = n < VT_INSN_MAX ? n : VT_INSN_MAX; /* bytes after the instruction are ignored */
	memcpy(in->inst, bytes, in->inst_len);
	return VT_OK;
}

static int parse_limits(const cJSON *lim, struct vt_snapshot *s, struct vt_error *err)
{
	const cJSON *m;
	int rc;

	s->max_elements = VT_MAX_ELEMENTS_DEFAULT;
	if (!lim)
		return VT_OK;
	if ((rc = want_object(lim, "limits", err)))
		return rc;
	if ((m = cJSON_GetObjectItemCaseSensitive(lim, "max_elements"))) {
		if ((rc = snap_num(m, "limits.max_elements", &s->max_elements, err)))
			return rc;
		if (s->max_elements == 0)
			return vt_error_set(err, VT_ERR_INPUT, "limits.max_elements: must be at least 1");
		s->max_elements_given = true;
	}
	return VT_OK;
}

static int parse_header(const cJSON *root, const char *where, struct vt_snapshot *s,
			struct vt_error *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "vmtriage_snapshot");
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(root, "name");
	const cJSON *desc = cJSON_GetObjectItemCaseSensitive(root, "description");

	if (v && (!cJSON_IsNumber(v) || v->valuedouble != VT_SNAPSHOT_VERSION))
		return vt_error_set(err, VT_ERR_INPUT, "vmtriage_snapshot: version %g is not supported (1)",
				    cJSON_IsNumber(v) ? v->valuedouble : -1.0);
	if ((name && !cJSON_IsString(name)) || (desc && !cJSON_IsString(desc)))
		return vt_error_set(err, VT_ERR_INPUT, "%s: expected a string", name && !cJSON_IsString(name) ? "name" : "description");
	s->name = snap_default_name(name ? name->valuestring : NULL, where);
	s->description = desc ? strdup(desc->valuestring) : NULL;
	if (!s->name || (desc && !s->description))
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	return VT_OK;
}

static int parse_root(const cJSON *root, const char *where, const char *basedir,
		      struct vt_snapshot *s, struct vt_error *err)
{
	struct vt_cpu *cpu = &s->input.cpu;
	bool sel_only[VT_SEG_COUNT] = { false };
	int rc;

	if (!cJSON_IsObject(root))
		return vt_error_set(err, VT_ERR_INPUT, "expected a JSON object");
	cpu->r[VT_REG_RFLAGS] = 0x2;
	if ((rc = parse_header(root, where, s, err)) ||
	    (rc = parse_regs(cJSON_GetObjectItemCaseSensitive(root, "regs"), cpu, err)) ||
	    (rc = parse_segments(cJSON_GetObjectItemCaseSensitive(root, "segments"), cpu, sel_only, err)) ||
	    (rc = parse_mode(root, s, err)) || (rc = parse_cpl(root, cpu, err)) ||
	    (rc = parse_inst(cJSON_GetObjectItemCaseSensitive(root, "inst"), &s->input, err)) ||
	    (rc = parse_limits(cJSON_GetObjectItemCaseSensitive(root, "limits"), s, err)) ||
	    (rc = snap_parse_memory(cJSON_GetObjectItemCaseSensitive(root, "memory"), basedir, s, err)) ||
	    (rc = snap_parse_ports(cJSON_GetObjectItemCaseSensitive(root, "ports"), s, err)))
		return rc;
	if (cpu->mode == VT_MODE_REAL16)
		for (unsigned i = 0; i < VT_SEG_COUNT; i++)
			if (sel_only[i]) /* real mode: base = selector << 4 */
				cpu->seg[i].base = (uint64_t)cpu->seg[i].selector << 4;
	s->input.max_elements = s->max_elements;
	return VT_OK;
}

int vt_snapshot_parse(const char *json, size_t len, const char *where, const char *basedir,
		      struct vt_snapshot **out, struct vt_error *err)
{
	struct vt_snapshot *s = calloc(1, sizeof *s);
	cJSON *root;
	int rc;

	*out = NULL;
	if (!s || !(s->store = calloc(1, sizeof *s->store))) {
		free(s);
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	}
	root = cJSON_ParseWithLength(json, len);
	if (!root) {
		const char *at = cJSON_GetErrorPtr();
		size_t off = at && at >= json && at <= json + len ? (size_t)(at - json) : 0;
		rc = vt_error_set(err, VT_ERR_INPUT, "not valid JSON (near byte %zu)", off);
	} else {
		rc = parse_root(root, where, basedir, s, err);
		cJSON_Delete(root);
	}
	if (rc) {
		vt_error_prefix(err, "%s", where);
		vt_snapshot_free(s);
		return rc;
	}
	*out = s;
	return VT_OK;
}

/* The directory part of path ("." when none), malloc'd. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	char *d = malloc(n ? n + 1 : 2);
	if (!d)
		return NULL;
	if (!slash)
		strcpy(d, ".");
	else if (n == 0)
		strcpy(d, "/");
	else {
		memcpy(d, path, n);
		d[n] = '\0';
	}
	return d;
}

static int load(const char *path, bool regular_only, struct vt_snapshot **out, struct vt_error *err)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	char *dir;
	int rc;

	*out = NULL;
	rc = snap_read_file(path, VT_SNAPSHOT_MAX_JSON, regular_only, &buf, &len, err);
	if (rc) {
		vt_error_prefix(err, "%s", path);
		return rc;
	}
	if (!(dir = dir_of(path))) {
		free(buf);
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	}
	rc = vt_snapshot_parse((const char *)buf, len, path, dir, out, err);
	free(buf);
	free(dir);
	if (rc == VT_OK && !((*out)->path = strdup(path))) {
		vt_snapshot_free(*out);
		*out = NULL;
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	}
	return rc;
}

int vt_snapshot_load(const char *path, struct vt_snapshot **out, struct vt_error *err)
{
	return load(path, false, out, err);
}

int vt_snapshot_load_regular(const char *path, struct vt_snapshot **out, struct vt_error *err)
{
	return load(path, true, out, err);
}

uint64_t vt_snapshot_max_elements(const struct vt_snapshot *s, uint64_t ceiling)
{
	if (!ceiling)
		ceiling = VT_MAX_ELEMENTS_DEFAULT;
	return s->max_elements_given && s->max_elements < ceiling ? s->max_elements : ceiling;
}

void vt_snapshot_free(struct vt_snapshot *s)
{
	if (!s)
		return;
	snap_store_free(s->store);
	free(s->path);
	free(s->name);
	free(s->description);
	free(s);
}
