/* The reference emulator's semantic rules (x86-string-io.md), one test a
 * rule. Paging and faults: test_emu_paging.c. */
#include <criterion/criterion.h>

#include "emu_fixture.h"

static struct fx f;

static void setup(void) { }
static void teardown(void) { fx_release(&f); }
TestSuite(emu, .init = setup, .fini = teardown);

Test(emu, rep_outsb_sends_each_byte_then_advances_rsi_rcx_and_rip)
{
	fx_init(&f, VT_MODE_LONG64, "f3 6e eb 0a");
	fx_put(&f, 0x5000, "Hello", 5);
	*fx_reg(&f, VT_REG_RSI) = 0x5000;
	*fx_reg(&f, VT_REG_RCX) = 5;
	*fx_reg(&f, VT_REG_RDX) = 0x402;
	*fx_reg(&f, VT_REG_RIP) = 0xfffc1234;
	cr_assert_eq(fx_run(&f), VT_OK);
	char s[16];
	fx_out_bytes(&f, s, sizeof s);
	cr_assert_str_eq(s, "Hello");
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED);
	cr_assert_eq(f.r.elements, 5);
	cr_assert_eq(fx_io(&f, 0).port, 0x402);
	cr_assert_eq(f.r.regs_after[VT_REG_RSI], 0x5005);
	cr_assert_eq(f.r.regs_after[VT_REG_RCX], 0);
	cr_assert_eq(f.r.regs_after[VT_REG_RIP], 0xfffc1236);
	cr_assert_eq(f.r.memory_writes.n, 0);
}

Test(emu, f2_repne_repeats_ins_outs_like_rep)
{
	fx_init(&f, VT_MODE_PROT32, "f2 6e");
	*fx_reg(&f, VT_REG_RSI) = 0x100;
	*fx_reg(&f, VT_REG_RCX) = 3;
	fx_run(&f);
	cr_assert_eq(f.r.elements, 3);
	cr_assert_eq(f.r.regs_after[VT_REG_RCX], 0);
}

Test(emu, without_rep_one_element_moves_and_rcx_is_untouched)
{
	fx_init(&f, VT_MODE_PROT32, "6e");
	*fx_reg(&f, VT_REG_RSI) = 0x100;
	*fx_reg(&f, VT_REG_RCX) = 7;
	fx_run(&f);
	cr_assert_eq(f.r.elements, 1);
	cr_assert_eq(f.r.regs_after[VT_REG_RCX], 7);
	cr_assert_eq(f.r.regs_after[VT_REG_RSI], 0x101);
	cr_assert_eq(f.r.regs_after[VT_REG_RIP], 1);
}

Test(emu, operand_size_prefix_toggles_2_and_4_byte_elements_per_code_size)
{
	static const struct { enum vt_mode mode; const char *inst; unsigned size; } cases[] = {
		{ VT_MODE_REAL16, "6f", 2 }, { VT_MODE_REAL16, "66 6f", 4 },
		{ VT_MODE_PROT16, "6f", 2 }, { VT_MODE_PROT32, "6f", 4 },
		{ VT_MODE_PROT32, "66 6f", 2 }, { VT_MODE_LONG64, "6f", 4 },
		{ VT_MODE_LONG64, "66 6f", 2 }, { VT_MODE_COMPAT32, "66 6d", 2 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fx_init(&f, cases[i].mode, cases[i].inst);
		fx_put64(&f, 0x200, 0x44332211, 4);
		*fx_reg(&f, VT_REG_RSI) = 0x200;
		*fx_reg(&f, VT_REG_RDI) = 0x200;
		fx_run(&f);
		cr_assert_eq(fx_io(&f, 0).size, cases[i].size, "case %zu", i);
		if (cases[i].inst[strlen(cases[i].inst) - 1] == 'f')
			cr_assert_eq(fx_io(&f, 0).value, cases[i].size == 4 ? 0x44332211u : 0x2211u);
		fx_release(&f);
	}
	fx_init(&f, VT_MODE_LONG64, "90"); /* for teardown */
}

Test(emu, rex_w_never_makes_an_8_byte_element)
{
	fx_init(&f, VT_MODE_LONG64, "48 6f");
	*fx_reg(&f, VT_REG_RSI) = 0x300;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).size, 4);
	cr_assert_eq(f.r.regs_after[VT_REG_RSI], 0x304);
	cr_assert_eq(f.r.regs_after[VT_REG_RIP], 2, "REX counts in the length");
}

