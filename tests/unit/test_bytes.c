/* Byte-list parsing: every pasted form, every error. */
#include <criterion/criterion.h>
#include <string.h>

#include "vmtriage/bytes.h"
#include "x86/bytes_int.h"

static struct vt_exit_bytes eb;
static struct vt_error err;

static int parse(const char *s, enum vt_radix r)
{
	memset(&err, 0, sizeof err);
	return vt_bytes_parse(s, strlen(s), r, &eb, &err);
}

static void expect_bytes(const uint8_t *want, size_t n)
{
	cr_assert_eq(eb.count, n, "count %zu, want %zu", eb.count, n);
	cr_assert_arr_eq(eb.bytes, want, n);
}

static const uint8_t f36eeb0a[] = { 0xf3, 0x6e, 0xeb, 0x0a };

Test(bytes, rust_debug_list_is_decimal)
{
	cr_assert_eq(parse("[243, 110, 235, 10]", VT_RADIX_AUTO), VT_OK, "%s", err.msg);
	expect_bytes(f36eeb0a, 4);
	cr_assert_eq(eb.radix, VT_RADIX_DEC);
	cr_assert_not(eb.ambiguous, "three-digit values settle decimal");
}

Test(bytes, comma_and_space_separated_decimal)
{
	cr_assert_eq(parse("243,110,235,10", VT_RADIX_AUTO), VT_OK);
	expect_bytes(f36eeb0a, 4);
	cr_assert_eq(parse("243 110 235 10", VT_RADIX_AUTO), VT_OK);
	expect_bytes(f36eeb0a, 4);
}

Test(bytes, every_hex_spelling_reads_the_same)
{
	const char *forms[] = { "f3 6e eb 0a", "f36eeb0a", "0xf3,0x6e,0xeb,0x0a", "\\xf3\\x6e\\xeb\\x0a",
				"f3:6e:eb:0a", "F3 6E EB 0A", "0xF3 0x6E 0xEB 0x0A", "[f3, 6e, eb, a]" };
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		cr_assert_eq(parse(forms[i], VT_RADIX_AUTO), VT_OK, "%s: %s", forms[i], err.msg);
		expect_bytes(f36eeb0a, 4);
		cr_assert_eq(eb.radix, VT_RADIX_HEX, "%s", forms[i]);
	}
}

Test(bytes, ambiguous_two_digit_list_reads_decimal_and_says_so)
{
	const uint8_t want[] = { 10, 20, 30 };
	cr_assert_eq(parse("10 20 30", VT_RADIX_AUTO), VT_OK);
	expect_bytes(want, 3);
	cr_assert(eb.ambiguous);
	cr_assert_eq(eb.radix, VT_RADIX_DEC);
}

Test(bytes, single_digits_are_not_ambiguous)
{
	cr_assert_eq(parse("1 2 3", VT_RADIX_AUTO), VT_OK);
	cr_assert_not(eb.ambiguous, "1 2 3 reads the same either way");
}

Test(bytes, zero_padding_means_hex)
{
	const uint8_t want[] = { 0x05, 0x10 };
	cr_assert_eq(parse("05 10", VT_RADIX_AUTO), VT_OK);
	expect_bytes(want, 2);
	cr_assert_not(eb.ambiguous);
}

Test(bytes, forced_radix_overrides_the_rule)
{
	const uint8_t hex[] = { 0x10, 0x20, 0x30 };
	cr_assert_eq(parse("10 20 30", VT_RADIX_HEX), VT_OK);
	expect_bytes(hex, 3);
	cr_assert_eq(parse("f3 6e", VT_RADIX_DEC), VT_ERR_INPUT);
	cr_assert_str_eq(err.msg, "token 1 \"f3\" is not a decimal byte");
}

Test(bytes, bad_token_is_named_with_its_position)
{
	cr_assert_eq(parse("243, 110, 2x3", VT_RADIX_AUTO), VT_ERR_INPUT);
	cr_assert_str_eq(err.msg, "token 3 \"2x3\" is not a byte");
}

Test(bytes, decimal_over_255_is_rejected)
{
	cr_assert_eq(parse("[243, 256]", VT_RADIX_AUTO), VT_ERR_INPUT);
	cr_assert_str_eq(err.msg, "token 2 \"256\" is not a byte (decimal bytes run 0-255)");
}

