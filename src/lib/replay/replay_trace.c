/* The trace format (vmtriage-snapshot(5), TRACE FORMAT): one io object a line,
 * then {"registers_after": {...}, "memory_writes": [...], "fault": ...}.
 * Version 1 spellings (dir, size, hex, regs_after) are still read. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "vmtriage/replay.h"
#include "vmtriage/replay_report.h"
#include "vmtriage/snapshot.h"
#include "util/util_int.h"

#define TRACE_LINE_MAX (64u * 1024 * 1024) /* the final line holds every memory write */

int vt_trace_write(FILE *fp, const struct vt_result *r)
{
	struct vt_jw *w = malloc(sizeof *w);
	struct vt_io_iter it = { 0 };
	struct vt_io_access a;

	if (!w)
		return -1;
	vt_jw_init(w, fp, false);
	while (vt_io_trace_next(&r->io, &it, &a)) {
		vt_io_access_write(w, NULL, &a);
		vt_jw_end_document(w);
	}
	vt_jw_object_begin(w, NULL);
	vt_result_regs_write(w, "registers_after", r);
	vt_mem_ranges_write(w, "memory_writes", &r->memory_writes);
	vt_fault_write(w, "fault", &r->fault);
	vt_jw_object_end(w);
	vt_jw_end_document(w);
	free(w);
	return ferror(fp) ? -1 : 0;
}

static int num(const cJSON *item, uint64_t *out)
{
	if (cJSON_IsString(item))
		return vt_snapshot_number(item->valuestring, out);
	if (cJSON_IsNumber(item) && item->valuedouble >= 0 && item->valuedouble <= 9007199254740992.0 &&
	    item->valuedouble == (double)(uint64_t)item->valuedouble) {
		*out = (uint64_t)item->valuedouble;
		return 0;
	}
	return -1;
}

/* A member by its name, or by its version 1 name. */
static const cJSON *member(const cJSON *o, const char *name, const char *v1)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, name);
	return m ? m : cJSON_GetObjectItemCaseSensitive(o, v1);
}

static int io_line(const cJSON *o, struct vt_result *out, struct vt_error *err)
{
	const cJSON *dir = member(o, "direction", "dir");
	uint64_t port, size, value;

	if (!cJSON_IsString(dir) || (strcmp(dir->valuestring, "in") && strcmp(dir->valuestring, "out")))
		return vt_error_set(err, VT_ERR_INPUT, "direction: expected \"in\" or \"out\"");
	if (num(cJSON_GetObjectItemCaseSensitive(o, "port"), &port) || port > 0xFFFF)
		return vt_error_set(err, VT_ERR_INPUT, "port: expected a port number");
	if (num(member(o, "element_size", "size"), &size) || (size != 1 && size != 2 && size != 4))
		return vt_error_set(err, VT_ERR_INPUT, "element_size: expected 1, 2 or 4");
	if (num(cJSON_GetObjectItemCaseSensitive(o, "value"), &value) || value > 0xFFFFFFFFu)
		return vt_error_set(err, VT_ERR_INPUT, "value: expected a number of at most 32 bits");
	return vt_io_trace_add(&out->io, strcmp(dir->valuestring, "in") ? VT_IO_OUT : VT_IO_IN,
			       (uint16_t)port, (unsigned)size, (uint32_t)value)
		       ? vt_error_set(err, VT_ERR_NOMEM, "out of memory")
		       : VT_OK;
}

static int hex_bytes(const char *s, struct vt_mem_ranges *m, uint64_t gpa, struct vt_error *err)
{
	uint8_t *b;
	size_t n;
	int rc = vt_snapshot_hex(s, "memory_writes: bytes", &b, &n, err);
	if (rc)
		return rc;
	rc = vt_mem_ranges_add(m, gpa, b, n);
	free(b);
	return rc ? vt_error_set(err, rc, "out of memory") : VT_OK;
}

static const struct vt_mem_ranges *sort_base;
static int cmp_range(const void *x, const void *y)
{
	uint64_t a = sort_base->v[*(const size_t *)x].gpa, b = sort_base->v[*(const size_t *)y].gpa;
	return a < b ? -1 : a > b;
}

/* Ranges as a trace lists them -> sorted, coalesced (the form results use). */
static int normalise(const struct vt_mem_ranges *in, struct vt_mem_ranges *out)
{
	size_t *idx = malloc((in->n ? in->n : 1) * sizeof *idx);
	int rc = VT_OK;
	if (!idx)
		return VT_ERR_NOMEM;
	for (size_t i = 0; i < in->n; i++)
		idx[i] = i;
	sort_base = in;
	qsort(idx, in->n, sizeof *idx, cmp_range);
	for (size_t i = 0; i < in->n && rc == VT_OK; i++)
		rc = vt_mem_ranges_add(out, in->v[idx[i]].gpa, in->data + in->v[idx[i]].offset, in->v[idx[i]].len);
	free(idx);
	return rc;
}

/* The optional "fault" of the final line: null (none raised) or
 * {"vector", "error_code"?, "cr2"?}, as in the replay result. */
