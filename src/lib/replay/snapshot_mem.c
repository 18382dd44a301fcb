/* Snapshot memory regions (hex, base64, file, fill; later regions override
 * earlier ones) and port inputs. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vmtriage/bytes.h"

#include "replay/snapshot_int.h"
#include "util/util_int.h"

void snap_store_free(struct vt_snapshot_store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->nblobs; i++)
		free(st->blobs[i]);
	free(st->blobs);
	free(st->regions);
	free(st->ports);
	free(st->port_values);
	free(st);
}

char *snap_default_name(const char *name, const char *where)
{
	const char *base;
	size_t n;
	char *s;

	if (name)
		return strdup(name);
	base = strrchr(where, '/');
	base = base ? base + 1 : where;
	n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".json") == 0)
		n -= 5;
	if ((s = malloc(n + 1))) {
		memcpy(s, base, n);
		s[n] = '\0';
	}
	return s;
}

int snap_read_file(const char *path, size_t max, bool regular_only, uint8_t **buf, size_t *len,
		      struct vt_error *err)
{
	int fd, rc;

	*buf = NULL;
	if (regular_only) {
		if ((rc = util_open_regular(path, &fd, err)))
			return rc;
	} else if ((fd = open(path, O_RDONLY)) < 0) {
		return vt_error_set(err, VT_ERR_IO, "%s", strerror(errno));
	}
	return snap_read_fd(fd, max, buf, len, err);
}

int snap_read_fd(int fd, size_t max, uint8_t **buf, size_t *len, struct vt_error *err)
{
	*buf = NULL;
	char *b;
	int rc = util_read_fd(fd, max, &b, len);
	int e = errno;
	close(fd);
	*buf = (uint8_t *)b;
	if (rc == VT_ERR_LIMIT)
		return vt_error_set(err, VT_ERR_INPUT, "larger than %zu bytes", max);
	if (rc == VT_ERR_IO)
		return vt_error_set(err, rc, "%s", strerror(e));
	if (rc != VT_OK)
		return vt_error_set(err, rc, "out of memory");
	return VT_OK;
}

static int keep_blob(struct vt_snapshot_store *st, uint8_t *blob, size_t len, const char *path,
		     struct vt_error *err)
{
	size_t cap = util_vec_cap(st->nblobs);
	if (st->data_bytes + len > VT_SNAPSHOT_MAX_DATA) {
		free(blob);
		return vt_error_set(err, VT_ERR_INPUT, "%s: memory data exceeds %llu bytes in all", path,
				    (unsigned long long)VT_SNAPSHOT_MAX_DATA);
	}
	if (util_vec_reserve(&st->blobs, &cap, st->nblobs + 1, sizeof *st->blobs) < 0) {
		free(blob);
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	}
	st->blobs[st->nblobs++] = blob;
	st->data_bytes += len;
	return VT_OK;
}

/* A relative path with no ".." component. */
static bool inside_dir(const char *path)
{
	if (path[0] == '/' || path[0] == '\0')
		return false;
	for (const char *p = path; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return false;
		p += n;
		while (*p == '/')
			p++;
	}
	return true;
}

int vt_snapshot_hex(const char *s, const char *path, uint8_t **out, size_t *len,
		    struct vt_error *err)
{
	size_t n = strlen(s), o = 0;
	uint8_t *b = malloc(n / 2 + 1);
	int hi = -1;

	if (!b)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		int v;
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')
			continue;
		if ((v = util_hex_digit(s[i])) < 0) {
			free(b);
			return vt_error_set(err, VT_ERR_INPUT, "%s: '%c' at offset %zu is not a hex digit", path, s[i], i);
		}
		if (hi < 0) {
			hi = v;
		} else {
			b[o++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	if (hi >= 0) {
		free(b);
		return vt_error_set(err, VT_ERR_INPUT, "%s: odd number of hex digits", path);
	}
	*out = b;
	*len = o;
	return VT_OK;
}

static int b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

static int decode_base64(const char *s, const char *path, uint8_t **out, size_t *len,
			 struct vt_error *err)
{
	size_t n = strlen(s), o = 0;
	uint8_t *b = malloc(n / 4 * 3 + 3);
	uint32_t acc = 0;
	unsigned bits = 0;
	bool pad = false;

	if (!b)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		int v = b64val(s[i]);
		if (s[i] == '=' || s[i] == '\n' || s[i] == ' ' || s[i] == '\r') {
			pad = pad || s[i] == '=';
			continue;
		}
		if (v < 0 || pad) {
			free(b);
			return vt_error_set(err, VT_ERR_INPUT, "%s: '%c' at offset %zu is not base64", path, s[i], i);
		}
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			b[o++] = (uint8_t)(acc >> bits);
		}
	}
	*out = b;
	*len = o;
	return VT_OK;
}