Test(bytes, empty_input_is_rejected)
{
	cr_assert_eq(parse("", VT_RADIX_AUTO), VT_ERR_INPUT);
	cr_assert_str_eq(err.msg, "no bytes given");
	cr_assert_eq(parse(" [ ] ", VT_RADIX_AUTO), VT_ERR_INPUT);
}

Test(bytes, more_than_fifteen_bytes_is_rejected)
{
	cr_assert_eq(parse("0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15", VT_RADIX_AUTO), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "at most 15") != NULL, "%s", err.msg);
	cr_assert_eq(parse("000102030405060708090a0b0c0d0e0f", VT_RADIX_AUTO), VT_ERR_INPUT);
	cr_assert_eq(parse("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e", VT_RADIX_AUTO), VT_OK);
	cr_assert_eq(eb.count, 15);
}

Test(bytes, odd_hex_run_is_rejected)
{
	cr_assert_eq(parse("f36ee", VT_RADIX_AUTO), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "odd number of hex digits") != NULL, "%s", err.msg);
}

Test(bytes, three_digit_token_in_hex_list_is_rejected)
{
	cr_assert_eq(parse("f3 243", VT_RADIX_AUTO), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "token 2 \"243\"") != NULL, "%s", err.msg);
}

Test(bytes, garbage_is_rejected_without_crashing)
{
	const char *junk[] = { "hello world", "0x", "\\x", "\\xzz", "0x123", "[[[", "1-2-3", "\xff\xfe" };
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
		cr_assert_eq(parse(junk[i], VT_RADIX_AUTO), VT_ERR_INPUT, "%s accepted", junk[i]);
}

Test(bytes, propolis_panic_line_gives_bytes_len_and_vcpu)
{
	const uint8_t want[] = { 243, 110, 235, 10, 227, 8, 138, 6, 238, 72, 255, 198, 226, 248, 76 };
	cr_assert_eq(parse("thread 'vcpu-0' panicked at bin/propolis-server/src/lib/vm/state_driver.rs:324:9:"
			   " vCPU 0: Unhandled VM exit: InstEmul(InstEmul { inst_data: [243, 110, 235, 10, 227, 8, "
			   "138, 6, 238, 72, 255, 198, 226, 248, 76], len: 15 })", VT_RADIX_AUTO), VT_OK, "%s", err.msg);
	expect_bytes(want, 15);
	cr_assert_eq(eb.len, 15);
	cr_assert_eq(eb.vcpu, 0);
	cr_assert_eq(eb.notation, VT_NOTATION_PANIC);
	cr_assert_not(eb.redacted);
}

Test(bytes, old_rust_quoted_panic_with_len_zero)
{
	cr_assert_eq(parse("thread 'vcpu-1' panicked at 'vCPU 1: Unhandled VM exit: InstEmul(InstEmul { inst_data: "
			   "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], len: 0 })', bin/propolis-server/src/lib/vm/mod.rs:450:9",
			   VT_RADIX_AUTO), VT_OK);
	cr_assert_eq(eb.count, 15);
	cr_assert_eq(eb.len, 0);
	cr_assert_eq(eb.vcpu, 1);
	cr_assert_eq(vt_exit_bytes_valid(&eb), 0);
}

Test(bytes, redacted_panic_has_no_bytes)
{
	cr_assert_eq(parse("vCPU 0: Unhandled VM exit: InstEmul(InstEmul { inst_data: <guest data redacted>, len: 15 })",
			   VT_RADIX_AUTO), VT_OK);
	cr_assert(eb.redacted);
	cr_assert_eq(eb.count, 0);
	cr_assert_eq(eb.len, 15);
}

Test(bytes, pre_2022_unemulated_form_is_hex_with_rip)
{
	const uint8_t want[] = { 0xf3, 0x6c };
	cr_assert_eq(parse("unemulated instruction [f3, 6c] as rip:859f60", VT_RADIX_AUTO), VT_OK, "%s", err.msg);
	expect_bytes(want, 2);
	cr_assert_eq(eb.notation, VT_NOTATION_UNEMULATED);
	cr_assert(eb.has_rip);
	cr_assert_eq(eb.rip, 0x859f60);
	cr_assert_eq(eb.len, 2);
}

