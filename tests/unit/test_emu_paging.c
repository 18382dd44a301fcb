/* Guest paging, faults and page straddles, checked against page tables
 * built by hand here: each expected physical address and #PF error code is
 * worked out from the SDM (vol. 3, 4.3-4.5 walks, 4.7 error codes), since
 * Unicorn 2.0.1 does not apply guest page tables. */
#include <criterion/criterion.h>

#include "emu_fixture.h"

#define P 0x1ull
#define W 0x2ull
#define U 0x4ull
#define A 0x20ull
#define D 0x40ull
#define PS 0x80ull

static struct fx f;
static uint64_t next_table;

static void teardown(void) { fx_release(&f); }
TestSuite(paging, .fini = teardown);

static uint64_t new_table(void)
{
	uint64_t t = next_table;
	next_table += 0x1000;
	return t;
}

static uint64_t get(uint64_t gpa, unsigned size)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)f.ram[gpa + i] << (8 * i);
	return v;
}

static void set(uint64_t gpa, uint64_t v, unsigned size)
{
	fx_put64(&f, gpa, v, size);
}

/* Long-mode chain (4 or 5 levels) mapping la to `leaf` at level `leaf_level`
 * (levels-1 = 4 KiB PTE, levels-2 = 2 MiB PDE, levels-3 = 1 GiB PDPTE). */
static void map_long(uint64_t la, uint64_t leaf, unsigned leaf_level, uint64_t upper)
{
	unsigned levels = (f.in.cpu.r[VT_REG_CR4] & VT_CR4_LA57) ? 5 : 4;
	static const unsigned shifts[] = { 48, 39, 30, 21, 12 };
	const unsigned *sh = shifts + (5 - levels);
	uint64_t table = f.in.cpu.r[VT_REG_CR3];
	for (unsigned i = 0; i < levels; i++) {
		uint64_t slot = table + ((la >> sh[i]) & 0x1ff) * 8;
		if (i == leaf_level) {
			set(slot, leaf, 8);
			return;
		}
		if (!(get(slot, 8) & P))
			set(slot, new_table() | upper, 8);
		table = get(slot, 8) & 0x000ffffffffff000ull;
	}
}

static void long_mode(bool la57)
{
	next_table = 0x2000;
	f.in.cpu.r[VT_REG_CR0] = VT_CR0_PE | VT_CR0_PG | VT_CR0_WP;
	f.in.cpu.r[VT_REG_CR4] = VT_CR4_PAE | (la57 ? VT_CR4_LA57 : 0);
	f.in.cpu.r[VT_REG_EFER] = 0x500 | VT_EFER_NXE;
	f.in.cpu.r[VT_REG_CR3] = 0x1000;
}

static void outs_at(enum vt_mode mode, const char *inst, uint64_t la)
{
	fx_init(&f, mode, inst);
	*fx_reg(&f, VT_REG_RSI) = la;
	*fx_reg(&f, VT_REG_RDI) = la;
	*fx_reg(&f, VT_REG_RCX) = 1;
}

Test(paging, paging32_4k_translates_through_pde_and_pte)
{
	outs_at(VT_MODE_PROT32, "6e", 0x00403123);
	f.in.cpu.r[VT_REG_CR0] = VT_CR0_PE | VT_CR0_PG;
	f.in.cpu.r[VT_REG_CR3] = 0x1000;
	set(0x1000 + 1 * 4, 0x2000 | P | W, 4);  /* PDE 1 -> PT at 0x2000 */
	set(0x2000 + 3 * 4, 0x5000 | P | W, 4);  /* PTE 3 -> frame 0x5000 */
	f.ram[0x5123] = 0x77;
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED);
	cr_assert_eq(fx_io(&f, 0).value, 0x77);
}

