/* Decoding with Capstone: the faulting instruction and the bytes after it. */
#include <criterion/criterion.h>
#include <string.h>

#include "vmtriage/decode.h"

static struct vt_decoder *dec;
static struct vt_decoded out;

static void setup(void)
{
	struct vt_error err;
	dec = vt_decoder_new(&err);
	cr_assert_not_null(dec, "%s", err.msg);
}

static void teardown(void)
{
	vt_decoder_free(dec);
}

TestSuite(decode, .init = setup, .fini = teardown);

static void run(const uint8_t *b, size_t n, unsigned mode)
{
	struct vt_error err;
	cr_assert_eq(vt_decode(dec, b, n, mode, 0, &out, &err), VT_OK, "%s", err.msg);
}

Test(decode, blog_crash_one_is_rep_outsb_then_the_fallback_loop)
{
	const uint8_t b[] = { 243, 110, 235, 10, 227, 8, 138, 6, 238, 72, 255, 198, 226, 248, 76 };
	const char *following[] = { "jmp 0xe", "jrcxz 0xe", "mov al, byte ptr [rsi]", "out dx, al",
				    "inc rsi", "loop 6" };
	run(b, sizeof b, 64);
	cr_assert_str_eq(out.faulting.text, "rep outsb dx, byte ptr [rsi]");
	cr_assert(out.is_string_io);
	cr_assert_geq(out.nfollowing, 6);
	for (size_t i = 0; i < 6; i++)
		cr_assert_str_eq(out.following[i].text, following[i]);
	/* The trailing 4c is a REX prefix with nothing after it: shown raw. */
	cr_assert_not(out.following[6].valid);
	cr_assert_eq(out.following[6].bytes[0], 0x4c);
}

Test(decode, blog_crash_two_decodes_the_tail)
{
	const uint8_t b[] = { 243, 110, 76, 137, 198, 195, 252, 72, 135, 202, 73, 135, 240, 243, 102 };
	run(b, sizeof b, 64);
	cr_assert_str_eq(out.faulting.text, "rep outsb dx, byte ptr [rsi]");
	cr_assert_str_eq(out.following[0].text, "mov rsi, r8");
	cr_assert_str_eq(out.following[1].text, "ret");
	cr_assert_str_eq(out.following[2].text, "cld");
	cr_assert_str_eq(out.following[3].text, "xchg rdx, rcx");
	cr_assert_str_eq(out.following[4].text, "xchg r8, rsi");
}

Test(decode, rep_insb_from_issue_1168)
{
	const uint8_t b[] = { 243, 108, 235, 10, 227, 8, 236, 136, 7, 72, 255, 199, 226, 248, 76 };
	run(b, sizeof b, 64);
	cr_assert_str_eq(out.faulting.text, "rep insb byte ptr [rdi], dx");
	cr_assert(out.sio.in);
	cr_assert_str_eq(out.following[2].text, "in al, dx");
}

Test(decode, operand_size_rep_outsw_is_sized_correctly)
{
	const uint8_t b[] = { 0x66, 0xf3, 0x6f };
	run(b, sizeof b, 64);
	cr_assert_str_eq(out.faulting.text, "rep outsw dx, word ptr [rsi]");
	cr_assert_eq(out.faulting.size, 3);
}

Test(decode, address_size_prefix_uses_esi)
{
	const uint8_t b[] = { 0xf3, 0x67, 0x6e };
	run(b, sizeof b, 64);
	cr_assert_str_eq(out.faulting.text, "rep outsb dx, byte ptr [esi]");
	cr_assert_eq(out.sio.addr_bits, 32);
}

Test(decode, sixteen_bit_mode_rep_outsw)
{
	const uint8_t b[] = { 0xf3, 0x6f };
	run(b, sizeof b, 16);
	cr_assert_str_eq(out.faulting.text, "rep outsw dx, word ptr [si]");
}

Test(decode, memory_operand_is_reported)
{
	const uint8_t b[] = { 0x8b, 0x87, 0x00, 0x10, 0x00, 0x00 }; /* mov eax, [rdi+0x1000] */
	run(b, sizeof b, 64);
	cr_assert(out.faulting.touches_memory);
	cr_assert_str_eq(out.faulting.memory_operand, "dword ptr [rdi + 0x1000]");
}

Test(decode, lea_does_not_touch_memory)
{
	const uint8_t b[] = { 0x48, 0x8d, 0x47, 0x08 }; /* lea rax, [rdi+8] */
	run(b, sizeof b, 64);
	cr_assert_not(out.faulting.touches_memory);
}

Test(decode, rip_sets_addresses)
{
	struct vt_error err;
	const uint8_t b[] = { 0xf3, 0x6e, 0x90 };
	cr_assert_eq(vt_decode(dec, b, sizeof b, 64, 0xfffc1234, &out, &err), VT_OK);
	cr_assert_eq(out.faulting.address, 0xfffc1234);
	cr_assert_eq(out.following[0].address, 0xfffc1236);
}

Test(decode, bad_mode_is_an_error)
{
	struct vt_error err;
	const uint8_t b[] = { 0x90 };
	cr_assert_eq(vt_decode(dec, b, 1, 8, 0, &out, &err), VT_ERR_INPUT);
}

Test(decode, undecodable_first_byte_is_marked_invalid)
{
	const uint8_t b[] = { 0x0f, 0xff, 0xff, 0xff }; /* ud0 with a bad modrm run is still... */
	const uint8_t bad[] = { 0xd6 };                 /* SALC: invalid in 64-bit mode */
	run(bad, sizeof bad, 64);
	cr_assert_not(out.faulting.valid);
	cr_assert_str_eq(out.faulting.text, "db 0xd6");
	run(b, sizeof b, 64); /* must not crash whatever Capstone says */
}

Test(decode, never_reads_past_fifteen_bytes)
{
	uint8_t b[32];
	memset(b, 0x90, sizeof b);
	run(b, sizeof b, 64);
	cr_assert_eq(1 + out.nfollowing, 15);
}