Test(emu, address_size_67_uses_esi_ecx_and_32_bit_writes_zero_extend)
{
	fx_init(&f, VT_MODE_LONG64, "67 f3 6e");
	*fx_reg(&f, VT_REG_RSI) = 0xabcd000000000400ull;
	*fx_reg(&f, VT_REG_RCX) = 0x1234000000000002ull;
	fx_run(&f);
	cr_assert_eq(f.r.elements, 2);
	cr_assert_eq(f.r.regs_after[VT_REG_RSI], 0x402);
	cr_assert_eq(f.r.regs_after[VT_REG_RCX], 0);
}

Test(emu, address_size_16_writes_keep_the_upper_register_bits)
{
	fx_init(&f, VT_MODE_PROT32, "67 f3 6e");
	*fx_reg(&f, VT_REG_RSI) = 0x12340400;
	*fx_reg(&f, VT_REG_RCX) = 0x56780003;
	fx_run(&f);
	cr_assert_eq(f.r.elements, 3);
	cr_assert_eq(fx_io(&f, 0).value, f.ram[0x400]);
	cr_assert_eq(f.r.regs_after[VT_REG_RSI], 0x12340403);
	cr_assert_eq(f.r.regs_after[VT_REG_RCX], 0x56780000);
}

Test(emu, count_zero_moves_nothing_and_completes)
{
	fx_init(&f, VT_MODE_LONG64, "f3 6c");
	*fx_reg(&f, VT_REG_RDI) = 0x400;
	*fx_reg(&f, VT_REG_RIP) = 0x1000;
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED);
	cr_assert_eq(f.r.elements, 0);
	cr_assert_eq(f.r.io.accesses, 0);
	cr_assert_eq(f.r.regs_after[VT_REG_RDI], 0x400);
	cr_assert_eq(f.r.regs_after[VT_REG_RIP], 0x1002);
}

Test(emu, count_uses_only_the_address_size_bits)
{
	fx_init(&f, VT_MODE_PROT16, "f3 6e");
	*fx_reg(&f, VT_REG_RSI) = 0x10;
	*fx_reg(&f, VT_REG_RCX) = 0x70000; /* CX = 0 */
	fx_run(&f);
	cr_assert_eq(f.r.elements, 0);
	cr_assert_eq(f.r.regs_after[VT_REG_RCX], 0x70000);
}

Test(emu, direction_flag_set_walks_down_by_element_size)
{
	fx_init(&f, VT_MODE_PROT32, "f3 6f");
	fx_put64(&f, 0x800, 0xaaaaaaaa, 4);
	fx_put64(&f, 0x7fc, 0xbbbbbbbb, 4);
	*fx_reg(&f, VT_REG_RSI) = 0x800;
	*fx_reg(&f, VT_REG_RCX) = 2;
	*fx_reg(&f, VT_REG_RFLAGS) = 0x2 | VT_RFLAGS_DF;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).value, 0xaaaaaaaa);
	cr_assert_eq(fx_io(&f, 1).value, 0xbbbbbbbb);
	cr_assert_eq(f.r.regs_after[VT_REG_RSI], 0x7f8);
}

Test(emu, pointer_wraps_within_a_16_bit_address_size)
{
	fx_init(&f, VT_MODE_REAL16, "f3 6e");
	f.in.cpu.seg[VT_SEG_DS].base = 0x1000;
	fx_put(&f, 0x1000 + 0xffff, "A", 1);
	fx_put(&f, 0x1000, "B", 1);
	*fx_reg(&f, VT_REG_RSI) = 0xffff;
	*fx_reg(&f, VT_REG_RCX) = 2;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).value, 'A');
	cr_assert_eq(fx_io(&f, 1).value, 'B');
	cr_assert_eq(f.r.regs_after[VT_REG_RSI], 1);
}