Test(bytes, a_rip_too_long_for_64_bits_is_not_taken)
{
	cr_assert_eq(parse("unemulated instruction [f3, 6c] as rip:0x1ffffffffffffffff", VT_RADIX_AUTO), VT_OK);
	cr_assert_not(eb.has_rip, "17 hex digits would wrap");
	cr_assert_eq(parse("unemulated instruction [f3, 6c] as rip:0xffffffffffffffff", VT_RADIX_AUTO), VT_OK);
	cr_assert(eb.has_rip);
	cr_assert_eq(eb.rip, UINT64_MAX);
}

Test(bytes, standalone_form_takes_rip)
{
	cr_assert_eq(parse("ERRO Unhandled exit @rip:00859f60 InstEmul(InstEmul { inst_data: [243, 108, 235, 10, 227, "
			   "8, 236, 136, 7, 72, 255, 199, 226, 248, 76], len: 15 })", VT_RADIX_AUTO), VT_OK);
	cr_assert_eq(eb.notation, VT_NOTATION_STANDALONE);
	cr_assert(eb.has_rip);
	cr_assert_eq(eb.rip, 0x859f60);
	cr_assert_eq(eb.bytes[1], 108);
}

Test(bytes, other_exit_kinds_carry_no_bytes)
{
	cr_assert_eq(parse("vCPU 3: Unhandled VM exit: Paging(4294967292, 2)", VT_RADIX_AUTO), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "no instruction bytes") != NULL);
}

Test(bytes, bad_len_is_rejected)
{
	cr_assert_eq(parse("inst_data: [243, 110], len: 99", VT_RADIX_AUTO), VT_ERR_INPUT);
	cr_assert_eq(parse("inst_data: [243, 110], len: x", VT_RADIX_AUTO), VT_ERR_INPUT);
	cr_assert_eq(parse("inst_data: 243, 110", VT_RADIX_AUTO), VT_ERR_INPUT);
}

/* ---- Every byte form another vmtriage command prints, and the dumps people paste. */

Test(bytes, forms_other_commands_print_read_the_same)
{
	/* decode/replay/crash "bytes", firmware and snapshot "f3 6e", v1 bundles [243,110] */
	const char *forms[] = { "f36eeb0a", "\"f36eeb0a\"", "\"f3 6e eb 0a\"" };
	for (size_t i = 0; i < 3; i++) {
		cr_assert_eq(parse(forms[i], VT_RADIX_AUTO), VT_OK, "%s: %s", forms[i], err.msg);
		expect_bytes(f36eeb0a, 4);
	}
	cr_assert_eq(parse("[243,110,235,10]", VT_RADIX_AUTO), VT_OK, "%s", err.msg);
	expect_bytes(f36eeb0a, 4);
	cr_assert_eq(parse("\"bytes\": \"f36eeb0a\",", VT_RADIX_AUTO), VT_OK, "%s", err.msg);
	expect_bytes(f36eeb0a, 4);
	cr_assert_eq(parse("\"inst_data\": [243, 110, 235, 10]", VT_RADIX_AUTO), VT_OK, "%s", err.msg);
	expect_bytes(f36eeb0a, 4);
	cr_assert_eq(eb.radix, VT_RADIX_DEC);
}

Test(bytes, c_array_initializer)
{
	cr_assert_eq(parse("static const unsigned char code[] = { 0xf3, 0x6e, 0xeb, 0x0a };", VT_RADIX_AUTO),
		     VT_OK, "%s", err.msg);
	expect_bytes(f36eeb0a, 4);
	cr_assert_eq(eb.notation, VT_NOTATION_C_ARRAY);
	cr_assert_eq(parse("{0xf3,0x6e,0xeb,0x0a}", VT_RADIX_AUTO), VT_OK, "%s", err.msg);
	expect_bytes(f36eeb0a, 4);
	cr_assert_str_eq(vt_input_notation_name(eb.notation), "c-array");
}

