/* Run one snapshot's instruction on Unicorn 2 (QEMU TCG) and describe the
 * outcome as a struct vt_result. Segments are loaded from a GDT we build,
 * IN/OUT go through UC_HOOK_INSN, memory writes through UC_HOOK_MEM_WRITE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicorn/unicorn.h>

#include "oracle.h"

struct uc_run {
	const struct vt_snapshot *snap;
	struct vt_result *out;
	size_t *next;          /* per snapshot port: values consumed */
	uint64_t writes[8192]; /* byte addresses written */
	size_t nwrites;
	bool overflow, started;
	uint64_t target;       /* linear address of the instruction under test */
};

static uint32_t hook_in(uc_engine *uc, uint32_t port, int size, void *ud)
{
	struct uc_run *run = ud;
	const struct vt_emu_input *in = &run->snap->input;
	uint32_t v = 0xFFFFFFFFu, mask = size >= 4 ? 0xFFFFFFFFu : (1u << (8 * size)) - 1;
	(void)uc;
	for (size_t i = 0; i < in->nports; i++)
		if (in->ports[i].port == port) {
			v = run->next[i] < in->ports[i].count ? (uint32_t)in->ports[i].values[run->next[i]++]
							      : (uint32_t)in->ports[i].then;
			break;
		}
	vt_io_trace_add(&run->out->io, VT_IO_IN, (uint16_t)port, (unsigned)size, v & mask);
	return v & mask;
}

static void hook_out(uc_engine *uc, uint32_t port, int size, uint32_t value, void *ud)
{
	struct uc_run *run = ud;
	uint32_t mask = size >= 4 ? 0xFFFFFFFFu : (1u << (8 * size)) - 1;
	(void)uc;
	vt_io_trace_add(&run->out->io, VT_IO_OUT, (uint16_t)port, (unsigned)size, value & mask);
}

static bool hook_write(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value, void *ud)
{
	struct uc_run *run = ud;
	(void)uc, (void)type, (void)value;
	for (int i = 0; i < size; i++) {
		if (run->nwrites == sizeof run->writes / sizeof run->writes[0]) {
			run->overflow = true;
			break;
		}
		run->writes[run->nwrites++] = addr + (uint64_t)i;
	}
	return true;
}

/* Stop as soon as execution reaches any other instruction: a REP string
 * instruction re-enters its own address once per element. */
static void hook_code(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
	struct uc_run *run = ud;
	(void)size;
	if (addr == run->target)
		run->started = true;
	else if (run->started)
		uc_emu_stop(uc);
}

static void descriptor(uint8_t *d, uint64_t base, bool code, unsigned flags)
{
	uint32_t limit = 0xFFFFF;
	d[0] = (uint8_t)limit;
	d[1] = (uint8_t)(limit >> 8);
	d[2] = (uint8_t)base;
	d[3] = (uint8_t)(base >> 8);
	d[4] = (uint8_t)(base >> 16);
	d[5] = code ? 0x9B : 0x93;
	d[6] = (uint8_t)(flags << 4 | (limit >> 16));
	d[7] = (uint8_t)(base >> 24);
}

static const int seg_regs[VT_SEG_COUNT] = { UC_X86_REG_ES, UC_X86_REG_CS, UC_X86_REG_SS,
					    UC_X86_REG_DS, UC_X86_REG_FS, UC_X86_REG_GS };

