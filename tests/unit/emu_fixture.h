/* Test fixture for the emulator: one guest-physical region of 1 MiB at 0
 * (page tables and data), CPU state, ports, and a run helper. Header-only:
 * each test file is its own executable. */
#ifndef VT_EMU_FIXTURE_H
#define VT_EMU_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "vmtriage/bytes.h"
#include "vmtriage/replay.h"

#define FX_RAM (1u << 20)

struct fx {
	struct vt_emu_input in;
	struct vt_region region;
	uint8_t *ram;
	struct vt_port_input ports[2];
	uint64_t values[16];
	struct vt_result r;
};

static inline void fx_init(struct fx *f, enum vt_mode mode, const char *inst)
{
	memset(f, 0, sizeof *f);
	f->ram = calloc(1, FX_RAM);
	f->region = (struct vt_region){ .gpa = 0, .len = FX_RAM, .data = f->ram };
	f->in.regions = &f->region;
	f->in.nregions = 1;
	f->in.cpu.mode = mode;
	f->in.cpu.r[VT_REG_RFLAGS] = 0x2;
	if (mode != VT_MODE_REAL16)
		f->in.cpu.r[VT_REG_CR0] = VT_CR0_PE;
	if (mode >= VT_MODE_COMPAT32)
		f->in.cpu.r[VT_REG_EFER] = 0x500;
	vt_bytes_parse_list(inst, strlen(inst), VT_RADIX_HEX, f->in.inst, VT_INSN_MAX, &f->in.inst_len,
			    NULL, NULL, NULL);
	vt_result_init(&f->r);
}

static inline void fx_release(struct fx *f)
{
	vt_result_release(&f->r);
	free(f->ram);
}

static inline uint64_t *fx_reg(struct fx *f, enum vt_reg r)
{
	return &f->in.cpu.r[r];
}

static inline void fx_put(struct fx *f, uint64_t gpa, const void *bytes, size_t n)
{
	memcpy(f->ram + gpa, bytes, n);
}

static inline void fx_put64(struct fx *f, uint64_t gpa, uint64_t v, unsigned size)
{
	for (unsigned i = 0; i < size; i++)
		f->ram[gpa + i] = (uint8_t)(v >> (8 * i));
}

static inline void fx_port(struct fx *f, uint16_t port, const uint64_t *vals, size_t n, uint64_t then)
{
	struct vt_port_input *p = &f->ports[f->in.nports++];
	memcpy(f->values, vals, n * sizeof *vals);
	*p = (struct vt_port_input){ .port = port, .values = f->values, .count = n, .then = then };
	f->in.ports = f->ports;
}

/* Run and return the VT status; the result is in f->r. */
static inline int fx_run(struct fx *f)
{
	struct vt_emu *e = vt_emu_new(&f->in, NULL);
	int rc;
	vt_result_release(&f->r);
	rc = vt_emu_run(e, &f->r);
	vt_emu_free(e);
	return rc;
}

/* The i-th io access. */
static inline struct vt_io_access fx_io(const struct fx *f, uint64_t i)
{
	struct vt_io_iter it = { 0 };
	struct vt_io_access a = { 0 };
	for (uint64_t k = 0; k <= i; k++)
		if (!vt_io_trace_next(&f->r.io, &it, &a))
			return (struct vt_io_access){ .size = 0 };
	return a;
}

/* All OUT values, as bytes of size 1 (for string comparisons). */
static inline size_t fx_out_bytes(const struct fx *f, char *buf, size_t max)
{
	struct vt_io_iter it = { 0 };
	struct vt_io_access a;
	size_t n = 0;
	while (n + 1 < max && vt_io_trace_next(&f->r.io, &it, &a))
		buf[n++] = (char)a.value;
	buf[n] = '\0';
	return n;
}

#endif