Test(paging, paging32_4m_pse_uses_pde_bits_20_13_as_physical_39_32)
{
	outs_at(VT_MODE_PROT32, "6e", 0x00c01234);
	f.in.cpu.r[VT_REG_CR0] = VT_CR0_PE | VT_CR0_PG;
	f.in.cpu.r[VT_REG_CR4] = VT_CR4_PSE;
	f.in.cpu.r[VT_REG_CR3] = 0x1000;
	set(0x1000 + 3 * 4, 0x00000000 | (1u << 13) | PS | P, 4); /* frame 0x1_0000_0000 */
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_UNKNOWN_MEMORY, "%s %s", vt_verdict_name(f.r.verdict), f.r.detail);
	cr_assert_eq(f.r.unknown_gpa, 0x100001234ull);
	set(0x1000 + 3 * 4, PS | P, 4); /* frame 0 */
	f.ram[0x1234] = 0x42;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).value, 0x42);
	set(0x1000 + 3 * 4, (1u << 21) | PS | P, 4); /* bit 21 of a 4 MiB PDE is reserved */
	fx_run(&f);
	cr_assert_eq(f.r.fault.error_code, VT_PF_P | VT_PF_RSVD);
}

Test(paging, pae_walks_pdpte_pde_pte_and_maps_2m_pages)
{
	outs_at(VT_MODE_PROT32, "6e", 0x40201234);
	f.in.cpu.r[VT_REG_CR0] = VT_CR0_PE | VT_CR0_PG;
	f.in.cpu.r[VT_REG_CR4] = VT_CR4_PAE;
	f.in.cpu.r[VT_REG_CR3] = 0x1000;
	set(0x1000 + 1 * 8, 0x2000 | P, 8);      /* PDPTE 1 (no R/W, U/S bits in PAE) */
	set(0x2000 + 1 * 8, 0x3000 | P | W, 8);  /* PDE 1 */
	set(0x3000 + 1 * 8, 0x6000 | P | W, 8);  /* PTE 1 */
	f.ram[0x6234] = 0x11;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).value, 0x11);
	cr_assert_eq(get(0x1008, 8), 0x2000 | P, "PAE PDPTEs have no Accessed flag to set");
	*fx_reg(&f, VT_REG_RSI) = 0x40401234;
	set(0x2000 + 2 * 8, 0x000000 | PS | P | W, 8); /* 2 MiB page at 0 */
	f.ram[0x1234] = 0x22;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).value, 0x22);
}

Test(paging, long4_maps_4k_2m_and_1g_pages)
{
	uint64_t la4k = (1ull << 39) + (2ull << 30) + (3ull << 21) + (4ull << 12) + 0x567;
	uint64_t la2m = (1ull << 39) + (2ull << 30) + (6ull << 21) + 0x1567;
	uint64_t la1g = (1ull << 39) + (5ull << 30) + 0x2567;
	outs_at(VT_MODE_LONG64, "6e", la4k);
	long_mode(false);
	map_long(la4k, 0x7000 | P | W, 3, P | W);
	map_long(la2m, 0 | PS | P | W, 2, P | W);
	map_long(la1g, 0 | PS | P | W, 1, P | W);
	f.ram[0x7567] = 1;
	f.ram[0x1567] = 2;
	f.ram[0x2567] = 3;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).value, 1);
	*fx_reg(&f, VT_REG_RSI) = la2m;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).value, 2);
	*fx_reg(&f, VT_REG_RSI) = la1g;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).value, 3);
}

Test(paging, long5_with_la57_adds_a_pml5_level)
{
	uint64_t la = (1ull << 48) + (1ull << 39) + (4ull << 12) + 0x10;
	outs_at(VT_MODE_LONG64, "6e", la);
	long_mode(true);
	map_long(la, 0x9000 | P | W, 4, P | W);
	f.ram[0x9010] = 0x55;
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED, "%s", f.r.detail);
	cr_assert_eq(fx_io(&f, 0).value, 0x55);
}

Test(paging, non_canonical_address_is_gp_or_ss_for_the_stack_segment)
{
	outs_at(VT_MODE_LONG64, "6e", 0x0000800000000000ull);
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_GUEST_FAULT);
	cr_assert_eq(f.r.fault.vector, VT_VEC_GP);
	cr_assert_eq(f.r.fault.error_code, 0);
	cr_assert_not(f.r.fault.has_cr2);
	fx_release(&f);
	outs_at(VT_MODE_LONG64, "36 6e", 0x0000800000000000ull);
	fx_run(&f);
	cr_assert_eq(f.r.fault.vector, VT_VEC_SS);
}