/* Protected modes: one descriptor a segment, CS shaped by the mode. */
static int load_segments(uc_engine *uc, const struct vt_cpu *c)
{
	uint8_t gdt[8 * 8] = { 0 };
	uc_x86_mmr gdtr = { .base = ORACLE_GDT, .limit = sizeof gdt - 1 };
	unsigned cs_flags = c->mode == VT_MODE_PROT16 ? 0x8 : c->mode == VT_MODE_LONG64 ? 0xA : 0xC;

	for (unsigned s = 0; s < VT_SEG_COUNT; s++)
		descriptor(gdt + 8 * (s + 1), c->seg[s].base & 0xFFFFFFFFu, s == VT_SEG_CS,
			   s == VT_SEG_CS ? cs_flags : 0xC);
	if (uc_mem_write(uc, ORACLE_GDT, gdt, sizeof gdt) || uc_reg_write(uc, UC_X86_REG_GDTR, &gdtr))
		return -1;
	if (c->mode == VT_MODE_COMPAT32)
		return 0; /* the guest prologue loads them */
	for (unsigned s = 0; s < VT_SEG_COUNT; s++) {
		unsigned s2 = s == 0 ? VT_SEG_CS : s == VT_SEG_CS ? VT_SEG_ES : s; /* CS first */
		uint16_t sel = (uint16_t)(8 * (s2 + 1));
		if (uc_reg_write(uc, seg_regs[s2], &sel))
			return -1;
	}
	if (c->mode == VT_MODE_LONG64) {
		uint64_t fs = c->seg[VT_SEG_FS].base, gs = c->seg[VT_SEG_GS].base;
		if (uc_reg_write(uc, UC_X86_REG_FS_BASE, &fs) || uc_reg_write(uc, UC_X86_REG_GS_BASE, &gs))
			return -1;
	}
	return 0;
}

/* compat32: Unicorn's 64-bit mode only records a written CS selector, so a
 * 64-bit prologue at ORACLE_PROLOGUE loads the data segments from the GDT
 * and far-jumps to the 32-bit code segment at the snapshot's RIP. */
static void compat_prologue(uint8_t *p, uint32_t eip)
{
	static const uint8_t modrm[] = { 0x05, 0x15, 0x1D, 0x25, 0x2D }; /* es ss ds fs gs */
	static const unsigned segs[] = { VT_SEG_ES, VT_SEG_SS, VT_SEG_DS, VT_SEG_FS, VT_SEG_GS };
	size_t n = 0, data = 0x400; /* selectors and the far pointer live at +0x400 */

	for (unsigned i = 0; i < 5; i++) { /* mov sreg, [rip + disp32] */
		int32_t disp = (int32_t)(data + 2 * i - (n + 6));
		p[n++] = 0x8E;
		p[n++] = modrm[i];
		memcpy(p + n, &disp, 4);
		n += 4;
		p[data + 2 * i] = (uint8_t)(8 * (segs[i] + 1));
	}
	int32_t disp = (int32_t)(data + 16 - (n + 6)); /* jmp far [rip + disp32] (m16:32) */
	p[n++] = 0xFF;
	p[n++] = 0x2D;
	memcpy(p + n, &disp, 4);
	memcpy(p + data + 16, &eip, 4);
	p[data + 20] = 8 * (VT_SEG_CS + 1);
}

/* Linear address of the instruction: CS base + RIP (32-bit outside long64). */
uint64_t oracle_code_linear(const struct vt_cpu *c)
{
	if (c->mode == VT_MODE_LONG64)
		return c->r[VT_REG_RIP];
	return (c->seg[VT_SEG_CS].base + c->r[VT_REG_RIP]) & 0xFFFFFFFFull;
}

static int map_page(uc_engine *uc, uint64_t page)
{
	uc_err e = uc_mem_map(uc, page & ~0xFFFull, 0x1000, UC_PROT_ALL);
	return e == UC_ERR_OK || e == UC_ERR_MAP ? 0 : -1; /* UC_ERR_MAP: mapped already */
}

/* Every page a region touches (Unicorn maps whole pages), then its bytes. */
static int map_region(uc_engine *uc, const struct vt_region *r)
{
	static const uint8_t zero[0x1000];
	uint8_t fill[0x1000];
	if (r->len > (256u << 20))
		return -1;
	for (uint64_t p = r->gpa & ~0xFFFull; p < r->gpa + r->len; p += 0x1000)
		if (map_page(uc, p))
			return -1;
	if (r->data)
		return uc_mem_write(uc, r->gpa, r->data, r->len) ? -1 : 0;
	memset(fill, r->fill, sizeof fill);
	for (uint64_t o = 0; o < r->len; o += sizeof fill) {
		size_t k = r->len - o < sizeof fill ? (size_t)(r->len - o) : sizeof fill;
		if (uc_mem_write(uc, r->gpa + o, r->fill ? fill : zero, k))
			return -1;
	}
	return 0;
}

