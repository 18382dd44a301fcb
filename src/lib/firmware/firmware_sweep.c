/* Code sections, decoded with Capstone so that 6C-6F bytes inside other
 * instructions (immediates, ModRM, displacements) never count. Two passes:
 * a linear sweep (objdump style: an undecodable byte is skipped) marks
 * instruction starts, function boundaries and RIP-relative LEA targets; then
 * a traversal follows control flow from the entry point and from pointer
 * seeds, so that read-only data linked into .text (EDK II GCC builds) is not
 * read as code. See struct vt_fw_site. */
#include "firmware/firmware_int.h"
#include "util/util_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cs_index(unsigned bits)
{
	return bits == 64 ? 1 : 0;
}

static bool cs_ready(struct fw_ctx *ctx, int i)
{
	if (ctx->insn[i])
		return true;
	if (ctx->cs_failed)
		return false;
	if (cs_open(CS_ARCH_X86, i ? CS_MODE_64 : CS_MODE_32, &ctx->cs[i]) != CS_ERR_OK) {
		ctx->cs_failed = true;
		return false;
	}
	ctx->insn[i] = cs_malloc(ctx->cs[i]); /* reused for every instruction */
	if (!ctx->insn[i]) {
		cs_close(&ctx->cs[i]);
		ctx->cs_failed = true;
	}
	return ctx->insn[i] != NULL;
}

void fw_ctx_release(struct fw_ctx *ctx)
{
	if (!ctx)
		return;
	for (int i = 0; i < 2; i++) {
		if (ctx->insn[i]) {
			cs_free(ctx->insn[i], 1);
			cs_close(&ctx->cs[i]);
			ctx->insn[i] = NULL;
		}
	}
}

/* Per-byte flags of a code section. */
enum {
	F_START = 1,    /* the linear sweep starts an instruction here */
	F_BOUNDARY = 2, /* right after a ret/jmp/int3/ud2/hlt/nop, or the section start */
	F_FLOW = 4      /* that instruction branches or ends the flow */
};

/* A growable list of code offsets. */
struct offs {
	size_t *v;
	size_t n, cap;
};

struct sweep {
	struct fw_ctx *ctx;
	const struct fw_code *c;
	uint8_t *flags;
	uint8_t *lsize;     /* length of the instruction the linear sweep starts here */
	uint8_t *reached;   /* length of the instruction control flow starts here, else 0 */
	struct offs roots;  /* functions still to follow */
	struct offs local;  /* jump targets inside the function being followed */
	struct offs journal;/* instruction starts it marked: undone if it proves to be data */
	struct offs calls;  /* its call targets: followed only if it is code */
	unsigned zero_ops;  /* its `add r/m8, r8` (opcode 00): zero bytes and UTF-16 text */
	bool nomem;
};

/* Length of the instruction at code offset off (0: Capstone cannot decode it). */
static size_t step(struct fw_ctx *ctx, const struct fw_code *c, size_t off)
{
	int i = cs_index(c->bits);
	const uint8_t *p = c->p + c->start + off;
	size_t n = c->len - off;
	uint64_t addr = c->image_base + c->rva + off;
	return cs_disasm_iter(ctx->cs[i], &p, &n, &addr, ctx->insn[i]) ? ctx->insn[i]->size : 0;
}

static bool string_io_at(const struct fw_code *c, size_t off, struct vt_string_io *sio)
{
	size_t n = c->len - off;
	return vt_string_io_decode(c->p + c->start + off, n < VT_INSN_MAX ? n : VT_INSN_MAX, c->bits, sio) ==
	       VT_SIO_OK;
}

static unsigned insn_id(const struct fw_ctx *ctx, const struct fw_code *c)
{
	return ctx->insn[cs_index(c->bits)]->id;
}

static bool ends_flow(unsigned id)
{
	return id == X86_INS_RET || id == X86_INS_RETF || id == X86_INS_JMP || id == X86_INS_INT3 ||
	       id == X86_INS_UD2 || id == X86_INS_HLT || id == X86_INS_LJMP || id == X86_INS_IRET ||
	       id == X86_INS_IRETD || id == X86_INS_IRETQ;
}