Test(bytes, qemu_code_line_starts_at_the_bracketed_byte)
{
	cr_assert_eq(parse("Code=00 00 90 90 <f3> 6e eb 0a ?? ?? 00", VT_RADIX_AUTO), VT_OK, "%s", err.msg);
	expect_bytes(f36eeb0a, 4); /* stops at the first unreadable byte */
	cr_assert_eq(eb.notation, VT_NOTATION_QEMU_CODE);
	cr_assert_eq(eb.len, -1);
	cr_assert_eq(eb.radix, VT_RADIX_HEX);
	/* 29 bytes follow the bracketed one in QEMU's dump: 15 are kept */
	cr_assert_eq(parse("Code=66 90 <f3> 6e eb 0a 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10", VT_RADIX_AUTO),
		     VT_OK, "%s", err.msg);
	cr_assert_eq(eb.count, 15);
	cr_assert_eq(eb.bytes[0], 0xf3);
}

Test(bytes, qemu_code_line_with_nothing_readable_is_an_error)
{
	cr_assert_eq(parse("Code=?? ?? <?" "?> ?? ??", VT_RADIX_AUTO), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "Code="), "%s", err.msg);
	cr_assert_eq(parse("Code=00 11 22", VT_RADIX_AUTO), VT_ERR_INPUT, "no <byte>: no RIP to start at");
}

/* The one parser: decode's reading of a Code= line and scan's (which feeds
 * a wrapped line piece by piece) are bytes_code_feed. */
Test(bytes, qemu_code_parser_alone)
{
	uint8_t b[15];
	const char *s = "00 <f3> 6e ??";
	cr_assert_eq(vt_bytes_parse_qemu_code(s, strlen(s), b, sizeof b), 2);
	cr_assert_eq(b[0], 0xf3);
	cr_assert_eq(b[1], 0x6e);
	s = "<f3> 6e eb";
	cr_assert_eq(vt_bytes_parse_qemu_code(s, strlen(s), b, 2), 2, "bounded by max");
}

Test(bytes, qemu_code_fed_in_pieces_reads_as_one_line)
{
	/* x86_cpu_dump_state prints 43 bytes before the one at RIP and 20 from it. */
	const char *whole = "48 89 f7 48 8b 45 d0 48 89 c6 48 85 c9 74 18 0f 1f 40 00 f3 0f 6f 06 <f3> 0f 7f 07 48 83 c6 ?? ??";
	struct bytes_code one = { 0 }, pieces = { 0 };
	bytes_code_feed(&one, whole, strlen(whole));
	/* Wrapped at 72 columns by a mail client: the cut falls between tokens. */
	const char *a = "48 89 f7 48 8b 45 d0 48 89 c6 48 85 c9 74 18 0f 1f 40 00 f3 0f", *b = "6f 06 <f3> 0f 7f 07 48 83 c6 ?? ??";
	bytes_code_feed(&pieces, a, strlen(a));
	cr_assert_eq(pieces.n, 0, "nothing before the byte at RIP");
	cr_assert(pieces.tokens < BYTES_CODE_TOKENS, "a short line: its rest is awaited");
	cr_assert(bytes_code_rest(b, strlen(b)));
	bytes_code_feed(&pieces, b, strlen(b));
	cr_assert_eq(pieces.n, one.n);
	cr_assert_eq(pieces.n, 7, "f3 0f 7f 07 48 83 c6, then unreadable");
	cr_assert_eq(memcmp(pieces.bytes, one.bytes, one.n), 0);
	cr_assert(pieces.stop && one.stop);
	cr_assert_eq(pieces.tokens, one.tokens);
	/* A newline between the pieces is a blank, as in a pasted mail. */
	uint8_t out[15];
	cr_assert_eq(vt_bytes_parse_qemu_code("00 <0f>\n0b ??", strlen("00 <0f>\n0b ??"), out, sizeof out), 2);
	cr_assert_eq(out[1], 0x0b);
}