Test(emu, outs_segment_override_selects_the_source_segment)
{
	fx_init(&f, VT_MODE_PROT32, "26 6e"); /* ES: */
	f.in.cpu.seg[VT_SEG_ES].base = 0x3000;
	f.in.cpu.seg[VT_SEG_DS].base = 0x4000;
	fx_put(&f, 0x3010, "E", 1);
	fx_put(&f, 0x4010, "D", 1);
	*fx_reg(&f, VT_REG_RSI) = 0x10;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).value, 'E');
}

Test(emu, ins_destination_is_always_es_despite_an_override)
{
	fx_init(&f, VT_MODE_PROT32, "64 6c"); /* FS: is ignored for INS */
	f.in.cpu.seg[VT_SEG_ES].base = 0x3000;
	f.in.cpu.seg[VT_SEG_FS].base = 0x4000;
	*fx_reg(&f, VT_REG_RDI) = 0x10;
	uint64_t v = 0x5a;
	fx_port(&f, 0, &v, 1, 0xff);
	fx_run(&f);
	cr_assert_eq(f.r.memory_writes.n, 1);
	cr_assert_eq(f.r.memory_writes.v[0].gpa, 0x3010);
	cr_assert_eq(f.r.memory_writes.data[0], 0x5a);
}

Test(emu, long64_ignores_ds_es_bases_but_applies_fs_gs)
{
	fx_init(&f, VT_MODE_LONG64, "6e");
	f.in.cpu.seg[VT_SEG_DS].base = 0x4000;
	fx_put(&f, 0x10, "0", 1);
	*fx_reg(&f, VT_REG_RSI) = 0x10;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).value, '0');
	fx_release(&f);
	fx_init(&f, VT_MODE_LONG64, "65 6e");
	f.in.cpu.seg[VT_SEG_GS].base = 0x4000;
	fx_put(&f, 0x4010, "G", 1);
	*fx_reg(&f, VT_REG_RSI) = 0x10;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).value, 'G');
}

Test(emu, outside_long_mode_linear_addresses_wrap_at_4_gib)
{
	fx_init(&f, VT_MODE_COMPAT32, "6e");
	f.in.cpu.seg[VT_SEG_DS].base = 0xfffff000;
	fx_put(&f, 0x20, "W", 1);
	*fx_reg(&f, VT_REG_RSI) = 0x1020;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).value, 'W');
}

Test(emu, in_values_come_from_the_snapshot_in_order_then_the_then_value)
{
	fx_init(&f, VT_MODE_LONG64, "f3 66 6d");
	uint64_t v[] = { 0x4142, 0x4344 };
	fx_port(&f, 0x1f0, v, 2, 0xbeef);
	*fx_reg(&f, VT_REG_RDX) = 0x1f0;
	*fx_reg(&f, VT_REG_RDI) = 0x600;
	*fx_reg(&f, VT_REG_RCX) = 3;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).value, 0x4142);
	cr_assert_eq(fx_io(&f, 1).value, 0x4344);
	cr_assert_eq(fx_io(&f, 2).value, 0xbeef);
	cr_assert_eq(fx_io(&f, 2).dir, VT_IO_IN);
	cr_assert_eq(f.r.memory_writes.n, 1);
	cr_assert_eq(f.r.memory_writes.v[0].len, 6);
	cr_assert_eq(memcmp(f.r.memory_writes.data, "\x42\x41\x44\x43\xef\xbe", 6), 0);
}

Test(emu, in_from_a_port_without_values_reads_all_ones)
{
	fx_init(&f, VT_MODE_PROT32, "6d");
	*fx_reg(&f, VT_REG_RDI) = 0x600;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).value, 0xffffffffu);
	cr_assert_eq(f.r.memory_writes.v[0].len, 4);
}

