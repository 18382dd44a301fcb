/* The scanner: every propolis and QEMU crash format, merging, negatives,
 * hostile input, threads. */
#include <pthread.h>

#include "scan_helpers.h"

static const uint8_t ovmf_outsb[] = { 0xf3, 0x6e, 0xeb, 0x0a, 0xe3, 0x08, 0x8a, 0x06,
				      0xee, 0x48, 0xff, 0xc6, 0xe2, 0xf8, 0x4c };

Test(scan_propolis, old_rust_quoted_panics_of_issue_333_are_two_crashes_one_per_process)
{
	struct found f;
	cr_assert_eq(scan_sample(&f, "propolis-333-old-panic.log", false), 0);
	cr_assert_eq(f.n, 2);
	cr_assert_eq(f.c[0].vcpu, 2);
	cr_assert_eq(f.c[0].len, 0);
	cr_assert_eq(f.c[0].cls.id, VT_CLASS_EMPTY);
	cr_assert_eq(f.c[0].dialect, VT_DIALECT_RUST_OLD);
	cr_assert_eq(f.c[0].restarts, 0);
	cr_assert_eq(f.c[1].vcpu, 3);
	cr_assert_eq(f.c[1].inst[0], 87);
	cr_assert_eq(f.c[1].inst[14], 0);
	cr_assert_eq(f.c[1].len, 15);
	cr_assert_eq(f.c[1].cls.id, VT_CLASS_GARBAGE, "0x57 0xc2 ... is data, not code");
	cr_assert_eq(f.c[1].restarts, 1, "the second SMF start method is one restart");
	cr_assert_eq(f.c[1].line, 10);
}

Test(scan_propolis, issue_300_len_zero_takes_the_nearest_slog_term_time)
{
	struct found f;
	scan_sample(&f, "propolis-300-len0.log", false);
	cr_assert_eq(f.n, 1);
	cr_assert_eq(f.c[0].vcpu, 1);
	cr_assert_str_eq(f.c[0].time, "Jan 10 06:21:06.283");
	cr_assert_eq(f.c[0].time_origin, VT_TIME_NEAREST);
	cr_assert_eq(f.c[0].cls.id, VT_CLASS_EMPTY);
}

Test(scan_propolis, issue_340_paging_gpa_is_read_as_decimal)
{
	struct found f;
	scan_sample(&f, "propolis-340-paging.log", false);
	cr_assert_eq(f.n, 1);
	cr_assert_eq(f.c[0].kind, VT_KIND_PAGING);
	cr_assert(f.c[0].has_gpa);
	cr_assert_eq(f.c[0].gpa, 0xfffffffcull);
	cr_assert_eq(f.c[0].fault_type, 2);
	cr_assert_eq(f.c[0].cls.id, VT_CLASS_PAGING);
}

Test(scan_propolis, bunyan_795_record_and_new_rust_panic_merge_into_one_crash_with_registers)
{
	struct found f;
	scan_sample(&f, "propolis-795-bunyan.log", false);
	cr_assert_eq(f.n, 1, "record + panic for vCPU 0 are one crash");
	const struct vt_crash *c = &f.c[0];
	cr_assert(c->paired);
	cr_assert_eq(c->origin, VT_ORIGIN_PANIC | VT_ORIGIN_LOG_RECORD);
	cr_assert_eq(c->line, 8, "the crash starts at the record");
	cr_assert_eq(c->end_line, 10);
	cr_assert_str_eq(c->time, "2024-10-22T18:41:28.637415212Z");
	cr_assert_eq(c->time_origin, VT_TIME_RECORD);
	cr_assert_eq(c->dialect, VT_DIALECT_RUST_NEW);
	cr_assert_eq(memcmp(c->inst, ovmf_outsb, 15), 0);
	cr_assert(c->regs.has[VT_REG_RSI]);
	cr_assert_eq(c->regs.v[VT_REG_RSI], 0x7ff00010);
	cr_assert_eq(c->regs.v[VT_REG_RDX], 0x402);
	cr_assert_eq(c->regs.v[VT_REG_RIP], 0x7fc7b4a1);
	cr_assert_eq(c->regs.v[VT_REG_EFER], 0xd00);
	cr_assert_eq(c->regs.v[VT_REG_XCR0], 1);
	cr_assert_eq(c->regs.seg[VT_SREG_CS].selector, 0x38);
	cr_assert_eq(c->regs.seg[VT_SREG_CS].access, 0xa09b);
	cr_assert_eq(c->regs.seg[VT_SREG_GDTR].base, 0x7f9ee000);
	cr_assert_eq(c->mode, 64);
	cr_assert_eq(c->cls.id, VT_CLASS_STRING_IO);
	cr_assert(c->decoded && c->dec.is_string_io && !c->dec.sio.in);
	cr_assert_not_null(strstr(c->excerpt, "thread 'vcpu-0' panicked"));
	cr_assert_not_null(strstr(c->excerpt, "instruction emulation exit on vCPU 0"));
}

