/* Reading one unit: members by role, metadata, crashes through the scanner. */
#include "report/bundles_int.h"
#include "vmtriage/crash_report.h"
#include "util/util_int.h"
#include "vmtriage/decompress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the scanner callback needs about the member being read. */
struct member_ctx {
	struct bnd_unit *u;
	const char *path, *member;
	unsigned index;
	int status;
	char what[600];   /* with status VT_ERR_NOMEM: what could not be read */
};

/* Out of memory is never a warning: a report without what could not be
 * read would say "0 crashes" when it does not know. The whole run stops. */
static bool out_of_memory(struct member_ctx *mc, const char *path, const char *member,
			  const struct vt_error *err)
{
	if (err->status != VT_ERR_NOMEM)
		return false;
	mc->status = VT_ERR_NOMEM;
	snprintf(mc->what, sizeof mc->what, "%s: %s: %s", path, member ? member : "", err->msg);
	return true;
}

void vt_found_release(struct vt_found *f)
{
	if (!f)
		return;
	free(f->zone);
	free(f->bundle_id);
	free(f->path);
	free(f->member);
	free(f->crash);
	memset(f, 0, sizeof *f);
}

void vt_found_set_crash(struct vt_found *f, const struct vt_crash *c)
{
	f->line = c->line;
	snprintf(f->time, sizeof f->time, "%s", c->time);
	f->vcpu = c->vcpu;
	f->kind = c->kind;
	f->has_inst = c->has_inst;
	f->redacted = c->redacted;
	f->ninst = vt_crash_inst_valid(c);
	if (f->ninst > VT_INSN_MAX)
		f->ninst = VT_INSN_MAX;
	memcpy(f->inst, c->inst, f->ninst);
	f->len = c->len;
	f->cls = c->cls.id;
	f->hypervisor = c->hypervisor;
	f->code_bits = vt_regs_code_bits(&c->regs);
}

/* The same crash again: a member repeated in one bundle (one copy of a
 * service's logs per process, zone_bundle.rs) or the next copy of a damaged
 * bundle. Same member name, line and bytes. */
static bool already_found(const struct member_ctx *m, const struct vt_crash *c)
{
	size_t n = vt_crash_inst_valid(c);
	for (size_t i = 0; i < m->u->nfound; i++) {
		const struct vt_found *f = &m->u->found[i];
		if (f->line == c->line && f->kind == c->kind && f->ninst == n && (!n || memcmp(f->inst, c->inst, n) == 0) &&
		    strcmp(f->member, m->member) == 0)
			return true;
	}
	return false;
}

void bnd_unit_on_warn(void *slot, const char *source, uint64_t line, const char *msg)
{
	struct member_ctx *m = ((struct bnd_slot *)slot)->member;
	vt_warnings_add(&m->u->warn, m->path, "%s:%llu: %s", source, (unsigned long long)line, msg);
}

int bnd_unit_on_crash(void *slot, const struct vt_crash *c)
{
	struct member_ctx *m = ((struct bnd_slot *)slot)->member;
	struct bnd_unit *u = m->u;
	if (already_found(m, c))
		return 0;
	if (util_vec_reserve(&u->found, &u->capfound, u->nfound + 1, sizeof *u->found) < 0)
		return m->status = VT_ERR_NOMEM;
	struct vt_found *f = &u->found[u->nfound];
	memset(f, 0, sizeof *f);
	f->path = strdup(m->path);
	f->member = strdup(m->member);
	f->crash = malloc(sizeof *f->crash);
	if (!f->path || !f->member || !f->crash) {
		vt_found_release(f);
		return m->status = VT_ERR_NOMEM;
	}
	u->nfound++;
	f->bundle = SIZE_MAX;
	vt_found_set_crash(f, c);
	struct vt_crash_sig sig;
	vt_crash_signature(c, &sig);
	memcpy(f->instruction, sig.instruction, sizeof f->instruction);
	memcpy(f->form, sig.form, sizeof f->form);
	memcpy(f->signature, sig.signature, sizeof f->signature);
	memcpy(f->signature_id, sig.id, sizeof f->signature_id);
	*f->crash = *c;
	f->crash->excerpt[0] = '\0'; /* bundles reports point at the log instead */
	return 0;
}