Test(emu, outs_is_one_access_of_the_element_size)
{
	fx_init(&f, VT_MODE_PROT32, "6f");
	fx_put64(&f, 0x700, 0x04030201, 4);
	*fx_reg(&f, VT_REG_RSI) = 0x700;
	fx_run(&f);
	cr_assert_eq(f.r.io.accesses, 1);
	cr_assert_eq(fx_io(&f, 0).size, 4);
	cr_assert_eq(fx_io(&f, 0).value, 0x04030201);
}

Test(emu, memory_the_snapshot_lacks_is_reported_never_read_as_zero)
{
	fx_init(&f, VT_MODE_LONG64, "f3 6e");
	*fx_reg(&f, VT_REG_RSI) = FX_RAM - 2;
	*fx_reg(&f, VT_REG_RCX) = 4;
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_UNKNOWN_MEMORY);
	cr_assert_eq(f.r.unknown_gpa, FX_RAM);
	cr_assert_eq(f.r.elements, 2, "elements before the gap are done");
	cr_assert_eq(f.r.regs_after[VT_REG_RSI], FX_RAM);
	cr_assert_eq(f.r.regs_after[VT_REG_RCX], 2);
	cr_assert_eq(f.r.regs_after[VT_REG_RIP], 0, "RIP stays on the instruction");
}

Test(emu, ins_into_undescribed_memory_is_unknown_and_consumes_no_port_value)
{
	fx_init(&f, VT_MODE_LONG64, "6c");
	*fx_reg(&f, VT_REG_RDI) = FX_RAM + 5;
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_UNKNOWN_MEMORY);
	cr_assert_eq(f.r.unknown_kind, VT_MEM_WRITE);
	cr_assert_eq(f.r.io.accesses, 0);
}

Test(emu, max_elements_stops_with_registers_that_resume_exactly)
{
	fx_init(&f, VT_MODE_LONG64, "f3 6e");
	for (int i = 0; i < 12; i++)
		f.ram[0x900 + i] = (uint8_t)('a' + i);
	*fx_reg(&f, VT_REG_RSI) = 0x900;
	*fx_reg(&f, VT_REG_RCX) = 12;
	*fx_reg(&f, VT_REG_RIP) = 0x40;
	f.in.max_elements = 5;
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_LIMIT_REACHED);
	cr_assert_eq(f.r.elements, 5);
	cr_assert_eq(f.r.regs_after[VT_REG_RIP], 0x40);
	cr_assert_eq(f.r.regs_after[VT_REG_RCX], 7);
	/* Re-enter from the stopped state: the rest follows. */
	memcpy(f.in.cpu.r, f.r.regs_after, sizeof f.in.cpu.r);
	f.in.max_elements = 0;
	char first[8];
	fx_out_bytes(&f, first, sizeof first);
	fx_run(&f);
	char rest[16];
	fx_out_bytes(&f, rest, sizeof rest);
	cr_assert_str_eq(first, "abcde");
	cr_assert_str_eq(rest, "fghijkl");
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED);
	cr_assert_eq(f.r.regs_after[VT_REG_RIP], 0x42);
}

Test(emu, default_bound_is_one_million_elements)
{
	fx_init(&f, VT_MODE_LONG64, "f3 6e");
	*fx_reg(&f, VT_REG_RCX) = 5000000;
	*fx_reg(&f, VT_REG_RSI) = 0;
	f.region.len = FX_RAM; /* 1 MiB of data: exactly the bound */
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_LIMIT_REACHED);
	cr_assert_eq(f.r.elements, VT_MAX_ELEMENTS_DEFAULT);
	cr_assert_eq(f.r.regs_after[VT_REG_RCX], 4000000);
}

Test(emu, lock_prefix_is_an_invalid_opcode_fault)
{
	fx_init(&f, VT_MODE_LONG64, "f0 6e");
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_GUEST_FAULT);
	cr_assert_eq(f.r.fault.vector, VT_VEC_UD);
	cr_assert_eq(f.r.io.accesses, 0);
}