/* Insert [r) over the flattened list, cutting what it overrides. */
static int overlay(struct vt_snapshot_store *st, struct vt_region r)
{
	uint64_t a = r.gpa, b = r.gpa + r.len;
	size_t n = st->nregions;

	/* An overlay splits at most every region in two, plus the new one. */
	if (util_vec_reserve(&st->regions, &st->regions_cap, n * 2 + 2, sizeof *st->regions) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct vt_region *o = &st->regions[i];
		uint64_t oa = o->gpa, ob = o->gpa + o->len;
		if (ob <= a || oa >= b)
			continue;
		if (ob > b) { /* keep the right part as a new region */
			struct vt_region right = *o;
			right.gpa = b;
			right.len = ob - b;
			if (right.data)
				right.data += b - oa;
			st->regions[st->nregions++] = right;
		}
		o->len = oa < a ? a - oa : 0; /* the left part, maybe empty */
	}
	st->regions[st->nregions++] = r;
	/* Drop emptied regions. */
	size_t k = 0;
	for (size_t i = 0; i < st->nregions; i++)
		if (st->regions[i].len)
			st->regions[k++] = st->regions[i];
	st->nregions = k;
	return 0;
}

static int cmp_region(const void *x, const void *y)
{
	uint64_t a = ((const struct vt_region *)x)->gpa, b = ((const struct vt_region *)y)->gpa;
	return a < b ? -1 : a > b;
}

static int region_data(const cJSON *obj, const char *path, const char *basedir,
		       struct vt_snapshot *s, struct vt_region *r, struct vt_error *err)
{
	const cJSON *hex = cJSON_GetObjectItemCaseSensitive(obj, "hex");
	const cJSON *b64 = cJSON_GetObjectItemCaseSensitive(obj, "base64");
	const cJSON *file = cJSON_GetObjectItemCaseSensitive(obj, "file");
	const cJSON *fill = cJSON_GetObjectItemCaseSensitive(obj, "fill");
	const cJSON *len = cJSON_GetObjectItemCaseSensitive(obj, "len");
	char p[96];
	uint8_t *blob = NULL;
	size_t n = 0;
	int rc, given = !!hex + !!b64 + !!file + !!fill;

	if (given != 1)
		return vt_error_set(err, VT_ERR_INPUT, "%s: give exactly one of hex, base64, file, fill", path);
	if (fill) {
		uint64_t v, l;
		snprintf(p, sizeof p, "%s.fill", path);
		if ((rc = snap_num(fill, p, &v, err)))
			return rc;
		if (v > 255)
			return vt_error_set(err, VT_ERR_INPUT, "%s: 0x%llx is not a byte", p, (unsigned long long)v);
		snprintf(p, sizeof p, "%s.len", path);
		if (!len)
			return vt_error_set(err, VT_ERR_INPUT, "%s: a fill region needs len", p);
		if ((rc = snap_num(len, p, &l, err)))
			return rc;
		r->fill = (uint8_t)v;
		r->len = l;
		return VT_OK;
	}
	const cJSON *src = hex ? hex : b64 ? b64 : file;
	snprintf(p, sizeof p, "%s.%s", path, src->string);
	if (!cJSON_IsString(src))
		return vt_error_set(err, VT_ERR_INPUT, "%s: expected a string", p);
	if (hex)
		rc = vt_snapshot_hex(src->valuestring, p, &blob, &n, err);
	else if (b64)
		rc = decode_base64(src->valuestring, p, &blob, &n, err);
	else {
		int fd;
		/* Corpora come from outside: a region may not reach out of the
		 * snapshot's directory to read the host's files into the output,
		 * neither by name nor through a symlink (checked per component). */
		if (!inside_dir(src->valuestring))
			return vt_error_set(err, VT_ERR_INPUT,
					    "%s: \"%s\": must be a relative path inside the snapshot's directory "
					    "(no leading / and no ..)", p, src->valuestring);
		rc = util_open_beneath(basedir ? basedir : ".", src->valuestring, &fd, err);
		if (rc == VT_OK)
			rc = snap_read_fd(fd, (size_t)(VT_SNAPSHOT_MAX_DATA - s->store->data_bytes), &blob, &n, err);
		if (rc) {
			vt_error_prefix(err, "%s: \"%s\"", p, src->valuestring);
			return rc == VT_ERR_IO ? VT_ERR_INPUT : rc; /* a missing file is malformed input */
		}
	}
	if (rc)
		return rc;
	if ((rc = keep_blob(s->store, blob, n, p, err)))
		return rc;
	r->data = blob;
	r->len = n;
	if (len) { /* an explicit len must not exceed the data */
		uint64_t l;
		snprintf(p, sizeof p, "%s.len", path);
		if ((rc = snap_num(len, p, &l, err)))
			return rc;
		if (l > n)
			return vt_error_set(err, VT_ERR_INPUT, "%s: 0x%llx is more than the 0x%zx bytes given", p,
					    (unsigned long long)l, n);
		r->len = l;
	}
	return VT_OK;
}

int snap_parse_memory(const cJSON *mem, const char *basedir, struct vt_snapshot *s,
			 struct vt_error *err)
{
	struct vt_snapshot_store *st = s->store;
	const cJSON *it;
	size_t i = 0;
	int rc;