Test(scan_propolis, redacted_blog_panic_wrapped_over_lines_merges_and_lost_panic_record_still_counts)
{
	struct found f;
	scan_sample(&f, "propolis-redacted-blog.log", false);
	cr_assert_eq(f.n, 2);
	cr_assert(f.c[0].paired);
	cr_assert(f.c[0].redacted);
	cr_assert_eq(f.c[0].len, 15);
	cr_assert(f.c[0].regs.redacted);
	cr_assert_eq(f.c[0].cls.id, VT_CLASS_REDACTED);
	/* vCPU 1's paging record: its panic never reached the log. */
	cr_assert_eq(f.c[1].kind, VT_KIND_PAGING);
	cr_assert_eq(f.c[1].origin, VT_ORIGIN_LOG_RECORD);
	cr_assert_eq(f.c[1].gpa, 4294967292ull);
	cr_assert_eq(f.c[1].vcpu, 1);
	cr_assert_eq(f.c[1].restarts, 1);
}

Test(scan_propolis, pretty_printed_record_with_indented_dump_and_alternate_debug_panic)
{
	struct found f;
	scan_sample(&f, "propolis-pretty-795.log", false);
	cr_assert_eq(f.n, 2);
	const struct vt_crash *c = &f.c[0];
	cr_assert(c->paired);
	cr_assert_eq(c->vcpu, 2);
	cr_assert_str_eq(c->time, "18:41:28.637Z");
	cr_assert_eq(c->inst[0], 0x66);
	cr_assert_eq(c->regs.v[VT_REG_RIP], 0xfffc1234);
	cr_assert_eq(c->regs.v[VT_REG_RDX], 0x1f0);
	cr_assert(c->decoded && c->dec.sio.size == 2, "66 f3 6f is REP OUTSW");
	cr_assert_eq(f.c[1].kind, VT_KIND_TRIPLE_FAULT);
	cr_assert_eq(f.c[1].vcpu, 3);
	cr_assert_eq(f.c[1].mode, 16, "CR0.PE clear: real mode");
	cr_assert_eq(f.c[1].cls.id, VT_CLASS_TRIPLE_FAULT);
}

Test(scan_propolis, standalone_1168_line_and_its_todo_panic_are_one_rep_insb_crash)
{
	struct found f;
	scan_sample(&f, "propolis-standalone-1168.log", false);
	cr_assert_eq(f.n, 1);
	const struct vt_crash *c = &f.c[0];
	cr_assert_eq(c->origin, VT_ORIGIN_STANDALONE | VT_ORIGIN_PANIC);
	cr_assert(c->has_rip);
	cr_assert_eq(c->rip, 0x859f60);
	cr_assert_eq(c->vcpu, 0, "the vCPU comes from the panicking thread");
	cr_assert_eq(c->inst[0], 243);
	cr_assert_eq(c->inst[1], 108);
	cr_assert_eq(c->cls.id, VT_CLASS_STRING_IO);
	cr_assert(c->dec.sio.in);
	cr_assert_str_eq(c->time, "Jul 08 09:14:03.020");
	cr_assert_eq(c->time_origin, VT_TIME_RECORD);
}