Test(emu, other_instructions_are_not_string_io)
{
	fx_init(&f, VT_MODE_LONG64, "0f 01 d9");
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_NOT_STRING_IO);
}

Test(emu, prefixes_past_15_bytes_are_invalid)
{
	fx_init(&f, VT_MODE_LONG64, "66 66 66 66 66 66 66 66 66 66 66 66 66 66 66");
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_INVALID);
}

Test(emu, rex_outside_64_bit_code_is_an_instruction_not_a_prefix)
{
	fx_init(&f, VT_MODE_PROT32, "48 6e");
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_NOT_STRING_IO);
}

Test(emu, bulk_rep_outs_matches_the_element_rule_both_directions_across_pages)
{
	for (int down = 0; down < 2; down++) {
		fx_init(&f, VT_MODE_PROT32, "f3 66 6f");
		for (unsigned i = 0; i < 0x4000; i++)
			f.ram[0x10000 + i] = (uint8_t)(i * 7 + 3);
		uint64_t start = down ? 0x13ffe : 0x10001; /* odd: elements straddle pages */
		*fx_reg(&f, VT_REG_RSI) = start;
		*fx_reg(&f, VT_REG_RCX) = 0x1fff;
		*fx_reg(&f, VT_REG_RFLAGS) = 0x2 | (down ? VT_RFLAGS_DF : 0);
		fx_run(&f);
		cr_assert_eq(f.r.elements, 0x1fff);
		struct vt_io_iter it = { 0 };
		struct vt_io_access a;
		uint64_t p = start;
		for (unsigned k = 0; vt_io_trace_next(&f.r.io, &it, &a); k++) {
			uint32_t want = f.ram[p] | (uint32_t)f.ram[p + 1] << 8;
			cr_assert_eq(a.value, want, "element %u", k);
			p = down ? p - 2 : p + 2;
		}
		cr_assert_eq(f.r.regs_after[VT_REG_RSI], p);
		cr_assert_leq(f.r.io.nruns, 12, "runs per page piece, not per element");
		fx_release(&f);
	}
	fx_init(&f, VT_MODE_LONG64, "90");
}

Test(emu, a_fill_region_reads_as_its_fill_byte)
{
	fx_init(&f, VT_MODE_LONG64, "f3 6e");
	struct vt_region fill = { .gpa = 0, .len = 1ull << 40, .fill = 0xcc };
	f.in.regions = &fill;
	*fx_reg(&f, VT_REG_RSI) = 0x123456789;
	*fx_reg(&f, VT_REG_RCX) = 10000;
	fx_run(&f);
	cr_assert_eq(f.r.elements, 10000);
	cr_assert_eq(fx_io(&f, 9999).value, 0xcc);
}

Test(emu, rep_outs_trace_borrows_snapshot_memory_until_owned)
{
	fx_init(&f, VT_MODE_LONG64, "f3 6e");
	memcpy(f.ram + 0x2000, "borrowed", 8);
	*fx_reg(&f, VT_REG_RSI) = 0x2000;
	*fx_reg(&f, VT_REG_RCX) = 8;
	fx_run(&f);
	cr_assert_eq(f.r.io.nruns, 1);
	cr_assert_eq(vt_io_run_value(&f.r.io, &f.r.io.runs[0], 0), f.ram + 0x2000, "zero-copy");
	cr_assert_eq(vt_io_trace_own(&f.r.io), VT_OK);
	memset(f.ram + 0x2000, 0, 8);
	char s[16];
	fx_out_bytes(&f, s, sizeof s);
	cr_assert_str_eq(s, "borrowed");
}

