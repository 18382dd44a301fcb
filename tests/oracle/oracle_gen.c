/* Seeded random snapshots covering prefixes x modes x DF x address sizes x
 * wrap-around x segment bases x IN values. Paging is off: Unicorn 2.0.1
 * ignores guest page tables (paging has its own hand-built oracle in
 * tests/unit/test_emu_paging.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"

uint64_t rng_next(struct rng *r)
{
	/* xorshift64*: small, seedable, good enough for test generation. */
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545F4914F6CDD1Dull;
}

uint64_t rng_below(struct rng *r, uint64_t n)
{
	return n ? rng_next(r) % n : 0;
}

static cJSON *hex64(uint64_t v)
{
	char b[24];
	snprintf(b, sizeof b, "0x%llx", (unsigned long long)v);
	return cJSON_CreateString(b);
}

static const char *const modes[] = { "real16", "prot16", "prot32", "compat32", "long64" };

static size_t gen_inst(struct rng *r, unsigned mode, uint8_t *inst)
{
	static const uint8_t segs[] = { 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65 };
	uint8_t legacy[4];
	size_t n = 0, k = 0;
	uint64_t rep = rng_below(r, 10);

	if (rep < 4)
		legacy[n++] = 0xF3;
	else if (rep < 6)
		legacy[n++] = 0xF2;
	if (rng_below(r, 2))
		legacy[n++] = 0x66;
	if (rng_below(r, 5) < 2)
		legacy[n++] = 0x67;
	if (rng_below(r, 5) < 2)
		legacy[n++] = segs[rng_below(r, 6)];
	for (size_t i = n; i > 1; i--) { /* any order */
		size_t j = (size_t)rng_below(r, i);
		uint8_t t = legacy[i - 1];
		legacy[i - 1] = legacy[j];
		legacy[j] = t;
	}
	memcpy(inst, legacy, n);
	k = n;
	if (mode == 4 && rng_below(r, 10) < 3)
		inst[k++] = (uint8_t)(0x40 + rng_below(r, 16)); /* REX: last prefix, ignored */
	inst[k++] = (uint8_t)(0x6C + rng_below(r, 4));
	inst[k++] = 0xEB; /* what follows the instruction: ignored */
	inst[k++] = 0xFE;
	return k;
}

/* A pointer that often sits at the edges of its address size. */
static uint64_t gen_ptr(struct rng *r, unsigned abits, uint64_t reach)
{
	uint64_t mask = abits == 64 ? ~0ull : (1ull << abits) - 1, kind = rng_below(r, 4);
	if (abits == 64) /* Unicorn maps physical memory only: stay low, away from 0 */
		return reach + rng_below(r, 1ull << 32);
	if (kind == 0)
		return mask - rng_below(r, 48);
	if (kind == 1)
		return rng_below(r, 48);
	return rng_next(r) & mask;
}

struct touched {
	uint64_t pages[512];
	size_t n;
};

static int touch(struct touched *t, uint64_t la)
{
	uint64_t p = la & ~0xFFFull;
	for (size_t i = 0; i < t->n; i++)
		if (t->pages[i] == p)
			return 0;
	if (t->n == 512)
		return -1;
	t->pages[t->n++] = p;
	return 0;
}