/* metadata.toml is a few hundred bytes; more than META_MAX is not one
 * sled-agent wrote, so only its start is parsed, with a warning. */
#define META_MAX 16384

static void read_metadata(struct bnd_unit *u, struct member_ctx *mc, const char *path, struct vt_member *m)
{
	char buf[META_MAX + 1];
	size_t n = 0;
	ssize_t r = 0;
	struct vt_error err;
	while (n < sizeof buf && (r = m->stream.read(m->stream.ctx, buf + n, sizeof buf - n, &err)) > 0)
		n += (size_t)r;
	if (r < 0) {
		if (!out_of_memory(mc, path, m->name, &err))
			vt_warnings_add(&u->warn, path, "%s: %s", m->name, err.msg);
		return;
	}
	if (n > META_MAX) {
		vt_warnings_add(&u->warn, path, "%s: larger than %d bytes: only the start is read",
				m->name, META_MAX);
		n = META_MAX;
		while (n > 0 && buf[n - 1] != '\n')
			n--; /* whole lines only */
	}
	if (vt_bundle_meta_parse(buf, n, &u->meta, &err) == VT_OK)
		u->has_meta = true;
	else
		vt_warnings_add(&u->warn, path, "%s", err.msg);
}

static bool wanted(const struct bnd_unit *u, const char *name, enum vt_member_role role)
{
	if (u->type == BND_UNIT_BUNDLE || u->type == BND_UNIT_BUNDLE_DIR)
		return vt_member_role_scanned(role);
	if (u->type == BND_UNIT_EXT_LOG)
		return role == VT_ROLE_PROPOLIS_LOG;
	if (u->type == BND_UNIT_ZIP) {
		const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
		return vt_source_kind_of_name(base) == VT_ITEM_LOG;
	}
	return true; /* a plain log */
}

/* One member: returns false when the copy is damaged from here on. */
static bool read_member(struct bnd_unit *u, struct vt_scanner *s, struct member_ctx *mc, struct vt_member *m)
{
	enum vt_member_role role = vt_bundle_member_role(m->name);
	struct vt_error err;
	u->members++;
	if (role == VT_ROLE_METADATA && !u->has_meta && (u->type == BND_UNIT_BUNDLE || u->type == BND_UNIT_BUNDLE_DIR)) {
		read_metadata(u, mc, mc->path, m);
		return true;
	}
	if (u->type == BND_UNIT_ZIP && strcmp(m->name, "bundle_id.txt") == 0) {
		bnd_support_bundle_id(m, u->id, sizeof u->id);
		return true;
	}
	if (role == VT_ROLE_PROPOLIS_LOG || role == VT_ROLE_SERVICE_LOG)
		u->logs++;
	if (role == VT_ROLE_PROPOLIS_LOG)
		u->propolis_log = true;
	if (!wanted(u, m->name, role))
		return true;
	mc->member = m->name;
	mc->index = m->index;
	int rc = vt_scan_stream(s, m->name, m->stream, &err);
	if (rc < 0 && mc->status == VT_OK && out_of_memory(mc, mc->path, m->name, &err))
		return false;
	if (rc < 0 && mc->status == VT_OK && m->independent) {
		vt_warnings_add(&u->warn, mc->path, "%s: %s; crashes before it are kept, the next members are still read",
				m->name, err.msg);
		return true;
	}
	if (rc < 0 && mc->status == VT_OK) {
		vt_warnings_add(&u->warn, mc->path, "%s: %s%s", m->name, err.msg,
				err.status == VT_ERR_LIMIT ? "" : "; crashes before it are kept");
		return err.status == VT_ERR_LIMIT;
	}
	return true;
}

