/* Prefix scanning and INS/OUTS recognition: the rules every module shares. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "vmtriage/insn.h"

static struct vt_string_io sio;

static enum vt_sio_result sio_of(const char *hex, unsigned bits)
{
	uint8_t b[32];
	size_t n = 0;
	for (const char *p = hex; p[0] && p[1] && n < sizeof b; p += 2) {
		unsigned v;
		sscanf(p, "%2x", &v);
		b[n++] = (uint8_t)v;
	}
	return vt_string_io_decode(b, n, bits, &sio);
}

static void expect_text(const char *want)
{
	char text[96];
	vt_string_io_text(&sio, text, sizeof text);
	cr_assert_str_eq(text, want);
}

Test(insn, rep_outsb_in_64_bit)
{
	cr_assert_eq(sio_of("f36e", 64), VT_SIO_OK);
	cr_assert(!sio.in && sio.rep);
	cr_assert_eq(sio.size, 1);
	cr_assert_eq(sio.addr_bits, 64);
	cr_assert_eq(sio.length, 2);
	cr_assert_eq(sio.segment, VT_SEG_DS);
	expect_text("rep outsb dx, byte ptr [rsi]");
}

Test(insn, operand_size_prefix_before_rep_gives_outsw)
{
	/* Capstone 4.0.2 prints "rep outsd" here; the SDM says 66 makes it 16-bit. */
	cr_assert_eq(sio_of("66f36f", 64), VT_SIO_OK);
	cr_assert_eq(sio.size, 2);
	expect_text("rep outsw dx, word ptr [rsi]");
	cr_assert_eq(sio_of("66f36f", 32), VT_SIO_OK);
	cr_assert_eq(sio.size, 2);
}

Test(insn, sixteen_bit_code_defaults_to_word_elements)
{
	cr_assert_eq(sio_of("f36f", 16), VT_SIO_OK);
	cr_assert_eq(sio.size, 2);
	cr_assert_eq(sio.addr_bits, 16);
	expect_text("rep outsw dx, word ptr [si]");
	cr_assert_eq(sio_of("66f36f", 16), VT_SIO_OK);
	cr_assert_eq(sio.size, 4);
}

Test(insn, address_size_prefix_selects_registers)
{
	cr_assert_eq(sio_of("f3676e", 64), VT_SIO_OK);
	cr_assert_eq(sio.addr_bits, 32);
	expect_text("rep outsb dx, byte ptr [esi]");
	cr_assert_eq(sio_of("f3676e", 32), VT_SIO_OK);
	cr_assert_eq(sio.addr_bits, 16);
	cr_assert_eq(sio_of("f3676e", 16), VT_SIO_OK);
	cr_assert_eq(sio.addr_bits, 32);
}

Test(insn, rep_insb_uses_es_rdi)
{
	cr_assert_eq(sio_of("f36c", 64), VT_SIO_OK);
	cr_assert(sio.in);
	cr_assert_eq(sio.segment, VT_SEG_ES);
	expect_text("rep insb byte ptr [rdi], dx");
}

Test(insn, ins_destination_ignores_segment_override)
{
	cr_assert_eq(sio_of("26f26c", 64), VT_SIO_OK);
	cr_assert_eq(sio.segment, VT_SEG_ES);
	cr_assert_not(sio.seg_overridden);
	cr_assert_eq(sio_of("64f36c", 64), VT_SIO_OK);
	cr_assert_eq(sio.segment, VT_SEG_ES);
}

Test(insn, outs_source_takes_segment_override)
{
	cr_assert_eq(sio_of("64f36e", 64), VT_SIO_OK);
	cr_assert_eq(sio.segment, VT_SEG_FS);
	expect_text("rep outsb dx, byte ptr fs:[rsi]");
}

Test(insn, repne_also_repeats)
{
	cr_assert_eq(sio_of("f26e", 64), VT_SIO_OK);
	cr_assert(sio.rep);
	expect_text("repne outsb dx, byte ptr [rsi]");
}

Test(insn, rex_w_never_makes_8_byte_elements)
{
	cr_assert_eq(sio_of("f3486f", 64), VT_SIO_OK);
	cr_assert_eq(sio.size, 4);
	cr_assert_eq(sio.prefixes.rex, 0x48);
	cr_assert_eq(sio.length, 3);
}

Test(insn, rex_w_voids_the_operand_size_prefix)
{
	/* SDM vol. 2, 2.2.1.2: 66 is ignored when REX.W = 1 (QEMU and KVM agree). */
	cr_assert_eq(sio_of("66486f", 64), VT_SIO_OK);
	cr_assert_eq(sio.size, 4);
	cr_assert_eq(sio_of("66f3486d", 64), VT_SIO_OK);
	cr_assert_eq(sio.size, 4);
	cr_assert_eq(sio_of("66476f", 64), VT_SIO_OK, "REX without W leaves 66 in force");
	cr_assert_eq(sio.size, 2);
}

Test(insn, rex_is_not_a_prefix_outside_64_bit)
{
	cr_assert_eq(sio_of("486f", 32), VT_SIO_NOT_STRING_IO, "48 is DEC EAX in 32-bit code");
}

Test(insn, rex_before_a_legacy_prefix_is_void)
{
	struct vt_prefixes p;
	const uint8_t b[] = { 0x48, 0x66, 0x6f };
	vt_prefixes_scan(b, sizeof b, 64, &p);
	cr_assert_eq(p.rex, 0);
	cr_assert(p.opsize);
	cr_assert_eq(p.count, 2);
}

Test(insn, sixteen_byte_instruction_is_too_long)
{
	cr_assert_eq(sio_of("6666666666666666666666666666f36e", 64), VT_SIO_TOO_LONG);
	cr_assert_eq(sio_of("66666666666666666666666666f36e", 64), VT_SIO_OK, "15 bytes is legal");
	cr_assert_eq(sio.length, 15);
}

Test(insn, other_instructions_are_not_string_io)
{
	cr_assert_eq(sio_of("8a06", 64), VT_SIO_NOT_STRING_IO);
	cr_assert_eq(sio_of("f3", 64), VT_SIO_TRUNCATED);
	cr_assert_eq(sio_of("", 64), VT_SIO_TRUNCATED);
}