Test(bytes, qemu_kvm_code_line_arrow_and_xx)
{
	struct bytes_code c = { 0 };
	const char *line = "00 11 22 --> f3 6e eb xx 00";
	bytes_code_feed(&c, line, strlen(line));
	cr_assert_eq(c.n, 3);
	cr_assert_eq(c.bytes[0], 0xf3);
	cr_assert(c.stop, "xx is qemu-kvm's unreadable byte");
	cr_assert_eq(c.tokens, 8, "the arrow is a marker, not a byte");
	cr_assert_eq(parse("code: 00 11 --> f3 6e xx", VT_RADIX_AUTO), VT_OK, "%s", err.msg);
	expect_bytes(f36eeb0a, 2);
	cr_assert_eq(eb.notation, VT_NOTATION_QEMU_CODE);
	cr_assert_eq(parse("the code: of conduct", VT_RADIX_AUTO), VT_ERR_INPUT, "code: without an arrow is prose");
}

Test(bytes, qemu_code_rest_is_byte_tokens_only)
{
	cr_assert(bytes_code_rest("6f 06 <f3> 0f ?? xx", 19));
	cr_assert(bytes_code_rest(" --> f3 6e ", 11));
	cr_assert_not(bytes_code_rest("", 0));
	cr_assert_not(bytes_code_rest("   ", 3));
	cr_assert_not(bytes_code_rest("RBX=0000000000000000", 20));
	cr_assert_not(bytes_code_rest("6f 06 then prose", 16));
	cr_assert_not(bytes_code_rest("<f3 0f", 6), "a marker is <xx>");
}

Test(bytes, hexdump_offset_is_dropped_with_a_warning_never_decoded)
{
	cr_assert_eq(parse("0000: f3 6e eb 0a", VT_RADIX_AUTO), VT_OK, "%s", err.msg);
	expect_bytes(f36eeb0a, 4);
	cr_assert_eq(eb.notation, VT_NOTATION_HEXDUMP);
	cr_assert(strstr(eb.warning, "\"0000\""), "%s", eb.warning);
}

Test(bytes, hexdump_canonical_line)
{
	cr_assert_eq(parse("00000010  f3 6e eb 0a 41 42 43 44  45 46 47 48 49 4a 4b 4c  |.n..ABCDEFGHIJKL|",
			   VT_RADIX_AUTO), VT_OK, "%s", err.msg);
	cr_assert_eq(eb.count, 15);
	cr_assert_arr_eq(eb.bytes, f36eeb0a, 4);
	cr_assert_eq(eb.bytes[14], 0x4b);
	cr_assert(strstr(eb.warning, "\"00000010\"") && strstr(eb.warning, "text column") &&
		  strstr(eb.warning, "1 byte past"), "%s", eb.warning);
}

Test(bytes, xxd_line)
{
	/* the text column's "f36e" must not be read as bytes */
	cr_assert_eq(parse("00000020: f36e eb0a                                f36e", VT_RADIX_AUTO), VT_OK, "%s",
		     err.msg);
	expect_bytes(f36eeb0a, 4);
	cr_assert_eq(eb.notation, VT_NOTATION_HEXDUMP);
}

Test(bytes, od_line)
{
	cr_assert_eq(parse("0000020 f3 6e eb 0a", VT_RADIX_AUTO), VT_OK, "%s", err.msg);
	expect_bytes(f36eeb0a, 4);
	cr_assert_eq(eb.notation, VT_NOTATION_HEXDUMP);
}

Test(bytes, hexdump_default_words_are_rejected)
{
	/* bytes swapped in 16-bit words: decoding them would be wrong */
	cr_assert_eq(parse("0000000 6ef3 0aeb", VT_RADIX_AUTO), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "hexdump -C"), "%s", err.msg);
}

Test(bytes, long_hex_runs_are_not_offsets)
{
	cr_assert_eq(parse("f36eeb0a", VT_RADIX_AUTO), VT_OK);
	cr_assert_eq(eb.notation, VT_NOTATION_LIST);
	cr_assert_str_eq(eb.warning, "");
	cr_assert_eq(parse("f36e eb0a", VT_RADIX_AUTO), VT_OK);
	cr_assert_eq(eb.notation, VT_NOTATION_LIST);
}

Test(bytes, garbage_in_every_form_is_an_error)
{
	const char *bad[] = { "{0xf3, 0xzz}", "Code=", "0000: f3 zz", "\"f3 6g\"", "{", "}{", "hello world" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_assert_eq(parse(bad[i], VT_RADIX_AUTO), VT_ERR_INPUT, "\"%s\" was accepted", bad[i]);
}