Test(scan_propolis, pre_2022_messages_give_hex_bytes_paging_vmx_svm_and_unknown)
{
	struct found f;
	scan_sample(&f, "propolis-legacy-2022.log", false);
	cr_assert_eq(f.n, 5);
	cr_assert_eq(f.c[0].dialect, VT_DIALECT_LEGACY);
	cr_assert_eq(f.c[0].ninst, 2);
	cr_assert_eq(f.c[0].inst[1], 0x6c);
	cr_assert_eq(f.c[0].rip, 0x859f60);
	cr_assert_eq(f.c[1].kind, VT_KIND_PAGING);
	cr_assert_eq(f.c[1].gpa, 0xfffffffc, "legacy paging gpa is hex");
	cr_assert_eq(f.c[2].kind, VT_KIND_VMX_ERROR);
	cr_assert_not_null(strstr(f.c[2].detail, "exit_reason: 33"));
	cr_assert_eq(f.c[3].kind, VT_KIND_SVM_ERROR);
	cr_assert_eq(f.c[4].kind, VT_KIND_UNKNOWN);
	cr_assert(f.c[4].has_code);
	cr_assert_eq(f.c[4].code, 48);
	cr_assert_eq(f.c[4].cls.id, VT_CLASS_UNKNOWN_EXIT);
}

Test(scan_propolis, every_exit_kind_gets_its_class_and_records_merge_per_kind)
{
	struct found f;
	scan_sample(&f, "propolis-other-kinds.log", false);
	cr_assert_eq(f.n, 5);
	cr_assert_eq(f.c[0].cls.id, VT_CLASS_UNKNOWN_EXIT);
	cr_assert(f.c[0].paired);
	cr_assert_eq(f.c[1].cls.id, VT_CLASS_DEBUG_EXIT);
	cr_assert(f.c[1].paired);
	cr_assert_eq(f.c[2].cls.id, VT_CLASS_SVM_ERROR);
	cr_assert(f.c[2].paired);
	cr_assert_str_eq(f.c[2].detail, "SvmDetail { exit_code: 1024, info1: 0, info2: 0 }");
	/* exit_reason 2147483681 = 0x80000021: VM entry failed, invalid guest state. */
	cr_assert_eq(f.c[3].cls.id, VT_CLASS_INVALID_GUEST_STATE);
	cr_assert(strstr(f.c[3].cls.detail, "exit reason 2147483681: VM-entry failure due to invalid guest state"),
		  "%s", f.c[3].cls.detail);
	cr_assert_eq(f.c[4].cls.id, VT_CLASS_VCPU_ERROR);
	cr_assert_str_eq(f.c[4].detail, "Interrupted system call (os error 4)");
}

Test(scan_qemu, extra_data_flags_bit0_gives_the_instruction_bytes)
{
	struct found f;
	scan_sample(&f, "qemu-kvm-insn-bytes.log", false);
	cr_assert_eq(f.n, 1);
	const struct vt_crash *c = &f.c[0];
	cr_assert_eq(c->origin, VT_ORIGIN_QEMU);
	cr_assert_eq(c->nextra, 8);
	cr_assert_eq(c->len, 15);
	cr_assert_eq(memcmp(c->inst, ovmf_outsb, 15), 0);
	cr_assert_eq(c->rip, 0x7fc7b4a1);
	cr_assert_eq(c->regs.v[VT_REG_R8], 0);
	cr_assert_eq(c->regs.v[VT_REG_R9], 0x7fe4c010, "\"R9 =\" has a space before '='");
	cr_assert_eq(c->regs.seg[VT_SREG_CS].access, 0xa09b, "QEMU flags become VMX access rights");
	cr_assert_eq(c->regs.cpl, 0);
	cr_assert_eq(c->mode, 64);
	cr_assert_eq(c->cls.id, VT_CLASS_STRING_IO);
}

