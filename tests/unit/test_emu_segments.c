/* Segment limit, type and usability checks (SDM vol. 3 5.3-5.5; bhyve's
 * vie_calculate_gla does the same before it forms a linear address). */
#include <criterion/criterion.h>

#include "emu_fixture.h"

static struct fx f;

static void teardown(void) { fx_release(&f); }
TestSuite(segments, .fini = teardown);

#define AR_DATA_RW 0xc093u      /* present, S, read/write accessed data, D/B, G */
#define AR_DATA_RO 0xc091u      /* read-only data */
#define AR_DATA_DOWN32 0xc097u  /* read/write expand-down, D/B = 1 */
#define AR_DATA_DOWN16 0x0097u  /* read/write expand-down, D/B = 0 */
#define AR_CODE_XO 0xc099u      /* execute-only code */
#define AR_CODE_XR 0xc09bu      /* execute/read code */

static void limit(enum vt_seg s, uint32_t lim)
{
	f.in.cpu.seg[s].limit = lim;
	f.in.cpu.seg[s].has_limit = true;
}

static void access(enum vt_seg s, uint32_t ar)
{
	f.in.cpu.seg[s].access = ar;
	f.in.cpu.seg[s].has_access = true;
}

static void expect_fault(uint8_t vector, uint64_t elements)
{
	cr_assert_eq(f.r.verdict, VT_VERDICT_GUEST_FAULT);
	cr_assert_eq(f.r.fault.vector, vector);
	cr_assert(f.r.fault.has_error_code);
	cr_assert_eq(f.r.fault.error_code, 0);
	cr_assert_not(f.r.fault.has_cr2);
	cr_assert_eq(f.r.elements, elements);
}

Test(segments, real_mode_word_at_offset_ffff_overruns_a_64k_segment)
{
	fx_init(&f, VT_MODE_REAL16, "6f"); /* OUTSW */
	limit(VT_SEG_DS, 0xffff);
	*fx_reg(&f, VT_REG_RSI) = 0xffff;
	fx_run(&f);
	expect_fault(VT_VEC_GP, 0);
	cr_assert_eq(f.r.io.accesses, 0);
	cr_assert_eq(f.r.regs_after[VT_REG_RSI], 0xffff, "a faulting element changes nothing");
	cr_assert_eq(f.r.regs_after[VT_REG_RIP], 0);
}

Test(segments, real_mode_byte_elements_wrap_si_inside_the_limit)
{
	fx_init(&f, VT_MODE_REAL16, "f3 6e");
	limit(VT_SEG_DS, 0xffff);
	access(VT_SEG_DS, AR_DATA_RO); /* real mode ignores the type */
	*fx_reg(&f, VT_REG_RSI) = 0xfff0;
	*fx_reg(&f, VT_REG_RCX) = 0x20;
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED);
	cr_assert_eq(f.r.elements, 0x20);
	cr_assert_eq(f.r.regs_after[VT_REG_RSI], 0x10);
}

Test(segments, rep_outsb_stops_with_gp_at_the_limit_after_the_elements_inside)
{
	fx_init(&f, VT_MODE_PROT32, "f3 6e");
	fx_put(&f, 0x1000, "ABCDEFGH", 8);
	limit(VT_SEG_DS, 0x1003);
	*fx_reg(&f, VT_REG_RSI) = 0x1000;
	*fx_reg(&f, VT_REG_RCX) = 8;
	*fx_reg(&f, VT_REG_RIP) = 0x500;
	fx_run(&f);
	expect_fault(VT_VEC_GP, 4);
	cr_assert_eq(f.r.io.accesses, 4);
	cr_assert_eq(f.r.regs_after[VT_REG_RSI], 0x1004);
	cr_assert_eq(f.r.regs_after[VT_REG_RCX], 4);
	cr_assert_eq(f.r.regs_after[VT_REG_RIP], 0x500, "RIP stays on the instruction");
}

Test(segments, dword_element_whose_last_byte_passes_the_limit_faults)
{
	fx_init(&f, VT_MODE_PROT32, "6f"); /* OUTSD */
	limit(VT_SEG_DS, 0x2001);
	*fx_reg(&f, VT_REG_RSI) = 0x1fff;
	fx_run(&f);
	expect_fault(VT_VEC_GP, 0);
	*fx_reg(&f, VT_REG_RSI) = 0x1ffe;
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED, "bytes 0x1ffe..0x2001 all lie inside");
}

Test(segments, ss_override_past_the_limit_is_ss_fault)
{
	fx_init(&f, VT_MODE_PROT32, "36 6e");
	limit(VT_SEG_SS, 0xfff);
	*fx_reg(&f, VT_REG_RSI) = 0x1000;
	fx_run(&f);
	expect_fault(VT_VEC_SS, 0);
}