/* Linear pages the elements touch (paging is off, so pages are physical). */
static int pages_for(const struct vt_snapshot *s, struct touched *t)
{
	struct vt_emu *e = vt_emu_new(&s->input, NULL);
	const struct vt_cpu *c = &s->input.cpu;
	struct vt_string_io sio;
	uint64_t mask, ptr, n;
	int rc = 0;

	if (!e)
		return -1;
	if (vt_string_io_decode(s->input.inst, s->input.inst_len, vt_mode_code_bits(c->mode), &sio)) {
		vt_emu_free(e);
		return -1;
	}
	mask = sio.addr_bits == 64 ? ~0ull : (1ull << sio.addr_bits) - 1;
	ptr = c->r[sio.in ? VT_REG_RDI : VT_REG_RSI] & mask;
	n = sio.rep ? c->r[VT_REG_RCX] & mask : 1;
	for (uint64_t k = 0; k < n && rc == 0; k++) {
		uint64_t la = vt_emu_linear(e, sio.segment, ptr);
		for (unsigned b = 0; b < sio.size && rc == 0; b++) {
			uint64_t a = la + b;
			if (c->mode != VT_MODE_LONG64)
				a &= 0xFFFFFFFFull;
			rc = touch(t, a);
		}
		ptr = ((c->r[VT_REG_RFLAGS] & VT_RFLAGS_DF) ? ptr - sio.size : ptr + sio.size) & mask;
	}
	vt_emu_free(e);
	return rc;
}

static void add_segments(struct rng *r, unsigned mode, cJSON *snap)
{
	static const char *const names[] = { "es", "cs", "ss", "ds", "fs", "gs" };
	cJSON *segs = cJSON_AddObjectToObject(snap, "segments");
	for (unsigned i = 0; i < 6; i++) {
		cJSON *s = cJSON_AddObjectToObject(segs, names[i]);
		if (mode == 0) {
			uint64_t sel = i == 1 ? ORACLE_REAL_CS : rng_below(r, 0x10000);
			cJSON_AddItemToObject(s, "selector", hex64(sel));
			cJSON_AddItemToObject(s, "base", hex64(sel << 4));
		} else if (i == 1) {
			cJSON_AddItemToObject(s, "base", hex64(0)); /* Unicorn's begin is EIP: keep CS flat */
		} else {
			uint64_t base = rng_below(r, 3) ? rng_next(r) & 0xFFFFFFFFull : 0;
			if (mode == 4 && (i == 4 || i == 5))
				base = rng_below(r, 1ull << 32);
			cJSON_AddItemToObject(s, "base", hex64(base));
		}
	}
}

static void add_regs(struct rng *r, unsigned mode, const struct vt_string_io *sio, cJSON *snap)
{
	cJSON *regs = cJSON_AddObjectToObject(snap, "regs");
	uint64_t amask = sio->addr_bits == 64 ? ~0ull : (1ull << sio->addr_bits) - 1;
	uint64_t wide = mode >= 3 ? ~0ull : 0xFFFFFFFFull; /* register width */
	uint64_t count = rng_below(r, 10) ? rng_below(r, 24) : 0;
	uint64_t garbage = rng_next(r) & wide & ~amask;
	static const uint16_t ports[] = { 0x402, 0x1F0, 0x3F8, 0x80, 0x170 };
	uint64_t port = rng_below(r, 4) ? ports[rng_below(r, 5)] : rng_below(r, 0x10000);

	cJSON_AddItemToObject(regs, "rip", hex64(mode == 0 ? ORACLE_REAL_IP : mode == 3 ? ORACLE_CODE + 0x800 : ORACLE_CODE));
	cJSON_AddItemToObject(regs, "rsi", hex64((gen_ptr(r, sio->addr_bits, 256) | (rng_next(r) & wide & ~amask))));
	cJSON_AddItemToObject(regs, "rdi", hex64((gen_ptr(r, sio->addr_bits, 256) | (rng_next(r) & wide & ~amask))));
	cJSON_AddItemToObject(regs, "rcx", hex64((count | garbage) & wide));
	cJSON_AddItemToObject(regs, "rdx", hex64((port | (rng_next(r) & 0xFFFF0000ull)) & wide));
	cJSON_AddItemToObject(regs, "rflags", hex64(0x2 | (rng_below(r, 2) ? VT_RFLAGS_DF : 0)));
	cJSON_AddItemToObject(regs, "cr0", hex64(mode == 0 ? 0x10 : 0x11));
	cJSON_AddItemToObject(regs, "efer", hex64(mode >= 3 ? 0x500 : 0));
}