Test(scan_qemu, interleaved_dumps_of_two_vcpus_are_not_mixed_up)
{
	struct found f;
	scan_sample(&f, "qemu-interleaved.log", false);
	cr_assert_eq(f.n, 2);
	/* vCPU A: real mode, 32-bit layout, REP INSB from Code=. */
	cr_assert_eq(f.c[0].regs.v[VT_REG_RCX], 0x200);
	cr_assert_eq(f.c[0].regs.v[VT_REG_RIP], 0x1234);
	cr_assert_eq(f.c[0].regs.seg[VT_SREG_CS].base, 0x9f000);
	cr_assert_eq(f.c[0].mode, 16);
	cr_assert_eq(f.c[0].inst[0], 0xf3);
	cr_assert_eq(f.c[0].inst[1], 0x6c);
	/* vCPU B: 64-bit, bytes after RIP unreadable ("??"). */
	cr_assert_eq(f.c[1].regs.v[VT_REG_RCX], 0xc);
	cr_assert_eq(f.c[1].regs.v[VT_REG_RIP], 0xfffc1234);
	cr_assert_eq(f.c[1].regs.seg[VT_SREG_CS].selector, 0x38);
	cr_assert_eq(f.c[1].ninst, 3, "bytes stop at the first ??");
	cr_assert_eq(f.c[1].mode, 64);
	cr_assert_eq(f.c[1].cls.id, VT_CLASS_STRING_IO);
}

Test(scan_qemu, old_unprefixed_extra_data_and_other_suberror_is_unknown_exit)
{
	struct found f;
	scan_sample(&f, "qemu-old-extra.log", false);
	cr_assert_eq(f.n, 1);
	cr_assert_eq(f.c[0].extra[0], 0x80000008);
	cr_assert_eq(f.c[0].extra[1], 0x31);
	cr_assert_eq(f.c[0].code, 2);
	cr_assert_eq(f.c[0].cls.id, VT_CLASS_UNKNOWN_EXIT);
	cr_assert(!f.c[0].has_inst);
}

Test(scan_qemu, register_dump_without_a_header_is_not_a_crash)
{
	struct found f;
	scan_text(&f, "RAX=0000000000000000 RBX=0000000000000000 RCX=0000000000000000 RDX=0000000000000000\n"
		      "RIP=0000000000001000 RFL=00000002 [-------] CPL=0 II=0 A20=1 SMM=0 HLT=0\n"
		      "Code=90 90 <f3> 6e 90\n", false);
	cr_assert_eq(f.n, 0);
}

Test(scan_negative, nexus_panic_is_reported_only_with_all_panics)
{
	struct found f;
	scan_sample(&f, "nexus-other-panic.log", false);
	cr_assert_eq(f.n, 0, "look-alike text inside JSON strings is not a crash");
	scan_sample(&f, "nexus-other-panic.log", true);
	cr_assert_eq(f.n, 1);
	cr_assert_eq(f.c[0].kind, VT_KIND_OTHER_PANIC);
	cr_assert_eq(f.c[0].cls.id, VT_CLASS_OTHER_PANIC);
	cr_assert_str_eq(f.c[0].detail, "called `Option::unwrap()` on a `None` value");
}

Test(scan_negative, panic_cut_off_at_end_of_file_is_a_truncated_crash_without_bytes)
{
	struct found f;
	scan_sample(&f, "truncated-panic.log", false);
	cr_assert_eq(f.n, 1);
	cr_assert(f.c[0].truncated);
	cr_assert_eq(f.c[0].kind, VT_KIND_INST_EMUL);
	cr_assert(!f.c[0].has_inst);
	cr_assert_eq(f.c[0].cls.id, VT_CLASS_UNKNOWN);
}

Test(scan_negative, non_fatal_unhandled_pio_and_mmio_lines_are_not_crashes)
{
	struct found f;
	scan_text(&f, "Feb 23 23:27:42.038 ERRO Unhandled pio Out(IoPort { port: 44800, bytes: 4 }, 0), rip: 8612253\n"
		      "Feb 23 23:27:42.039 DEBG Unhandled mmio Read(MmioReadReq { addr: 4275044352, bytes: 4 })\n",
		  true);
	cr_assert_eq(f.n, 0);
}

Test(scan_merge, panic_before_its_record_still_merges)
{
	struct found f;
	scan_text(&f, "thread 'vcpu-1' panicked at x.rs:1:1:\n"
		      "vCPU 1: Unhandled VM exit: Paging(4096, 1)\n"
		      "{\"msg\":\"unhandled paging exit on vCPU 1\",\"v\":0,\"name\":\"p\",\"level\":50,"
		      "\"time\":\"2025-01-01T00:00:00Z\",\"gpa\":18446744073709551615,\"fault_type\":1}\n",
		  false);
	cr_assert_eq(f.n, 1);
	cr_assert(f.c[0].paired);
	cr_assert_eq(f.c[0].line, 1);
	cr_assert_eq(f.c[0].gpa, 4096, "the panic's gpa is kept");
	cr_assert_str_eq(f.c[0].time, "2025-01-01T00:00:00Z");
}