static bool branches(unsigned id)
{
	return id == X86_INS_CALL || id == X86_INS_JMP || (id >= X86_INS_JAE && id <= X86_INS_JS) ||
	       id == X86_INS_LOOP || id == X86_INS_LOOPE || id == X86_INS_LOOPNE;
}

static void offs_push(struct sweep *sw, struct offs *o, size_t off)
{
	if (util_vec_reserve(&o->v, &o->cap, o->n + 1, sizeof *o->v) < 0) {
		sw->nomem = true;
		return;
	}
	o->v[o->n++] = off;
}

static void push(struct sweep *sw, struct offs *o, uint64_t rva)
{
	if (rva >= sw->c->rva && rva - sw->c->rva < sw->c->len)
		offs_push(sw, o, (size_t)(rva - sw->c->rva));
}

/* A pointer seed counts only where a function may begin. */
static void push_seed(struct sweep *sw, uint64_t rva)
{
	if (rva >= sw->c->rva && rva - sw->c->rva < sw->c->len && (sw->flags[rva - sw->c->rva] & F_BOUNDARY))
		push(sw, &sw->roots, rva);
}

/* `lea r64, [rip + disp32]`: how x64 PIE code takes a function's address. */
static bool lea_rip(const uint8_t *p, size_t size, int32_t *disp)
{
	size_t i = (size == 7 && (p[0] & 0xF0) == 0x40) ? 1 : 0;
	if (size != i + 6 || p[i] != 0x8D || (p[i + 1] & 0xC7) != 0x05)
		return false;
	*disp = (int32_t)fw_le32(p + i + 2);
	return true;
}

static void linear_pass(struct sweep *sw, uint32_t *leas, size_t *nleas, size_t maxleas)
{
	const struct fw_code *c = sw->c;
	int32_t disp;
	sw->flags[0] |= F_BOUNDARY;
	for (size_t off = 0; off < c->len;) {
		size_t size = step(sw->ctx, c, off);
		if (size == 0) {
			off++;
			continue;
		}
		sw->flags[off] |= F_START;
		sw->lsize[off] = (uint8_t)size;
		unsigned id = insn_id(sw->ctx, c);
		if (ends_flow(id) || branches(id))
			sw->flags[off] |= F_FLOW;
		if ((ends_flow(id) || id == X86_INS_NOP) && off + size < c->len)
			sw->flags[off + size] |= F_BOUNDARY;
		if (c->bits == 64 && *nleas < maxleas && lea_rip(c->p + c->start + off, size, &disp))
			leas[(*nleas)++] = (uint32_t)(c->rva + off + size + (int64_t)disp);
		off += size;
	}
}

/* Direct branch target from Capstone's text ("0x1234"), or false. */
static bool direct_target(const struct fw_ctx *ctx, const struct fw_code *c, uint64_t *rva)
{
	const char *op = ctx->insn[cs_index(c->bits)]->op_str;
	char *end;
	if (op[0] != '0' || op[1] != 'x')
		return false;
	uint64_t a = strtoull(op, &end, 16);
	if (*end || a < c->image_base)
		return false;
	*rva = a - c->image_base;
	return true;
}

/* Follow one straight run of a function; false when it proves not to be code. */
static bool follow(struct sweep *sw, size_t off)
{
	const struct fw_code *c = sw->c;
	struct vt_string_io sio;
	uint64_t target;
	while (!sw->reached[off]) {
		/* The linear sweep's length serves unless control flow matters here. */
		bool known = (sw->flags[off] & (F_START | F_FLOW)) == F_START;
		size_t size = known ? sw->lsize[off] : step(sw->ctx, c, off);
		if (size == 0)
			return false; /* undecodable: data, not code */
		unsigned id = known ? X86_INS_INVALID : insn_id(sw->ctx, c);
		if (string_io_at(c, off, &sio))
			size = sio.length;
		/* Compilers hardly ever emit opcode 00; zeroed or UTF-16 data is full of it. */
		if (c->p[c->start + off] == 0x00 && ++sw->zero_ops > 1)
			return false;
		sw->reached[off] = (uint8_t)size;
		offs_push(sw, &sw->journal, off);
		if (branches(id) && direct_target(sw->ctx, c, &target))
			push(sw, id == X86_INS_CALL ? &sw->calls : &sw->local, target);
		if (ends_flow(id))
			return true;
		off += size;
		if (off >= c->len)
			return false; /* ran off the section */
	}
	return true;
}