static void add_memory(struct rng *r, const struct touched *t, cJSON *snap)
{
	cJSON *mem = cJSON_AddArrayToObject(snap, "memory");
	char *hex = malloc(8193);
	for (size_t i = 0; i < t->n && hex; i++) {
		cJSON *reg = cJSON_CreateObject();
		for (size_t b = 0; b < 4096; b++)
			snprintf(hex + 2 * b, 3, "%02x", (unsigned)rng_below(r, 256));
		cJSON_AddItemToObject(reg, "gpa", hex64(t->pages[i]));
		cJSON_AddStringToObject(reg, "hex", hex);
		cJSON_AddItemToArray(mem, reg);
	}
	free(hex);
}

static void add_ports(struct rng *r, cJSON *snap, uint64_t port)
{
	cJSON *ports = cJSON_AddObjectToObject(snap, "ports"), *p, *in;
	char key[16];
	if (rng_below(r, 4) == 0)
		return; /* no inputs: all ones */
	snprintf(key, sizeof key, "0x%llx", (unsigned long long)port);
	p = cJSON_AddObjectToObject(ports, key);
	in = cJSON_AddArrayToObject(p, "in");
	for (uint64_t i = rng_below(r, 20); i > 0; i--)
		cJSON_AddItemToArray(in, hex64(rng_next(r) & 0xFFFFFFFFull));
	if (rng_below(r, 2))
		cJSON_AddItemToObject(p, "then", hex64(rng_next(r) & 0xFFFFFFFFull));
}

static bool clashes(const struct touched *t, unsigned mode)
{
	for (size_t i = 0; i < t->n; i++) {
		uint64_t p = t->pages[i];
		if (mode == 0 ? p == 0xF0000 : (p == ORACLE_GDT || p == ORACLE_CODE || p == ORACLE_PROLOGUE))
			return true;
	}
	return false;
}

cJSON *oracle_generate(uint64_t seed, uint64_t index)
{
	struct rng r = { seed * 0x9E3779B97F4A7C15ull + index * 0xD1B54A32D192ED03ull + 1 };
	for (int attempt = 0; attempt < 100; attempt++) {
		unsigned mode = (unsigned)rng_below(&r, 5);
		uint8_t inst[24];
		size_t n = gen_inst(&r, mode, inst);
		struct vt_string_io sio;
		struct vt_snapshot *s;
		struct touched t = { .n = 0 };
		char hex[64], name[64];
		cJSON *snap = cJSON_CreateObject();

		vt_string_io_decode(inst, n, mode == 0 || mode == 1 ? 16 : mode == 4 ? 64 : 32, &sio);
		snprintf(name, sizeof name, "oracle-%llu-%llu", (unsigned long long)seed, (unsigned long long)index);
		cJSON_AddNumberToObject(snap, "vmtriage_snapshot", 1);
		cJSON_AddStringToObject(snap, "name", name);
		cJSON_AddStringToObject(snap, "mode", modes[mode]);
		vt_hex_bytes(inst, n, ' ', hex, sizeof hex);
		cJSON_AddStringToObject(snap, "inst", hex);
		add_regs(&r, mode, &sio, snap);
		add_segments(&r, mode, snap);
		char *text = cJSON_PrintUnformatted(snap);
		int ok = text && vt_snapshot_parse(text, strlen(text), name, NULL, &s, NULL) == VT_OK;
		free(text);
		if (ok) {
			ok = pages_for(s, &t) == 0 && !clashes(&t, mode);
			if (ok)
				add_ports(&r, snap, s->input.cpu.r[VT_REG_RDX] & 0xFFFF);
			vt_snapshot_free(s);
		}
		if (ok) {
			add_memory(&r, &t, snap);
			return snap;
		}
		cJSON_Delete(snap);
	}
	return NULL;
}