	if (!mem)
		return VT_OK;
	if (!cJSON_IsArray(mem))
		return vt_error_set(err, VT_ERR_INPUT, "memory: expected an array of regions");
	if (cJSON_GetArraySize(mem) > VT_SNAPSHOT_MAX_REGIONS)
		return vt_error_set(err, VT_ERR_INPUT, "memory: more than %d regions", VT_SNAPSHOT_MAX_REGIONS);
	cJSON_ArrayForEach(it, mem) {
		struct vt_region r = { 0 };
		char path[48];
		snprintf(path, sizeof path, "memory[%zu]", i++);
		if (!cJSON_IsObject(it))
			return vt_error_set(err, VT_ERR_INPUT, "%s: expected an object", path);
		const cJSON *gpa = cJSON_GetObjectItemCaseSensitive(it, "gpa");
		if (!gpa)
			return vt_error_set(err, VT_ERR_INPUT, "%s.gpa: not given", path);
		char p[64];
		snprintf(p, sizeof p, "%s.gpa", path);
		if ((rc = snap_num(gpa, p, &r.gpa, err)) ||
		    (rc = region_data(it, path, basedir, s, &r, err)))
			return rc;
		if (r.len == 0)
			continue; /* an empty region describes nothing */
		if (r.gpa + r.len - 1 < r.gpa)
			return vt_error_set(err, VT_ERR_INPUT, "%s: gpa + len passes 2^64", path);
		if (overlay(st, r))
			return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	}
	if (st->nregions)
		qsort(st->regions, st->nregions, sizeof *st->regions, cmp_region);
	s->input.regions = st->regions;
	s->input.nregions = st->nregions;
	return VT_OK;
}

static int parse_port(const cJSON *it, struct vt_port_input *p, uint64_t *values, size_t *used,
		      struct vt_error *err)
{
	char path[96];
	uint64_t port;
	const cJSON *in, *then, *v;
	int rc;

	snprintf(path, sizeof path, "ports.%s", it->string);
	if (vt_snapshot_number(it->string, &port) || port > 0xFFFF)
		return vt_error_set(err, VT_ERR_INPUT, "%s: \"%s\" is not a port number (0..0xffff)", path, it->string);
	if (!cJSON_IsObject(it))
		return vt_error_set(err, VT_ERR_INPUT, "%s: expected {\"in\": [...], \"then\": ...}", path);
	p->port = (uint16_t)port;
	p->values = values + *used;
	p->then = 0xFFFFFFFFu;
	if ((in = cJSON_GetObjectItemCaseSensitive(it, "in"))) {
		size_t k = 0;
		if (!cJSON_IsArray(in))
			return vt_error_set(err, VT_ERR_INPUT, "%s.in: expected an array", path);
		cJSON_ArrayForEach(v, in) {
			char vp[128];
			snprintf(vp, sizeof vp, "%s.in[%zu]", path, k++);
			if ((rc = snap_num(v, vp, &values[*used], err)))
				return rc;
			if (values[*used] > 0xFFFFFFFFu)
				return vt_error_set(err, VT_ERR_INPUT, "%s: wider than 32 bits", vp);
			(*used)++;
			p->count++;
		}
	}
	if ((then = cJSON_GetObjectItemCaseSensitive(it, "then"))) {
		char tp[128];
		snprintf(tp, sizeof tp, "%s.then", path);
		if ((rc = snap_num(then, tp, &p->then, err)))
			return rc;
	}
	return VT_OK;
}

int snap_parse_ports(const cJSON *ports, struct vt_snapshot *s, struct vt_error *err)
{
	struct vt_snapshot_store *st = s->store;
	const cJSON *it, *in;
	size_t total = 0, used = 0, np = 0;
	int rc;

	if (!ports)
		return VT_OK;
	if (!cJSON_IsObject(ports))
		return vt_error_set(err, VT_ERR_INPUT, "ports: expected an object keyed by port");
	cJSON_ArrayForEach(it, ports) {
		np++;
		if ((in = cJSON_GetObjectItemCaseSensitive(it, "in")) && cJSON_IsArray(in))
			total += (size_t)cJSON_GetArraySize(in);
	}
	st->ports = calloc(np ? np : 1, sizeof *st->ports);
	st->port_values = calloc(total ? total : 1, sizeof *st->port_values);
	if (!st->ports || !st->port_values)
		return vt_error_set(err, VT_ERR_NOMEM, "out of memory");
	cJSON_ArrayForEach(it, ports) {
		if ((rc = parse_port(it, &st->ports[st->nports], st->port_values, &used, err)))
			return rc;
		for (size_t k = 0; k < st->nports; k++)
			if (st->ports[k].port == st->ports[st->nports].port)
				return vt_error_set(err, VT_ERR_INPUT, "ports.%s: port 0x%x given twice", it->string,
						    st->ports[k].port);
		st->nports++;
	}
	s->input.ports = st->ports;
	s->input.nports = st->nports;
	return VT_OK;
}