Test(emu, descending_rep_outs_trace_borrows_backwards_until_owned)
{
	fx_init(&f, VT_MODE_LONG64, "f3 6e");
	memcpy(f.ram + 0x2ffc, "dworrob", 7); /* ends in the next page: two pieces, one run */
	*fx_reg(&f, VT_REG_RSI) = 0x3002;
	*fx_reg(&f, VT_REG_RCX) = 7;
	*fx_reg(&f, VT_REG_RFLAGS) = 0x2 | VT_RFLAGS_DF;
	fx_run(&f);
	cr_assert_eq(f.r.io.nruns, 1);
	cr_assert(f.r.io.runs[0].reversed);
	cr_assert_eq(vt_io_run_value(&f.r.io, &f.r.io.runs[0], 0), f.ram + 0x3002, "zero-copy");
	char s[16];
	fx_out_bytes(&f, s, sizeof s);
	cr_assert_str_eq(s, "borrowd");
	cr_assert_eq(vt_io_trace_own(&f.r.io), VT_OK);
	cr_assert_not(f.r.io.runs[0].reversed);
	memset(f.ram + 0x2ffc, 0, 7);
	fx_out_bytes(&f, s, sizeof s);
	cr_assert_str_eq(s, "borrowd", "owned values no longer depend on guest memory");
}

Test(emu, rip_advances_within_the_code_size)
{
	fx_init(&f, VT_MODE_REAL16, "f3 6e");
	*fx_reg(&f, VT_REG_RIP) = 0xffff; /* IP wraps at 16 bits */
	fx_run(&f);
	cr_assert_eq(f.r.regs_after[VT_REG_RIP], 0x0001);
	fx_release(&f);
	fx_init(&f, VT_MODE_PROT32, "6e");
	*fx_reg(&f, VT_REG_RIP) = 0xffffffff; /* EIP wraps at 32 bits */
	fx_run(&f);
	cr_assert_eq(f.r.regs_after[VT_REG_RIP], 0x0);
}

Test(emu, rep_ins_walking_down_stores_each_element_at_its_address)
{
	fx_init(&f, VT_MODE_LONG64, "f3 66 6d");
	uint64_t v[] = { 0x1111, 0x2222, 0x3333 };
	fx_port(&f, 0x1f0, v, 3, 0xffff);
	*fx_reg(&f, VT_REG_RDX) = 0x1f0;
	*fx_reg(&f, VT_REG_RDI) = 0x3004;
	*fx_reg(&f, VT_REG_RCX) = 3;
	*fx_reg(&f, VT_REG_RFLAGS) = 0x2 | VT_RFLAGS_DF;
	fx_run(&f);
	cr_assert_eq(f.r.memory_writes.n, 1);
	cr_assert_eq(f.r.memory_writes.v[0].gpa, 0x3000);
	cr_assert_eq(memcmp(f.r.memory_writes.data, "\x33\x33\x22\x22\x11\x11", 6), 0);
	cr_assert_eq(f.r.regs_after[VT_REG_RDI], 0x2ffe);
}

Test(emu, rep_insb_over_pages_is_one_range_of_every_byte_stored)
{
	fx_init(&f, VT_MODE_LONG64, "f3 6c");
	uint64_t v[] = { 0x41, 0x42, 0x43 };
	fx_port(&f, 0x511, v, 3, 0x5a);
	*fx_reg(&f, VT_REG_RDX) = 0x511;
	*fx_reg(&f, VT_REG_RDI) = 0x2003; /* unaligned: partial bitmap bytes at both ends */
	*fx_reg(&f, VT_REG_RCX) = 9000;   /* three pages */
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED);
	cr_assert_eq(f.r.io.accesses, 9000);
	cr_assert_eq(f.r.memory_writes.n, 1);
	cr_assert_eq(f.r.memory_writes.v[0].gpa, 0x2003);
	cr_assert_eq(f.r.memory_writes.v[0].len, 9000);
	cr_assert_eq(memcmp(f.r.memory_writes.data, "ABCZZ", 5), 0);
	for (size_t i = 3; i < 9000; i++)
		cr_assert_eq(f.r.memory_writes.data[i], 0x5a, "byte %zu", i);
	cr_assert_eq(fx_io(&f, 8999).value, 0x5a);
	cr_assert_eq(f.r.regs_after[VT_REG_RDI], 0x2003 + 9000);
}