static int trace_fault(const cJSON *f, struct vt_result *out, struct vt_error *err)
{
	const cJSON *vec, *code, *cr2;
	uint64_t v;
	if (!f)
		return VT_OK;
	out->fault_reported = true;
	if (cJSON_IsNull(f))
		return VT_OK;
	vec = cJSON_GetObjectItemCaseSensitive(f, "vector");
	if (!cJSON_IsObject(f) || num(vec, &v) || v > 255)
		return vt_error_set(err, VT_ERR_INPUT, "fault: expected null or {\"vector\": N, ...}");
	out->fault.raised = true;
	out->fault.vector = (uint8_t)v;
	/* null: none, as the result record writes it */
	if ((code = cJSON_GetObjectItemCaseSensitive(f, "error_code")) && !cJSON_IsNull(code)) {
		if (num(code, &v) || v > UINT32_MAX)
			return vt_error_set(err, VT_ERR_INPUT, "fault.error_code: not a number");
		out->fault.has_error_code = true;
		out->fault.error_code = (uint32_t)v;
	}
	if ((cr2 = cJSON_GetObjectItemCaseSensitive(f, "cr2")) && !cJSON_IsNull(cr2)) {
		if (num(cr2, &out->fault.cr2))
			return vt_error_set(err, VT_ERR_INPUT, "fault.cr2: not a number");
		out->fault.has_cr2 = true;
	}
	return VT_OK;
}

static int final_line(const cJSON *o, struct vt_result *out, struct vt_error *err)
{
	const cJSON *regs = member(o, "registers_after", "regs_after");
	const cJSON *mem = cJSON_GetObjectItemCaseSensitive(o, "memory_writes"), *it;
	struct vt_mem_ranges raw = { 0 };
	int rc = VT_OK;

	if (!cJSON_IsObject(regs))
		return vt_error_set(err, VT_ERR_INPUT, "registers_after: expected an object");
	if ((rc = trace_fault(cJSON_GetObjectItemCaseSensitive(o, "fault"), out, err)))
		return rc;
	cJSON_ArrayForEach(it, regs) {
		enum vt_reg r;
		if (vt_reg_from_name(it->string, &r))
			return vt_error_set(err, VT_ERR_INPUT, "registers_after.%s: unknown register", it->string);
		if (num(it, &out->regs_after[r]))
			return vt_error_set(err, VT_ERR_INPUT, "registers_after.%s: not a number", it->string);
		out->regs_reported |= 1u << r;
	}
	if (mem && !cJSON_IsArray(mem))
		return vt_error_set(err, VT_ERR_INPUT, "memory_writes: expected an array");
	cJSON_ArrayForEach(it, mem) {
		const cJSON *hex = member(it, "bytes", "hex");
		uint64_t gpa;
		if (num(cJSON_GetObjectItemCaseSensitive(it, "gpa"), &gpa) || !cJSON_IsString(hex)) {
			rc = vt_error_set(err, VT_ERR_INPUT, "memory_writes: expected {\"gpa\": ..., \"bytes\": ...}");
			break;
		}
		if ((rc = hex_bytes(hex->valuestring, &raw, gpa, err)))
			break;
	}
	if (rc == VT_OK && (rc = normalise(&raw, &out->memory_writes)))
		vt_error_set(err, rc, "out of memory");
	vt_mem_ranges_release(&raw);
	return rc;
}

static int trace_line(const char *line, size_t len, bool *done, struct vt_result *out,
		      struct vt_error *err)
{
	cJSON *o = cJSON_ParseWithLength(line, len);
	int rc;
	if (!o || !cJSON_IsObject(o)) {
		cJSON_Delete(o);
		return vt_error_set(err, VT_ERR_INPUT, "not a JSON object");
	}
	if (*done)
		rc = vt_error_set(err, VT_ERR_INPUT, "a line after the final registers_after line");
	else if (member(o, "registers_after", "regs_after")) {
		*done = true;
		rc = final_line(o, out, err);
	} else
		rc = io_line(o, out, err);
	cJSON_Delete(o);
	return rc;
}

int vt_trace_read(struct vt_stream in, const char *where, struct vt_result *out,
		  struct vt_error *err)
{
	struct vt_lines *lines = vt_lines_new(in, TRACE_LINE_MAX);
	const char *line;
	size_t len;
	bool cut, done = false;
	int r, rc = VT_OK;

	if (!lines)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	uint64_t total = 0;
	while (rc == VT_OK && (r = vt_lines_next(lines, &line, &len, &cut, err)) > 0) {
		if ((total += len + 1) > VT_TRACE_MAX_BYTES) {
			rc = vt_error_set(err, VT_ERR_LIMIT, "%s: larger than %llu bytes: not read further", where,
					  (unsigned long long)VT_TRACE_MAX_BYTES);
			break;
		}
		if (len == 0)
			continue;
		if (cut)
			rc = vt_error_set(err, VT_ERR_INPUT, "line longer than %u bytes", TRACE_LINE_MAX);
		else
			rc = trace_line(line, len, &done, out, err);
		if (rc)
			vt_error_prefix(err, "%s:%llu", where, (unsigned long long)vt_lines_number(lines));
	}
	if (rc == VT_OK && r < 0)
		rc = VT_ERR_IO;
	if (rc == VT_OK && !done)
		rc = vt_error_set(err, VT_ERR_INPUT, "%s: no final {\"registers_after\": ...} line", where);
	vt_lines_free(lines);
	out->has_verdict = false;
	out->elements = out->io.accesses;
	return rc;
}

int vt_trace_load(const char *path, struct vt_result *out, struct vt_error *err)
{
	int fd, rc;
	if ((rc = util_open_regular(path, &fd, err)) != VT_OK) {
		vt_error_prefix(err, "%s", path);
		return rc;
	}
	rc = vt_trace_read(vt_stream_fd(&fd), path, out, err);
	close(fd);
	return rc;
}