Test(scan_merge, records_of_different_vcpus_do_not_merge)
{
	struct found f;
	scan_text(&f, "{\"msg\":\"unhandled paging exit on vCPU 0\",\"time\":\"t0\",\"gpa\":1,\"fault_type\":1}\n"
		      "thread 'vcpu-1' panicked at x.rs:1:1:\n"
		      "vCPU 1: Unhandled VM exit: Paging(2, 1)\n",
		  false);
	cr_assert_eq(f.n, 2);
	cr_assert(!f.c[0].paired && !f.c[1].paired);
	cr_assert_eq(f.c[0].vcpu, 0);
	cr_assert_eq(f.c[1].vcpu, 1);
}

Test(scan_input, crlf_nul_bytes_and_invalid_utf8_are_tolerated)
{
	struct found f;
	static const char text[] = "\xff\xfe junk \x80\r\n"
				   "thread 'vcpu-0' panicked at x.rs:1:1:\r\n"
				   "vCPU 0: Unhandled VM exit: InstEmul(InstEmul { inst_data: [243, 110, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], len: 15 })\r\n"
				   "a\0b\r\n";
	struct vt_scanner *s = scanner_for(&f, false);
	struct vt_mem_stream m = { (const uint8_t *)text, sizeof text - 1, 0 };
	struct vt_error err;
	memset(&f, 0, sizeof f);
	cr_assert_eq(vt_scan_stream(s, "crlf", vt_stream_mem(&m), &err), 0);
	vt_scan_free(s);
	cr_assert_eq(f.n, 1);
	cr_assert_eq(f.c[0].cls.id, VT_CLASS_STRING_IO);
	cr_assert_eq(f.c[0].len, 15);
}

/* A stream of `left` bytes of one repeated byte, then a crash. */
struct endless {
	uint64_t left;
	char fill;
	const char *tail;
	size_t tail_pos;
};

static ssize_t endless_read(void *ctx, void *buf, size_t n, struct vt_error *err)
{
	struct endless *e = ctx;
	(void)err;
	if (e->left) {
		size_t k = e->left < n ? (size_t)e->left : n;
		memset(buf, e->fill, k);
		e->left -= k;
		return (ssize_t)k;
	}
	size_t k = strlen(e->tail + e->tail_pos);
	k = k < n ? k : n;
	memcpy(buf, e->tail + e->tail_pos, k);
	e->tail_pos += k;
	return (ssize_t)k;
}

Test(scan_input, one_gib_line_is_cut_with_a_warning_and_the_scan_goes_on, .timeout = 60)
{
	struct found f;
	struct endless e = { 1ull << 30, 'A',
			     "\nthread 'vcpu-0' panicked at x.rs:1:1:\nvCPU 0: Unhandled VM exit: Debug\n", 0 };
	struct vt_scanner *s = scanner_for(&f, false);
	struct vt_stream st = { endless_read, &e };
	struct vt_error err;
	memset(&f, 0, sizeof f);
	cr_assert_eq(vt_scan_stream(s, "huge", st, &err), 0);
	struct vt_scan_stats stats;
	vt_scan_stats(s, &stats);
	vt_scan_free(s);
	cr_assert_eq(f.warnings, 1);
	cr_assert_not_null(strstr(f.last_warning, "cut"));
	cr_assert_eq(stats.cut_lines, 1);
	cr_assert_eq(f.n, 1, "the crash after the long line is found");
	cr_assert_eq(f.c[0].line, 2);
}