Test(segments, ins_into_read_only_es_is_gp_and_reads_no_port)
{
	static const uint64_t v[] = { 0x41 };
	fx_init(&f, VT_MODE_PROT32, "6c");
	fx_port(&f, 0x60, v, 1, 0xff);
	*fx_reg(&f, VT_REG_RDX) = 0x60;
	*fx_reg(&f, VT_REG_RDI) = 0x3000;
	access(VT_SEG_ES, AR_DATA_RO);
	fx_run(&f);
	expect_fault(VT_VEC_GP, 0);
	cr_assert_eq(f.r.io.accesses, 0, "the port is not read when the destination faults");
	access(VT_SEG_ES, AR_DATA_RW);
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED);
	cr_assert_eq(f.r.memory_writes.n, 1);
}

Test(segments, outs_through_cs_needs_a_readable_code_segment)
{
	fx_init(&f, VT_MODE_PROT32, "2e 6e");
	*fx_reg(&f, VT_REG_RSI) = 0x100;
	access(VT_SEG_CS, AR_CODE_XO);
	fx_run(&f);
	expect_fault(VT_VEC_GP, 0);
	access(VT_SEG_CS, AR_CODE_XR);
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED);
}

Test(segments, unusable_or_not_present_segment_is_gp_in_protected_mode)
{
	fx_init(&f, VT_MODE_PROT32, "6e");
	*fx_reg(&f, VT_REG_RSI) = 0x100;
	access(VT_SEG_DS, AR_DATA_RW | VT_AR_UNUSABLE);
	fx_run(&f);
	expect_fault(VT_VEC_GP, 0);
	access(VT_SEG_DS, AR_DATA_RW & ~VT_AR_P);
	fx_run(&f);
	expect_fault(VT_VEC_GP, 0);
}

Test(segments, expand_down_segment_holds_offsets_above_its_limit)
{
	fx_init(&f, VT_MODE_PROT32, "36 6e");
	access(VT_SEG_SS, AR_DATA_DOWN32);
	limit(VT_SEG_SS, 0xfff);
	*fx_reg(&f, VT_REG_RSI) = 0xfff;
	fx_run(&f);
	expect_fault(VT_VEC_SS, 0);
	*fx_reg(&f, VT_REG_RSI) = 0x1000;
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED);
	f.in.cpu.seg[VT_SEG_SS].base = 0x1000; /* 0x1000 + 0xffffffff wraps to linear 0xfff */
	*fx_reg(&f, VT_REG_RSI) = 0xffffffff;
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED, "D/B = 1: the top is 0xffffffff");
}

Test(segments, expand_down_16_bit_segment_ends_at_ffff)
{
	fx_init(&f, VT_MODE_PROT32, "6e");
	access(VT_SEG_DS, AR_DATA_DOWN16);
	limit(VT_SEG_DS, 0xfff);
	*fx_reg(&f, VT_REG_RSI) = 0x10000;
	fx_run(&f);
	expect_fault(VT_VEC_GP, 0);
	*fx_reg(&f, VT_REG_RSI) = 0xffff;
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED);
}

Test(segments, descending_rep_stops_at_the_bottom_of_an_expand_down_segment)
{
	fx_init(&f, VT_MODE_PROT32, "f3 6e");
	access(VT_SEG_DS, AR_DATA_DOWN32);
	limit(VT_SEG_DS, 0x1ff);
	*fx_reg(&f, VT_REG_RFLAGS) = 0x2 | VT_RFLAGS_DF;
	*fx_reg(&f, VT_REG_RSI) = 0x20f;
	*fx_reg(&f, VT_REG_RCX) = 100;
	fx_run(&f);
	expect_fault(VT_VEC_GP, 16);
	cr_assert_eq(f.r.regs_after[VT_REG_RSI], 0x1ff);
	cr_assert_eq(f.r.regs_after[VT_REG_RCX], 84);
}

Test(segments, compat_mode_checks_limits_and_long_mode_does_not)
{
	fx_init(&f, VT_MODE_COMPAT32, "6e");
	limit(VT_SEG_DS, 0xff);
	access(VT_SEG_DS, AR_DATA_RW | VT_AR_UNUSABLE);
	*fx_reg(&f, VT_REG_RSI) = 0x100;
	fx_run(&f);
	expect_fault(VT_VEC_GP, 0);
	f.in.cpu.mode = VT_MODE_LONG64;
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED, "64-bit code ignores limits and DS usability");
}

Test(segments, segments_without_limit_or_access_are_flat)
{
	fx_init(&f, VT_MODE_PROT16, "f3 6e");
	*fx_reg(&f, VT_REG_RSI) = 0xff00;
	*fx_reg(&f, VT_REG_RCX) = 0x200;
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED);
	cr_assert_eq(f.r.elements, 0x200);
}
