/* Benchmark: REP OUTSB on the reference emulator versus Unicorn with an OUT
 * hook. The reference replays 100,000,000 elements from a 100 MB buffer in
 * long mode with identity paging (1 GiB pages, so every page is translated);
 * Unicorn runs a shorter REP OUTSB (it is ~100x slower) and both are
 * reported in ns per element.
 *   vt_bench_replay [ELEMENTS] [UNICORN_ELEMENTS] */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicorn/unicorn.h>

#include "vmtriage/replay.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#define DATA 0x40000000ull /* 1 GiB: the buffer */
#define PML4 0x1000ull

/* REP OUTSB (down: DF=1, which copies values; up: borrows them) or, with
 * ins, REP INSB, which goes element by element. */
static double bench_reference(uint64_t n, uint8_t *buf, bool down, bool ins)
{
	static uint8_t tables[0x2000];
	struct vt_region regions[2] = {
		{ .gpa = PML4, .len = sizeof tables, .data = tables },
		{ .gpa = DATA, .len = n, .data = buf },
	};
	struct vt_emu_input in = { .inst = { 0xF3, ins ? 0x6C : 0x6E }, .inst_len = 2, .regions = regions,
				   .nregions = 2, .max_elements = n };
	struct vt_result r;
	uint64_t pdpte = (1ull << 30) | 0xA3; /* 1 GiB page at 1 GiB */
	double t0, t1;

	memset(tables, 0, sizeof tables);
	tables[0] = (uint8_t)((PML4 + 0x1000) | 0x23);
	tables[1] = (uint8_t)((PML4 + 0x1000) >> 8);
	memcpy(tables + 0x1000 + 8, &pdpte, 8);
	in.cpu.mode = VT_MODE_LONG64;
	in.cpu.r[VT_REG_CR0] = 0x80010033;
	in.cpu.r[VT_REG_CR3] = PML4;
	in.cpu.r[VT_REG_CR4] = VT_CR4_PAE;
	in.cpu.r[VT_REG_EFER] = 0x500;
	in.cpu.r[VT_REG_RFLAGS] = 2 | (down ? VT_RFLAGS_DF : 0);
	in.cpu.r[VT_REG_RSI] = down ? DATA + n - 1 : DATA;
	in.cpu.r[VT_REG_RDI] = DATA;
	in.cpu.r[VT_REG_RCX] = n;
	in.cpu.r[VT_REG_RDX] = 0x402;
	vt_result_init(&r);
	t0 = now();
	struct vt_emu *e = vt_emu_new(&in, NULL);
	int rc = vt_emu_run(e, &r);
	vt_emu_free(e);
	t1 = now();
	if (rc || r.verdict != VT_VERDICT_EMULATED || r.elements != n || r.io.accesses != n ||
	    (!down && !ins && memcmp(vt_io_run_value(&r.io, &r.io.runs[0], 0), buf, (size_t)n) != 0)) {
		fprintf(stderr, "reference run wrong: %s %s\n", vt_verdict_name(r.verdict), r.detail);
		exit(1);
	}
	printf("reference %-18s %10llu elements in %.3f s = %6.2f ns/element (%zu trace run%s)\n",
	       ins ? "REP INSB:" : down ? "REP OUTSB, DF=1:" : "REP OUTSB:", (unsigned long long)n,
	       t1 - t0, (t1 - t0) * 1e9 / (double)n, r.io.nruns, r.io.nruns == 1 ? "" : "s");
	vt_result_release(&r);
	return (t1 - t0) * 1e9 / (double)n;
}

static uint64_t outs;
static void hook_out(uc_engine *uc, uint32_t port, int size, uint32_t value, void *ud)
{
	(void)uc, (void)port, (void)size, (void)value, (void)ud;
	outs++;
}

static double bench_unicorn(uint64_t n, const uint8_t *buf)
{
	uc_engine *uc;
	uc_hook h;
	uint8_t code[] = { 0xF3, 0x6E, 0xF4 };
	uint64_t rsi = DATA, rcx = n, rdx = 0x402;
	double t0, t1;

	outs = 0;
	if (uc_open(UC_ARCH_X86, UC_MODE_64, &uc) ||
	    uc_mem_map(uc, 0x1000, 0x1000, UC_PROT_ALL) ||
	    uc_mem_map(uc, DATA, (n + 0xFFF) & ~0xFFFull, UC_PROT_ALL)) {
		fprintf(stderr, "unicorn setup failed\n");
		exit(1);
	}
	uc_mem_write(uc, 0x1000, code, sizeof code);
	uc_mem_write(uc, DATA, buf, (size_t)n);
	uc_reg_write(uc, UC_X86_REG_RSI, &rsi);
	uc_reg_write(uc, UC_X86_REG_RCX, &rcx);
	uc_reg_write(uc, UC_X86_REG_RDX, &rdx);
	uc_hook_add(uc, &h, UC_HOOK_INSN, (void *)hook_out, NULL, 1, 0, UC_X86_INS_OUT);
	t0 = now();
	uc_emu_start(uc, 0x1000, 0x1002, 0, 0);
	t1 = now();
	uc_close(uc);
	if (outs != n) {
		fprintf(stderr, "unicorn ran %llu of %llu elements\n", (unsigned long long)outs, (unsigned long long)n);
		exit(1);
	}
	printf("unicorn   REP OUTSB + OUT hook: %llu elements in %.3f s = %.2f ns/element (OUT hook)\n", (unsigned long long)n,
	       t1 - t0, (t1 - t0) * 1e9 / (double)n);
	return (t1 - t0) * 1e9 / (double)n;
}

int main(int argc, char **argv)
{
	uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 0) : 100000000ull;
	uint64_t nu = argc > 2 ? strtoull(argv[2], NULL, 0) : 5000000ull;
	uint8_t *buf = malloc((size_t)(n > nu ? n : nu));

	if (!buf)
		return 1;
	for (uint64_t i = 0; i < (n > nu ? n : nu); i++)
		buf[i] = (uint8_t)(' ' + i % 95);
	/* Best of three: the machine is shared. */
	double ref = 1e9, down = 1e9, ins = 1e9, uni = 1e9;
	for (int i = 0; i < 3; i++) {
		double a = bench_reference(n, buf, false, false), b = bench_reference(n, buf, true, false);
		double c = bench_reference(n / 10, buf, false, true), d = bench_unicorn(nu, buf);
		ref = a < ref ? a : ref;
		down = b < down ? b : down;
		ins = c < ins ? c : ins;
		uni = d < uni ? d : uni;
	}
	printf("best of 3 (ns/element): reference REP OUTSB %.2f, DF=1 %.2f, REP INSB %.2f; unicorn %.2f\n",
	       ref, down, ins, uni);
	printf("ratio vs unicorn: REP OUTSB %.0fx, REP OUTSB DF=1 %.1fx\n", uni / ref, uni / down);
	free(buf);
	return 0;
}