Test(scan_input, binary_junk_finds_nothing_and_does_not_crash, .timeout = 30)
{
	struct found f;
	size_t n = 8u << 20;
	uint8_t *junk = malloc(n);
	uint32_t x = 2463534242u;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5; /* xorshift32 */
		junk[i] = (uint8_t)x;
	}
	struct vt_scanner *s = scanner_for(&f, true);
	struct vt_mem_stream m = { junk, n, 0 };
	struct vt_error err;
	memset(&f, 0, sizeof f);
	cr_assert_eq(vt_scan_stream(s, "junk", vt_stream_mem(&m), &err), 0);
	vt_scan_free(s);
	free(junk);
	cr_assert_eq(f.n, 0);
}

Test(scan_input, hostile_fragments_of_every_format_do_not_crash)
{
	static const char *const bits[] = {
		"thread '", "thread 'vcpu-", "thread 'vcpu-99999999999999999999' panicked at '",
		"vCPU 0: Unhandled VM exit: InstEmul(InstEmul { inst_data: [999, -1, x], len: 99 })",
		"vCPU 0: Unhandled VM exit: Paging(", "vCPU 0: Unhandled VM exit: Unknown(-99999999999999999999)",
		"Unhandled exit @rip:ffffffffffffffffffffff InstEmul(", "{\"msg\":\"instruction emulation exit on vCPU 0\"",
		"{\"msg\":\"instruction emulation exit on vCPU 0\",\"vcpu_state\":\"%rax = 0x%cs: sel = %%%%\"}",
		"KVM internal error. Suberror: -99999999999999999999999", "extra data[99999]: 0xffffffffffffffffff",
		"extra data[3]: zz", "Code=<", "Code=<?? <zz> <f3", "CS =", "GDT=", "RAX=", "R8 =x", "[ ", "[ Nov  5 ",
		"    context = InstEmul { inst_data: [", "%cs:", "%rax =", "", "emulation failure",
	};
	char text[8192] = "";
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
			strcat(text, bits[(i * 7 + (size_t)round) % (sizeof bits / sizeof bits[0])]);
			strcat(text, "\n");
		}
	struct found f;
	cr_assert_eq(scan_text(&f, text, true), 0);
	cr_assert_lt(f.n, MAX_CRASHES);
}

static int stop_at_first(void *ctx, const struct vt_crash *c)
{
	(void)c;
	(*(int *)ctx)++;
	return 7;
}

Test(scan_api, a_callback_returning_nonzero_stops_the_scan_with_that_value)
{
	int calls = 0;
	struct vt_scan_opts o = { .on_crash = stop_at_first, .ctx = &calls };
	struct vt_error err;
	struct vt_scanner *s = vt_scan_new(NULL, &o, &err);
	int fd = open(VT_SAMPLES_DIR "/logs/propolis-legacy-2022.log", O_RDONLY);
	cr_assert_eq(vt_scan_stream(s, "legacy", vt_stream_fd(&fd), &err), 7);
	close(fd);
	vt_scan_free(s);
	cr_assert_eq(calls, 1);
}

Test(scan_api, lines_fed_one_by_one_give_the_same_crash_as_a_stream)
{
	struct found f;
	struct vt_scanner *s = scanner_for(&f, false);
	memset(&f, 0, sizeof f);
	vt_scan_begin(s, "fed");
	vt_scan_line(s, "thread 'vcpu-3' panicked at 'vCPU 3: Unhandled VM exit: Paging(4294967292, 2)', m.rs:1:1", 84);
	cr_assert_eq(f.n, 0, "held back until its record could arrive");
	vt_scan_end(s);
	vt_scan_free(s);
	cr_assert_eq(f.n, 1);
	cr_assert_str_eq(f.c[0].source, "fed");
	cr_assert_eq(f.c[0].gpa, 4294967292ull);
}

struct worker {
	const struct vt_scan_patterns *pat;
	const char *file;
	int crashes;
};

static int count(void *ctx, const struct vt_crash *c)
{
	(void)c;
	(*(int *)ctx)++;
	return 0;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct vt_scan_opts o = { .on_crash = count, .ctx = &w->crashes };
	struct vt_error err;
	struct vt_scanner *s = vt_scan_new(w->pat, &o, &err);
	for (int round = 0; round < 20; round++) {
		int fd = open(w->file, O_RDONLY);
		vt_scan_stream(s, w->file, vt_stream_fd(&fd), &err);
		close(fd);
	}
	vt_scan_free(s);
	return NULL;
}