/* Read one copy; true when it was read to its end. */
static bool read_copy(struct bnd_unit *u, const struct vt_item *it, struct vt_scanner *s,
		      const struct vt_source_limits *lim, struct member_ctx *mc)
{
	struct vt_error err;
	struct vt_member m;
	struct vt_container *c = vt_container_open(it, lim, &err);
	int r;

	if (!c) {
		if (out_of_memory(mc, it->path, NULL, &err))
			return false;
		vt_warnings_add(&u->warn, it->path, "%s%s", err.msg,
				u->type == BND_UNIT_BUNDLE ? ": not a readable zone bundle" : "");
		return false;
	}
	mc->path = it->path;
	bool complete = true;
	while (mc->status == VT_OK && (r = vt_container_next(c, &m, &err)) == 1) {
		if (!read_member(u, s, mc, &m)) {
			complete = false;
			break;
		}
	}
	if (complete && r < 0 && mc->status == VT_OK && err.status == VT_ERR_LIMIT) {
		/* A bound reached on purpose (the member cap): a warning, not
		 * damage; another replica would stop at the same place. */
		vt_warnings_add(&u->warn, it->path, "%s", err.msg);
	} else if (complete && r < 0 && mc->status == VT_OK && !out_of_memory(mc, it->path, NULL, &err)) {
		vt_warnings_add(&u->warn, it->path, "%s; crashes before it are kept", err.msg);
		complete = false;
	}
	struct vt_decompress_stats st;
	vt_container_stats(c, &st);
	u->in_bytes += st.in_bytes;
	u->inflated += st.out_bytes;
	u->read_ns += st.read_ns;
	u->inflate_ns += st.decode_ns;
	vt_container_close(c);
	return complete;
}

int bnd_unit_read(struct bnd_unit *u, struct vt_scanner *s, struct bnd_slot *slot,
		const struct vt_source_limits *lim, struct vt_error *err)
{
	struct member_ctx mc = { .u = u };
	uint64_t cpu0 = lim->timing ? util_thread_cpu_ns() : 0;
	slot->member = &mc;
	struct vt_scan_stats before, after;
	vt_scan_stats(s, &before);
	for (size_t k = 0; k < u->ncopies && mc.status == VT_OK; k++) {
		/* A damaged copy: read the next one too, keeping only new crashes. */
		if (k > 0)
			u->members = u->logs = 0;
		if (read_copy(u, u->copies[k], s, lim, &mc)) {
			u->damaged = false;
			/* Copies are made after the first is written: a smaller one is partial. */
			for (size_t j = k + 1; j < u->ncopies; j++)
				if (u->copies[j]->size < u->copies[k]->size)
					vt_warnings_add(&u->warn, u->copies[j]->path,
							"%llu bytes, smaller than its replica (%llu): a partial copy, not read",
							(unsigned long long)u->copies[j]->size,
							(unsigned long long)u->copies[k]->size);
			break;
		}
		u->damaged = true;
	}
	vt_scan_stats(s, &after);
	u->bytes = after.bytes - before.bytes;
	if (lim->timing)
		u->cpu_ns = util_thread_cpu_ns() - cpu0;
	slot->member = NULL;
	if (mc.status != VT_OK)
		vt_error_set(err, mc.status, "out of memory reading %s: the rest was not read",
			     mc.what[0] ? mc.what : u->ncopies ? u->copies[0]->path : "a bundle");
	return mc.status;
}

void bnd_unit_release(struct bnd_unit *u)
{
	if (!u)
		return;
	for (size_t i = 0; i < u->nfound; i++)
		vt_found_release(&u->found[i]);
	free(u->found);
	free(u->copies);
	vt_warnings_release(&u->warn);
	memset(u, 0, sizeof *u);
}