Test(paging, not_present_gives_pf_with_p_clear_and_cr2)
{
	uint64_t la = 0x5000;
	outs_at(VT_MODE_LONG64, "6e", la);
	long_mode(false);
	map_long(la, 0x7000, 3, P | W); /* PTE not present */
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_GUEST_FAULT);
	cr_assert_eq(f.r.fault.vector, VT_VEC_PF);
	cr_assert_eq(f.r.fault.error_code, 0x0);
	cr_assert_eq(f.r.fault.cr2, la);
	fx_release(&f);
	outs_at(VT_MODE_LONG64, "6c", la); /* INS: a write */
	long_mode(false);
	map_long(la, 0x7000, 3, P | W);
	fx_run(&f);
	cr_assert_eq(f.r.fault.error_code, VT_PF_W);
	cr_assert_eq(f.r.io.accesses, 0, "the port is not read when the destination faults");
	f.in.cpu.cpl = 3;
	fx_run(&f);
	cr_assert_eq(f.r.fault.error_code, VT_PF_W | VT_PF_U);
}

Test(paging, ins_to_a_read_only_page_faults_with_cr0_wp_or_at_cpl3)
{
	uint64_t la = 0x5000;
	outs_at(VT_MODE_LONG64, "6c", la);
	long_mode(false);
	map_long(la, 0x7000 | P | U, 3, P | W | U); /* leaf read-only */
	fx_run(&f);
	cr_assert_eq(f.r.fault.error_code, VT_PF_P | VT_PF_W);
	f.in.cpu.r[VT_REG_CR0] &= ~VT_CR0_WP; /* supervisor writes ignore R/W without WP */
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED);
	cr_assert_eq(f.r.memory_writes.v[0].gpa, 0x7000);
	f.in.cpu.cpl = 3;
	fx_run(&f);
	cr_assert_eq(f.r.fault.error_code, VT_PF_P | VT_PF_W | VT_PF_U);
}

Test(paging, user_access_to_a_supervisor_page_faults)
{
	uint64_t la = 0x5000;
	outs_at(VT_MODE_LONG64, "6e", la);
	long_mode(false);
	map_long(la, 0x7000 | P | W, 3, P | W | U); /* leaf supervisor-only */
	f.in.cpu.cpl = 3;
	fx_run(&f);
	cr_assert_eq(f.r.fault.error_code, VT_PF_P | VT_PF_U);
}

Test(paging, reserved_bit_sets_rsvd_in_the_error_code)
{
	uint64_t la = 0x5000;
	outs_at(VT_MODE_LONG64, "6e", la);
	long_mode(false);
	f.in.cpu.r[VT_REG_EFER] &= ~VT_EFER_NXE; /* XD is reserved without EFER.NXE */
	map_long(la, 0x7000 | P | W | (1ull << 63), 3, P | W);
	fx_run(&f);
	cr_assert_eq(f.r.fault.error_code, VT_PF_P | VT_PF_RSVD);
}

Test(paging, smap_blocks_supervisor_access_to_user_pages_unless_ac)
{
	uint64_t la = 0x5000;
	outs_at(VT_MODE_LONG64, "6e", la);
	long_mode(false);
	f.in.cpu.r[VT_REG_CR4] |= VT_CR4_SMAP;
	map_long(la, 0x7000 | P | W | U, 3, P | W | U);
	fx_run(&f);
	cr_assert_eq(f.r.fault.error_code, VT_PF_P);
	*fx_reg(&f, VT_REG_RFLAGS) |= VT_RFLAGS_AC;
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED);
}

Test(paging, walk_sets_accessed_everywhere_and_dirty_on_the_written_leaf)
{
	uint64_t la = 0x5000;
	outs_at(VT_MODE_LONG64, "6c", la);
	long_mode(false);
	map_long(la, 0x7000 | P | W, 3, P | W);
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_EMULATED);
	cr_assert_eq(f.r.page_table_writes.n, 4, "PML4E, PDPTE, PDE, PTE");
	const struct vt_mem_ranges *pt = &f.r.page_table_writes;
	for (size_t i = 0; i < 3; i++)
		cr_assert_eq(pt->data[pt->v[i].offset], (uint8_t)(P | W | A));
	cr_assert_eq(pt->data[pt->v[3].offset], (uint8_t)(P | W | A | D));
	cr_assert_eq(f.r.memory_writes.n, 1, "data writes are reported apart");
	cr_assert_eq(f.ram[0x7000], 0, "the snapshot itself is never modified");
}

