/* The reference emulator on an arbitrary CPU state, instruction bytes,
 * guest memory and port inputs, laid out straight from the input (no JSON,
 * so every mutation reaches the emulator):
 *   [0..15)  instruction bytes   [15] length   [16] mode   [17] cpl
 *   [18..)   registers, 8 bytes each (VT_REG_COUNT); six segment bases;
 *            a gpa (page-aligned); eight words for one port (its number,
 *            seven IN values); then the rest is guest memory at that gpa,
 *            with a 2 MiB fill region below it when there is room.
 * max_elements is small so a huge RCX ends at the limit, and it must (256:
 * more elements found no new coverage and cost 12x the executions). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vmtriage/emu.h"
#include "vmtriage/replay.h"
#include "vmtriage/replay_report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ELEMENTS 256u

static uint64_t take64(const uint8_t **p, size_t *n)
{
	uint64_t v = 0;
	for (int i = 0; i < 8 && *n; i++, (*p)++, (*n)--)
		v |= (uint64_t)**p << (8 * i);
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vt_emu_input in;
	struct vt_region regions[2];
	struct vt_port_input port;
	uint64_t values[8];
	struct vt_error err;

	if (size < 18)
		return 0;
	memset(&in, 0, sizeof in);
	memcpy(in.inst, data, VT_INSN_MAX);
	in.inst_len = data[15] % (VT_INSN_MAX + 1);
	in.cpu.mode = (enum vt_mode)(data[16] % VT_MODE_COUNT);
	in.cpu.cpl = data[17] & 3;
	const uint8_t *p = data + 18;
	size_t n = size - 18;
	for (int r = 0; r < VT_REG_COUNT; r++)
		in.cpu.r[r] = take64(&p, &n);
	for (int s = 0; s < VT_SEG_COUNT; s++) {
		uint64_t desc;
		in.cpu.seg[s].base = take64(&p, &n);
		in.cpu.seg[s].selector = (uint16_t)in.cpu.seg[s].base;
		desc = take64(&p, &n); /* limit, access rights, which of them to check */
		in.cpu.seg[s].limit = (uint32_t)desc;
		in.cpu.seg[s].access = (uint32_t)(desc >> 32) & (VT_AR_UNUSABLE | 0xFFFFu);
		in.cpu.seg[s].has_limit = (desc >> 49) & 1;
		in.cpu.seg[s].has_access = (desc >> 50) & 1;
	}
	uint64_t gpa = take64(&p, &n) & ~0xfffull;
	for (size_t i = 0; i < 8; i++)
		values[i] = take64(&p, &n);
	port = (struct vt_port_input){ .port = (uint16_t)values[0], .values = values + 1, .count = 7,
				       .then = values[0] >> 16 };
	in.ports = &port;
	in.nports = 1;
	/* The page at gpa holds the rest of the input; a fill region lies below
	 * it (regions sorted, non-overlapping), so page tables can point at either. */
	size_t nr = 0;
	if (gpa >= 0x200000)
		regions[nr++] = (struct vt_region){ .gpa = 0, .len = 0x200000, .fill = (uint8_t)values[1] };
	if (n)
		regions[nr++] = (struct vt_region){ .gpa = gpa, .len = n, .data = p };
	in.regions = regions;
	in.nregions = nr;
	in.max_elements = MAX_ELEMENTS;

	struct vt_emu *e = vt_emu_new(&in, &err);
	if (!e)
		return 0;
	struct vt_result r;
	vt_result_init(&r);
	if (vt_emu_run(e, &r) == VT_OK) {
		if (r.elements > MAX_ELEMENTS || r.io.accesses > MAX_ELEMENTS)
			__builtin_trap(); /* max_elements not honoured */
		vt_json_free(vt_result_json(&r, "fuzz", NULL));
	}
	vt_result_release(&r);
	vt_emu_free(e);
	return 0;
}