/* Follow a function from its entry, with its jumps; undo it all if any path
 * turns out not to be code (so data seeds leave no trace). */
static void function(struct sweep *sw, size_t root)
{
	bool code = true;
	sw->local.n = sw->journal.n = sw->calls.n = 0;
	sw->zero_ops = 0;
	offs_push(sw, &sw->local, root);
	while (code && sw->local.n > 0 && !sw->nomem)
		code = follow(sw, sw->local.v[--sw->local.n]);
	if (!code) {
		for (size_t i = 0; i < sw->journal.n; i++)
			sw->reached[sw->journal.v[i]] = 0;
		return;
	}
	for (size_t i = 0; i < sw->calls.n; i++)
		offs_push(sw, &sw->roots, sw->calls.v[i]);
}

static void traverse(struct sweep *sw, const uint32_t *leas, size_t nleas)
{
	const struct fw_code *c = sw->c;
	if (c->has_entry)
		push(sw, &sw->roots, c->entry);
	for (size_t i = 0; i < c->nseeds; i++)
		push_seed(sw, c->seeds[i]);
	for (size_t i = 0; i < nleas; i++)
		push_seed(sw, leas[i]);
	while (sw->roots.n > 0 && !sw->nomem)
		function(sw, sw->roots.v[--sw->roots.n]);
}

/* Decode and describe the instruction at code offset off; returns its length. */
static size_t describe(struct fw_ctx *ctx, const struct fw_code *c, size_t off, struct vt_fw_insn *out)
{
	const uint8_t *p = c->p + c->start + off;
	struct vt_string_io sio;
	size_t size = step(ctx, c, off);
	const cs_insn *ci = ctx->insn[cs_index(c->bits)];

	memset(out, 0, sizeof *out);
	out->offset = c->start + off;
	if (string_io_at(c, off, &sio)) { /* our decoder sizes it right (Capstone 4 does not) */
		size = sio.length;
		vt_string_io_text(&sio, out->text, sizeof out->text);
		out->valid = true;
	} else if (size) {
		snprintf(out->text, sizeof out->text, "%s%s%s", ci->mnemonic, ci->op_str[0] ? " " : "", ci->op_str);
		out->valid = true;
	} else {
		size = 1;
		snprintf(out->text, sizeof out->text, "db 0x%02x", p[0]);
	}
	out->size = (uint8_t)size;
	memcpy(out->bytes, p, size);
	return size;
}

/* Neighbours: earlier instruction starts of the same kind, then straight on. */
static bool starts_here(const struct sweep *sw, size_t off, bool reached)
{
	return reached ? sw->reached[off] != 0 : (sw->flags[off] & F_START) != 0;
}

static void fill_context(struct sweep *sw, size_t off, bool reached, struct vt_fw_site *site)
{
	struct fw_ctx *ctx = sw->ctx;
	size_t before[VT_FW_CONTEXT_MAX];
	unsigned nb = 0;
	size_t floor = off > 16 * ctx->context ? off - 16 * ctx->context : 0;
	for (size_t k = off; k > floor && nb < ctx->context;)
		if (starts_here(sw, --k, reached))
			before[nb++] = k;
	while (nb > 0)
		describe(ctx, sw->c, before[--nb], &site->context[site->ncontext++]);
	site->at = site->ncontext;
	size_t next = off + describe(ctx, sw->c, off, &site->context[site->ncontext++]);
	for (unsigned k = 0; k < ctx->context && next < sw->c->len; k++)
		next += describe(ctx, sw->c, next, &site->context[site->ncontext++]);
}