/* Found by the QEMU oracle: hardware (and bhyve's walker) marks each entry
 * Accessed as the walk passes it, so a walk that faults at the leaf leaves
 * the entries above it Accessed; the leaf itself stays untouched. */
Test(paging, a_walk_that_faults_at_the_leaf_still_marks_the_entries_above_it)
{
	uint64_t la = 0x5000;
	outs_at(VT_MODE_LONG64, "6c", la);
	long_mode(false);
	map_long(la, 0x7000 | P, 3, P | W); /* read-only PTE, CR0.WP: INS faults */
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_GUEST_FAULT);
	cr_assert_eq(f.r.fault.error_code, VT_PF_P | VT_PF_W);
	const struct vt_mem_ranges *pt = &f.r.page_table_writes;
	cr_assert_eq(pt->n, 3, "PML4E, PDPTE, PDE; not the PTE");
	for (size_t i = 0; i < 3; i++)
		cr_assert_eq(pt->data[pt->v[i].offset], (uint8_t)(P | W | A));
	fx_release(&f);
	outs_at(VT_MODE_LONG64, "6e", la); /* not-present PTE: the same */
	long_mode(false);
	map_long(la, 0x7000, 3, P | W);
	fx_run(&f);
	cr_assert_eq(f.r.fault.vector, VT_VEC_PF);
	cr_assert_eq(f.r.page_table_writes.n, 3);
}

Test(paging, element_straddling_into_a_missing_page_faults_at_the_boundary)
{
	uint64_t la = 0x5fff;
	outs_at(VT_MODE_LONG64, "66 6f", la);
	long_mode(false);
	map_long(0x5000, 0x7000 | P | W, 3, P | W);
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_GUEST_FAULT);
	cr_assert_eq(f.r.fault.cr2, 0x6000);
	cr_assert_eq(f.r.elements, 0);
	cr_assert_eq(f.r.io.accesses, 0);
}

Test(paging, element_straddling_pages_reads_each_byte_from_its_own_frame)
{
	uint64_t la = 0x5fff;
	outs_at(VT_MODE_LONG64, "66 6f", la);
	long_mode(false);
	map_long(0x5000, 0x7000 | P | W, 3, P | W);
	map_long(0x6000, 0x9000 | P | W, 3, P | W); /* not contiguous */
	f.ram[0x7fff] = 0xcd;
	f.ram[0x9000] = 0xab;
	fx_run(&f);
	cr_assert_eq(fx_io(&f, 0).value, 0xabcd);
}

Test(paging, fault_in_element_k_leaves_k_elements_done)
{
	uint64_t la = 0x5ffd;
	outs_at(VT_MODE_LONG64, "f3 6e", la);
	long_mode(false);
	*fx_reg(&f, VT_REG_RCX) = 10;
	*fx_reg(&f, VT_REG_RIP) = 0x100;
	map_long(0x5000, 0x7000 | P | W, 3, P | W);
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_GUEST_FAULT);
	cr_assert_eq(f.r.elements, 3);
	cr_assert_eq(f.r.io.accesses, 3);
	cr_assert_eq(f.r.regs_after[VT_REG_RSI], 0x6000);
	cr_assert_eq(f.r.regs_after[VT_REG_RCX], 7);
	cr_assert_eq(f.r.regs_after[VT_REG_RIP], 0x100);
	cr_assert_eq(f.r.fault.cr2, 0x6000);
}

Test(paging, page_table_outside_the_snapshot_is_unknown_memory_of_the_walk)
{
	outs_at(VT_MODE_LONG64, "6e", 0x5000);
	long_mode(false);
	f.in.cpu.r[VT_REG_CR3] = 0x7fc01000; /* beyond the 1 MiB described */
	fx_run(&f);
	cr_assert_eq(f.r.verdict, VT_VERDICT_UNKNOWN_MEMORY);
	cr_assert_eq(f.r.unknown_kind, VT_MEM_WALK);
	cr_assert_eq(f.r.unknown_gpa, 0x7fc01000);
}