Test(scan_api, scanners_in_several_threads_share_one_compiled_pattern_set)
{
	struct vt_error err;
	struct vt_scan_patterns *pat = vt_scan_patterns_new(&err);
	cr_assert_not_null(pat, "%s", err.msg);
	struct worker w[4] = {
		{ pat, VT_SAMPLES_DIR "/logs/propolis-legacy-2022.log", 0 },
		{ pat, VT_SAMPLES_DIR "/logs/qemu-interleaved.log", 0 },
		{ pat, VT_SAMPLES_DIR "/logs/propolis-795-bunyan.log", 0 },
		{ pat, VT_SAMPLES_DIR "/logs/propolis-other-kinds.log", 0 },
	};
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, work, &w[i]);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	vt_scan_patterns_free(pat);
	cr_assert_eq(w[0].crashes, 5 * 20);
	cr_assert_eq(w[1].crashes, 2 * 20);
	cr_assert_eq(w[2].crashes, 1 * 20);
	cr_assert_eq(w[3].crashes, 5 * 20);
}

/* Feed a sample line by line (no skipping) and as a stream (skipping runs
 * of keyword-free lines): both must report the same crashes. */
static void scan_lines_of(struct found *f, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/logs/%s", VT_SAMPLES_DIR, name);
	FILE *fp = fopen(path, "r");
	cr_assert_not_null(fp);
	struct vt_scanner *s = scanner_for(f, true);
	memset(f, 0, sizeof *f);
	vt_scan_begin(s, name);
	char line[1 << 16];
	while (fgets(line, sizeof line, fp)) {
		size_t n = strlen(line);
		if (n && line[n - 1] == '\n')
			n--;
		vt_scan_line(s, line, n);
	}
	vt_scan_end(s);
	vt_scan_free(s);
	fclose(fp);
}

Test(scan_stream, skipping_gives_the_same_crashes_as_feeding_every_line)
{
	static const char *const samples[] = {
		"propolis-333-old-panic.log", "propolis-300-len0.log", "propolis-340-paging.log",
		"propolis-795-bunyan.log", "propolis-redacted-blog.log", "propolis-pretty-795.log",
		"propolis-standalone-1168.log", "propolis-legacy-2022.log", "propolis-other-kinds.log",
		"qemu-kvm-insn-bytes.log", "qemu-interleaved.log", "qemu-old-extra.log", "nexus-other-panic.log",
		"propolis-blog-crash2.log", "bhyve-vmx-dump.log", "bhyve-svm-dump.log", "bhyve-inst-emul.log",
		"qemu-entry-failed.log", "qemu-kvm-012.log", "qemu-mail-quoted.log", "qemu-container.log",
		"qemu-classes.log", "lookalikes.log",
	};
	static struct found a, b;
	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		scan_sample(&a, samples[i], true);
		scan_lines_of(&b, samples[i]);
		cr_assert_eq(a.n, b.n, "%s: %d vs %d crashes", samples[i], a.n, b.n);
		for (int k = 0; k < a.n && k < MAX_CRASHES; k++) {
			cr_assert_eq(a.c[k].line, b.c[k].line, "%s crash %d", samples[i], k);
			cr_assert_eq(a.c[k].kind, b.c[k].kind);
			cr_assert_eq(a.c[k].vcpu, b.c[k].vcpu);
			cr_assert_eq(a.c[k].restarts, b.c[k].restarts, "%s crash %d restarts", samples[i], k);
			cr_assert_str_eq(a.c[k].time, b.c[k].time, "%s crash %d time", samples[i], k);
			cr_assert_eq(a.c[k].cls.id, b.c[k].cls.id);
			cr_assert_eq(vt_regs_count(&a.c[k].regs), vt_regs_count(&b.c[k].regs));
		}
	}
}