static int map_code(uc_engine *uc, const struct vt_snapshot *s)
{
	const struct vt_cpu *c = &s->input.cpu;
	uint64_t code = oracle_code_linear(c);

	if (map_page(uc, code) || map_page(uc, code + s->input.inst_len - 1) ||
	    uc_mem_write(uc, code, s->input.inst, s->input.inst_len))
		return -1;
	if (c->mode == VT_MODE_REAL16)
		return 0;
	if (map_page(uc, ORACLE_GDT))
		return -1;
	if (c->mode == VT_MODE_COMPAT32) {
		uint8_t page[0x1000] = { 0 };
		compat_prologue(page, (uint32_t)c->r[VT_REG_RIP]);
		if (map_page(uc, ORACLE_PROLOGUE) || uc_mem_write(uc, ORACLE_PROLOGUE, page, sizeof page))
			return -1;
	}
	return 0;
}

static int setup(uc_engine *uc, const struct vt_snapshot *s, char *why, size_t n)
{
	const struct vt_cpu *c = &s->input.cpu;
	static const int gprs[] = { UC_X86_REG_RAX, UC_X86_REG_RCX, UC_X86_REG_RDX, UC_X86_REG_RBX,
				    UC_X86_REG_RSP, UC_X86_REG_RBP, UC_X86_REG_RSI, UC_X86_REG_RDI };
	static const int gprs32[] = { UC_X86_REG_EAX, UC_X86_REG_ECX, UC_X86_REG_EDX, UC_X86_REG_EBX,
				      UC_X86_REG_ESP, UC_X86_REG_EBP, UC_X86_REG_ESI, UC_X86_REG_EDI };
	bool wide = c->mode >= VT_MODE_COMPAT32;
	uint64_t fl = c->r[VT_REG_RFLAGS];

	for (size_t i = 0; i < s->input.nregions; i++)
		if (map_region(uc, &s->input.regions[i])) {
			snprintf(why, n, "cannot map 0x%llx", (unsigned long long)s->input.regions[i].gpa);
			return -1;
		}
	if (map_code(uc, s)) {
		snprintf(why, n, "cannot map code");
		return -1;
	}
	if (c->mode == VT_MODE_REAL16) {
		for (unsigned sg = 0; sg < VT_SEG_COUNT; sg++) {
			uint16_t sel = c->seg[sg].selector;
			if (uc_reg_write(uc, seg_regs[sg], &sel))
				return -1;
		}
	} else if (load_segments(uc, c)) {
		snprintf(why, n, "cannot load segments");
		return -1;
	}
	for (unsigned i = 0; i < 8; i++) {
		uint64_t v = c->r[i];
		if (uc_reg_write(uc, wide ? gprs[i] : gprs32[i], &v))
			return -1;
	}
	return uc_reg_write(uc, UC_X86_REG_EFLAGS, &fl) ? -1 : 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void collect(uc_engine *uc, struct uc_run *run)
{
	const struct vt_cpu *c = &run->snap->input.cpu;
	struct vt_result *out = run->out;
	bool wide = c->mode >= VT_MODE_COMPAT32;
	static const int gprs[] = { UC_X86_REG_RAX, UC_X86_REG_RCX, UC_X86_REG_RDX, UC_X86_REG_RBX,
				    UC_X86_REG_RSP, UC_X86_REG_RBP, UC_X86_REG_RSI, UC_X86_REG_RDI };
	static const int gprs32[] = { UC_X86_REG_EAX, UC_X86_REG_ECX, UC_X86_REG_EDX, UC_X86_REG_EBX,
				      UC_X86_REG_ESP, UC_X86_REG_EBP, UC_X86_REG_ESI, UC_X86_REG_EDI };

	memcpy(out->regs_before, c->r, sizeof out->regs_before);
	memcpy(out->regs_after, c->r, sizeof out->regs_after);
	for (unsigned i = 0; i < 8; i++) {
		uint64_t v = 0;
		uc_reg_read(uc, wide ? gprs[i] : gprs32[i], &v);
		out->regs_after[i] = wide ? v : v & 0xFFFFFFFFull;
	}
	uint64_t rip = 0;
	uc_reg_read(uc, wide ? UC_X86_REG_RIP : UC_X86_REG_EIP, &rip);
	if (c->mode == VT_MODE_REAL16) /* Unicorn reports CS.base + IP in 16-bit mode */
		rip -= c->seg[VT_SEG_CS].base;
	out->regs_after[VT_REG_RIP] = wide ? rip : rip & 0xFFFFFFFFull;
	out->regs_reported = VT_RESULT_ALWAYS_REGS;
	for (unsigned i = 0; i < VT_REG_COUNT; i++)
		if (out->regs_before[i] != out->regs_after[i])
			out->regs_reported |= 1u << i;
	qsort(run->writes, run->nwrites, sizeof run->writes[0], cmp_u64);
	for (size_t i = 0; i < run->nwrites; i++) {
		uint8_t b;
		if (i && run->writes[i] == run->writes[i - 1])
			continue;
		uc_mem_read(uc, run->writes[i], &b, 1);
		vt_mem_ranges_add(&out->memory_writes, run->writes[i], &b, 1);
	}
	out->elements = out->io.accesses;
	out->has_verdict = true;
	out->verdict = VT_VERDICT_EMULATED;
}

int oracle_unicorn(const struct vt_snapshot *snap, struct vt_result *out, char *why, size_t n)
{
	const struct vt_cpu *c = &snap->input.cpu;
	uc_mode mode = c->mode == VT_MODE_REAL16 ? UC_MODE_16 : c->mode >= VT_MODE_COMPAT32 ? UC_MODE_64 : UC_MODE_32;
	struct uc_run *run = calloc(1, sizeof *run);
	uc_engine *uc = NULL;
	uc_hook h1, h2, h3, h4;
	uc_err e;
	int rc = -1;

	if (!run || !(run->next = calloc(snap->input.nports + 1, sizeof *run->next)))
		goto out;
	run->snap = snap;
	run->out = out;
	if ((e = uc_open(UC_ARCH_X86, mode, &uc)) != UC_ERR_OK) {
		snprintf(why, n, "uc_open: %s", uc_strerror(e));
		goto out;
	}
	if (setup(uc, snap, why, n))
		goto out;
	uc_hook_add(uc, &h1, UC_HOOK_INSN, (void *)hook_in, run, 1, 0, UC_X86_INS_IN);
	uc_hook_add(uc, &h2, UC_HOOK_INSN, (void *)hook_out, run, 1, 0, UC_X86_INS_OUT);
	uc_hook_add(uc, &h3, UC_HOOK_MEM_WRITE, (void *)hook_write, run, 1, 0);
	uc_hook_add(uc, &h4, UC_HOOK_CODE, (void *)hook_code, run, 1, 0);
	run->target = oracle_code_linear(c);
	e = uc_emu_start(uc, c->mode == VT_MODE_COMPAT32 ? ORACLE_PROLOGUE : c->r[VT_REG_RIP], 1, 2000000, 0);
	if (e != UC_ERR_OK) {
		snprintf(why, n, "uc_emu_start: %s", uc_strerror(e));
		goto out;
	}
	if (run->overflow) {
		snprintf(why, n, "too many memory writes to record");
		goto out;
	}
	collect(uc, run);
	rc = 0;
out:
	if (uc)
		uc_close(uc);
	if (run)
		free(run->next);
	free(run);
	return rc;
}