static int add_site(struct sweep *sw, const struct fw_span *s, unsigned module, size_t off,
		    const struct vt_string_io *sio, bool reached)
{
	const struct fw_code *c = sw->c;
	struct vt_fw_site *site = fw_add_site(sw->ctx->rep);
	if (!site)
		return VT_ERR_NOMEM;
	site->module = module;
	site->reached = reached;
	snprintf(site->section, sizeof site->section, "%s", c->kind);
	snprintf(site->code_section, sizeof site->code_section, "%s", c->name);
	site->offset = c->start + off;
	site->rva = (uint32_t)(c->rva + off);
	site->address = c->image_base + site->rva;
	site->in_image = s->in_image;
	site->image_offset = s->in_image ? s->base + site->offset : 0;
	site->bits = c->bits;
	site->sio = *sio;
	snprintf(site->mnemonic, sizeof site->mnemonic, "%s%s", sio->rep ? (sio->prefixes.rep == 0xF2 ? "REPNE " : "REP ") : "",
		 vt_string_io_mnemonic(sio));
	fill_context(sw, off, reached, site);
	site->insn = site->context[site->at];
	if (reached)
		sw->ctx->rep->modules[module].nsites++;
	return VT_OK;
}

/* Reached sites always; linear-sweep-only ones (outside every reached
 * instruction) counted, and kept on request. */
static int collect(struct sweep *sw, const struct fw_span *s, unsigned module)
{
	struct vt_string_io sio;
	size_t covered = 0; /* end of the furthest reached instruction so far */
	for (size_t off = 0; off < sw->c->len; off++) {
		bool reached = sw->reached[off] != 0;
		bool candidate = reached || ((sw->flags[off] & F_START) && off >= covered);
		if (reached && off + sw->reached[off] > covered)
			covered = off + sw->reached[off];
		if (!candidate || !string_io_at(sw->c, off, &sio))
			continue;
		if (!reached) {
			sw->ctx->rep->unreached++;
			sw->ctx->rep->unreached_rep += sio.rep;
		}
		if (reached || sw->ctx->unreached) {
			int rc = add_site(sw, s, module, off, &sio, reached);
			if (rc)
				return rc;
		}
	}
	return VT_OK;
}

#define LEAS_MAX 65536

int fw_sweep(struct fw_ctx *ctx, const struct fw_span *s, unsigned module, const struct fw_code *c)
{
	struct sweep sw = { .ctx = ctx, .c = c };
	size_t nleas = 0;
	int rc = VT_ERR_NOMEM;

	if (!cs_ready(ctx, cs_index(c->bits)))
		return fw_warn(ctx, s, 0, "Capstone could not be opened; code not swept");
	if (c->len == 0)
		return VT_OK;
	/* Disassembly is the cost that grows (15 MiB of zero-filled "code"
	 * times 40 sections took 78 s): bounded per image, and said. */
	if (c->len > ctx->sweep_budget - (ctx->rep->code_bytes < ctx->sweep_budget ? ctx->rep->code_bytes
										    : ctx->sweep_budget)) {
		if (ctx->rep->unswept++ == 0)
			fw_warn(ctx, s, 0, "code sweep budget of 0x%zx bytes spent: this code section (0x%zx bytes) "
				"and any later one are not swept, so sites in them are missing",
				ctx->sweep_budget, c->len);
		return VT_OK;
	}
	ctx->rep->code_sections++;
	ctx->rep->code_bytes += c->len;
	sw.flags = calloc(c->len, 1);
	sw.reached = calloc(c->len, 1);
	sw.lsize = calloc(c->len, 1);
	uint32_t *leas = malloc(LEAS_MAX * sizeof *leas);
	if (sw.flags && sw.reached && sw.lsize && leas) {
		linear_pass(&sw, leas, &nleas, LEAS_MAX);
		traverse(&sw, leas, nleas);
		rc = sw.nomem ? VT_ERR_NOMEM : collect(&sw, s, module);
	}
	free(leas);
	free(sw.roots.v);
	free(sw.local.v);
	free(sw.journal.v);
	free(sw.calls.v);
	free(sw.reached);
	free(sw.lsize);
	free(sw.flags);
	return rc;
}