Test(scan_stream, line_numbers_times_and_restarts_survive_long_skipped_runs, .timeout = 30)
{
	/* 300,000 filler lines (several read buffers) around two crashes and a restart. */
	size_t cap = 64u << 20, n = 0;
	char *text = malloc(cap);
	for (int i = 1; i <= 300000; i++) {
		if (i == 123457)
			n += (size_t)sprintf(text + n, "[ Nov  5 10:00:14 Executing start method (\"/x.sh\"). ]\n");
		else if (i == 250001)
			n += (size_t)sprintf(text + n, "thread 'vcpu-1' panicked at x.rs:1:1:\n");
		else if (i == 250002)
			n += (size_t)sprintf(text + n, "vCPU 1: Unhandled VM exit: Paging(4096, 1)\n");
		else
			n += (size_t)sprintf(text + n,
					     "{\"msg\":\"request completed\",\"v\":0,\"name\":\"p\",\"level\":30,"
					     "\"time\":\"2026-11-05T10:00:%02d.%06dZ\",\"fault\":\"none\",\"Up\":1}\n",
					     i % 60, i);
	}
	n += (size_t)sprintf(text + n, "thread 'vcpu-0' panicked at x.rs:1:1:\nvCPU 0: Unhandled VM exit: Debug");
	struct found f;
	struct vt_scanner *s = scanner_for(&f, false);
	struct vt_mem_stream m = { (const uint8_t *)text, n, 0 };
	struct vt_error err;
	memset(&f, 0, sizeof f);
	cr_assert_eq(vt_scan_stream(s, "big", vt_stream_mem(&m), &err), 0);
	struct vt_scan_stats st;
	vt_scan_stats(s, &st);
	vt_scan_free(s);
	free(text);
	cr_assert_eq(f.n, 2);
	cr_assert_eq(f.c[0].line, 250001);
	cr_assert_str_eq(f.c[0].time, "2026-11-05T10:00:40.250000Z", "the line just before, not %s", f.c[0].time);
	cr_assert_eq(f.c[0].restarts, 0, "the first start method is not a restart");
	cr_assert_eq(f.c[1].line, 300001);
	cr_assert_eq(f.c[1].kind, VT_KIND_DEBUG, "a last line without newline still counts");
	cr_assert_eq(st.lines, 300002);
}

Test(scan_qemu, a_header_without_dump_is_reported_after_waiting_so_skipping_resumes)
{
	struct found f;
	char line[64];
	struct vt_scanner *s = scanner_for(&f, false);
	memset(&f, 0, sizeof f);
	vt_scan_begin(s, "fed");
	vt_scan_line(s, "KVM internal error. Suberror: 3", 31);
	vt_scan_line(s, "extra data[0]: 0x80000011", 25);
	for (int i = 0; i < 2600; i++) {
		int n = snprintf(line, sizeof line, "guest console line %d", i);
		vt_scan_line(s, line, (size_t)n);
	}
	/* 500 lines for a dump, then 2000 for a partner: reported before the end. */
	cr_assert_eq(f.n, 1);
	cr_assert_eq(f.c[0].code, 3);
	cr_assert_eq(f.c[0].end_line, 2, "its last line is the extra data, not %llu",
		     (unsigned long long)f.c[0].end_line);
	cr_assert_eq(f.c[0].extra[0], 0x80000011);
	vt_scan_end(s);
	vt_scan_free(s);
}

Test(scan_merge, blog_crash_two_panic_printed_before_its_record_is_one_crash_with_the_record_time)
{
	static const uint8_t b[] = { 243, 110, 76, 137, 198, 195, 252, 72, 135, 202, 73, 135, 240, 243, 102 };
	struct found f;
	scan_sample(&f, "propolis-blog-crash2.log", false);
	cr_assert_eq(f.n, 1);
	const struct vt_crash *c = &f.c[0];
	cr_assert(c->paired);
	cr_assert_eq(c->line, 4, "starts at the panic, which came first");
	cr_assert_eq(c->end_line, 7);
	cr_assert_str_eq(c->time, "2026-03-07T09:12:44.118272001Z");
	cr_assert_eq(memcmp(c->inst, b, sizeof b), 0);
	cr_assert_eq(c->regs.v[VT_REG_RCX], 0x21);
	cr_assert_eq(c->regs.v[VT_REG_RSI], 0x7fe5b7a0);
	cr_assert_str_eq(c->dec.following[0].text, "mov rsi, r8");
	cr_assert_eq(c->cls.id, VT_CLASS_STRING_IO);
}
