/* Models of known patches: each documented behaviour of c2bc58f9 and
 * 7bb3e125 (x86-string-io.md) one test a bullet, the bytes-only
 * assessment, and both models' outcomes on samples/corpus. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "vmtriage/models.h"
#include "vmtriage/replay.h"
#include "vmtriage/snapshot.h"

/* Flat long64 unless the mode says otherwise; physical = linear (no paging). */
#define RAM "{\"gpa\":\"0x0\",\"fill\":\"0x00\",\"len\":\"0x20000\"}," \
	    "{\"gpa\":\"0x1000\",\"hex\":\"48656c6c6f\"},{\"gpa\":\"0x11000\",\"hex\":\"5757575757\"}"

/* A snapshot with memory `mem` (NULL: RAM) and extra top-level members. */
static struct vt_snapshot *snapm(const char *mode, const char *inst, const char *regs, const char *mem,
				 const char *extra)
{
	char json[4096];
	struct vt_snapshot *s = NULL;
	struct vt_error err;
	snprintf(json, sizeof json,
		 "{\"vmtriage_snapshot\":1,\"name\":\"t\",\"mode\":\"%s\",\"inst\":\"%s\",\"regs\":{%s},"
		 "\"memory\":[%s]%s}",
		 mode, inst, regs, mem ? mem : RAM, extra ? extra : "");
	int rc = vt_snapshot_parse(json, strlen(json), "test", NULL, &s, &err);
	cr_assert_eq(rc, VT_OK, "%s", err.msg);
	return s;
}

static struct vt_snapshot *snap(const char *mode, const char *inst, const char *regs, const char *extra)
{
	return snapm(mode, inst, regs, NULL, extra);
}

struct bnd_run {
	struct vt_snapshot *snap; /* results may point into its memory: freed last */
	struct vt_result ref, mod;
	enum vt_model_outcome outcome;
	struct vt_diff diff;
};

static void run(const char *model, struct vt_snapshot *s, struct bnd_run *r)
{
	struct vt_error err;
	const struct vt_model *m = vt_model_find(model);
	cr_assert_not_null(m);
	vt_result_init(&r->ref);
	vt_result_init(&r->mod);
	cr_assert_eq(vt_replay_run(s, 0, &r->ref, &err), VT_OK);
	cr_assert_eq(vt_model_run(m, s, 0, &r->mod, &err), VT_OK);
	r->outcome = vt_model_outcome(&r->ref, &r->mod, &r->diff);
	r->snap = s;
}

static void done(struct bnd_run *r)
{
	vt_result_release(&r->ref);
	vt_result_release(&r->mod);
	vt_snapshot_free(r->snap);
}

static struct vt_io_access nth_io(const struct vt_result *res, uint64_t k)
{
	struct vt_io_iter it = { 0 };
	struct vt_io_access a = { 0 };
	for (uint64_t i = 0; i <= k; i++)
		cr_assert(vt_io_trace_next(&res->io, &it, &a), "no io[%llu]", (unsigned long long)i);
	return a;
}

#define OUTSB_REGS "\"rsi\":\"0x1000\",\"rcx\":\"5\",\"rdx\":\"0x402\",\"rip\":\"0x100\""

Test(models, lookup_by_short_and_full_commit_and_listing)
{
	cr_assert_eq(vt_model_find("c2bc58f9"), vt_model_find("c2bc58f9cbf8596dc82d6d9d8ce7b06bf9581260"));
	cr_assert_eq(vt_model_find("7bb3e125"), vt_model_find("7bb3e125dd1b39869faf5a1f8603cc556e76f613"));
	cr_assert_null(vt_model_find("deadbeef"));
	cr_assert_null(vt_model_find(NULL));
	cr_assert_str_eq(vt_model_name(vt_model_at(0)), "c2bc58f9");
	cr_assert_str_eq(vt_model_name(vt_model_at(1)), "7bb3e125");
	cr_assert_null(vt_model_at(2));
	cr_assert_str_eq(vt_model_outcome_name(VT_OUTCOME_PARTIAL_THEN_PANIC), "partial-then-panic");
}

/* ---- c2bc58f9 */

Test(c2bc58f9, accepts_f3_and_66_in_any_order_and_repeated)
{
	const char *forms[] = { "66f36f", "f3666f", "66f366f36f" };
	for (size_t i = 0; i < 3; i++) {
		struct bnd_run r;
		run("c2bc58f9", snap("long64", forms[i], "\"rsi\":\"0x1000\",\"rcx\":\"2\",\"rdx\":\"0x1f0\"", NULL), &r);
		cr_assert_eq(r.outcome, VT_OUTCOME_CORRECT, "%s: %s", forms[i], r.diff.text);
		done(&r);
	}
}

Test(c2bc58f9, any_other_prefix_is_not_handled_and_panics_before_any_io)
{
	const char *forms[] = { "f26e", "67f36e", "64f36e", "2ef36e", "f3486e", "f0f36e" };
	for (size_t i = 0; i < 6; i++) {
		struct bnd_run r;
		run("c2bc58f9", snap("long64", forms[i], OUTSB_REGS, NULL), &r);
		cr_assert_eq(r.outcome, VT_OUTCOME_NOT_HANDLED, "%s", forms[i]);
		cr_assert_eq(r.mod.verdict, VT_VERDICT_NOT_HANDLED);
		cr_assert_eq(r.mod.io.accesses, 0);
		cr_assert_eq(r.mod.regs_after[VT_REG_RIP], 0x100, "registers untouched");
		done(&r);
	}
}

Test(c2bc58f9, element_size_is_4_without_66_even_in_16_bit_code)
{
	struct bnd_run r;
	run("c2bc58f9", snap("real16", "f36f", "\"rsi\":\"0x1000\",\"rcx\":\"1\",\"rdx\":\"0x1f0\"", NULL), &r);
	cr_assert_eq(r.outcome, VT_OUTCOME_WRONG);
	cr_assert_eq(nth_io(&r.ref, 0).size, 2);
	cr_assert_eq(nth_io(&r.mod, 0).size, 4);
	cr_assert_str_eq(r.diff.path, "io[0]");
	done(&r);
}

Test(c2bc58f9, sixty_six_gives_2_byte_elements_which_is_wrong_in_16_bit_code)
{
	struct bnd_run r;
	run("c2bc58f9", snap("real16", "66f36f", "\"rsi\":\"0x1000\",\"rcx\":\"1\",\"rdx\":\"0x1f0\"", NULL), &r);
	cr_assert_eq(nth_io(&r.ref, 0).size, 4);
	cr_assert_eq(nth_io(&r.mod, 0).size, 2);
	cr_assert_eq(r.outcome, VT_OUTCOME_WRONG);
	done(&r);
}

Test(c2bc58f9, uses_rsi_as_physical_address_without_segment_base)
{
	struct bnd_run r;
	/* DS = 0x1000: the reference reads 0x11000 ("WWWWW"), the patch 0x1000 ("Hello"). */
	run("c2bc58f9", snap("real16", "f36e", OUTSB_REGS, ",\"segments\":{\"ds\":{\"selector\":\"0x1000\"}}"), &r);
	cr_assert_eq(nth_io(&r.ref, 0).value, 'W');
	cr_assert_eq(nth_io(&r.mod, 0).value, 'H');
	cr_assert_eq(r.outcome, VT_OUTCOME_WRONG);
	done(&r);
}

Test(c2bc58f9, does_not_walk_the_page_tables)
{
	struct bnd_run r;
	/* CR0.PG with CR3 -> nothing described: the reference needs the walk, the patch reads physical 0x1000. */
	run("c2bc58f9", snap("long64", "f36e", OUTSB_REGS ",\"cr0\":\"0x80000001\",\"cr3\":\"0x800000\",\"cr4\":\"0x20\",\"efer\":\"0x500\"", NULL), &r);
	cr_assert_eq(r.ref.verdict, VT_VERDICT_UNKNOWN_MEMORY);
	cr_assert_eq(r.mod.verdict, VT_VERDICT_EMULATED);
	cr_assert_eq(nth_io(&r.mod, 0).value, 'H');
	done(&r);
}

Test(c2bc58f9, does_not_mask_pointers_to_the_address_size)
{
	struct bnd_run r;
	/* prot32: ESI wraps at 4 GiB in hardware; the patch keeps the 64-bit sum. */
	run("c2bc58f9", snapm("prot32", "f36e", "\"rsi\":\"0xffffffff\",\"rcx\":\"2\",\"rdx\":\"0x402\"",
			     "{\"gpa\":\"0x0\",\"fill\":\"0x61\",\"len\":\"0x10\"},{\"gpa\":\"0xfffffff0\",\"fill\":\"0x62\",\"len\":\"0x10\"},"
			     "{\"gpa\":\"0x100000000\",\"fill\":\"0x63\",\"len\":\"0x10\"}", NULL), &r);
	cr_assert_eq(nth_io(&r.ref, 1).value, 'a');
	cr_assert_eq(nth_io(&r.mod, 1).value, 'c');
	cr_assert_eq(r.mod.regs_after[VT_REG_RSI], 0x100000001ull);
	cr_assert_eq(r.ref.regs_after[VT_REG_RSI], 0x1);
	done(&r);
}

Test(c2bc58f9, count_is_the_full_64_bit_rcx)
{
	struct bnd_run r;
	/* compat32 uses ECX = 2; the patch takes RCX = 2^32 + 2 and runs past the bound. */
	run("c2bc58f9", snap("compat32", "f36e", "\"rsi\":\"0x1000\",\"rcx\":\"0x100000002\",\"rdx\":\"0x402\"",
			     ",\"limits\":{\"max_elements\":16}"), &r);
	cr_assert_eq(r.ref.elements, 2);
	cr_assert_eq(r.outcome, VT_OUTCOME_HANG);
	done(&r);
}

Test(c2bc58f9, failed_outs_read_panics_after_earlier_elements_with_no_register_written)
{
	struct bnd_run r;
	/* DF = 1 from 0x1: 0x1, 0x0, then 0xffff...ffff, beyond any physical address. */
	run("c2bc58f9", snap("long64", "f36e", "\"rsi\":\"0x1\",\"rcx\":\"4\",\"rdx\":\"0x402\",\"rflags\":\"0x402\",\"rip\":\"0x100\"", NULL), &r);
	cr_assert_eq(r.outcome, VT_OUTCOME_PARTIAL_THEN_PANIC);
	cr_assert_eq(r.mod.io.accesses, 2);
	cr_assert_eq(r.mod.regs_after[VT_REG_RSI], 0x1);
	cr_assert_eq(r.mod.regs_after[VT_REG_RCX], 4);
	cr_assert_eq(r.mod.regs_after[VT_REG_RIP], 0x100);
	done(&r);
}

Test(c2bc58f9, ins_port_without_device_reads_all_ones)
{
	struct bnd_run r;
	run("c2bc58f9", snap("long64", "f36c", "\"rdi\":\"0x2000\",\"rcx\":\"2\",\"rdx\":\"0x99\"", NULL), &r);
	cr_assert_eq(r.outcome, VT_OUTCOME_CORRECT, "%s", r.diff.text);
	cr_assert_eq(nth_io(&r.mod, 0).value, 0xff);
	cr_assert_eq(r.mod.memory_writes.n, 1);
	cr_assert_eq(r.mod.memory_writes.data[0], 0xff);
	done(&r);
}

Test(c2bc58f9, ins_failed_memory_write_is_silently_dropped)
{
	struct bnd_run r;
	run("c2bc58f9", snap("long64", "f36c", "\"rdi\":\"0xfffffffffffffff0\",\"rcx\":\"2\",\"rdx\":\"0x99\",\"rip\":\"0x100\"", NULL), &r);
	cr_assert_eq(r.mod.verdict, VT_VERDICT_EMULATED);
	cr_assert_eq(r.mod.memory_writes.n, 0);
	cr_assert_eq(r.mod.regs_after[VT_REG_RDI], 0xfffffffffffffff2ull);
	cr_assert_eq(r.mod.regs_after[VT_REG_RIP], 0x102);
	done(&r);
}

Test(c2bc58f9, completion_writes_pointer_rcx_zero_and_rip_plus_length)
{
	struct bnd_run r;
	run("c2bc58f9", snap("long64", "66f36f", "\"rsi\":\"0x1000\",\"rcx\":\"2\",\"rdx\":\"0x1f0\",\"rip\":\"0x100\"", NULL), &r);
	cr_assert_eq(r.mod.regs_after[VT_REG_RSI], 0x1004);
	cr_assert_eq(r.mod.regs_after[VT_REG_RCX], 0);
	cr_assert_eq(r.mod.regs_after[VT_REG_RIP], 0x103);
	done(&r);
}

Test(c2bc58f9, without_rep_moves_one_element_and_leaves_rcx)
{
	struct bnd_run r;
	run("c2bc58f9", snap("long64", "6e", OUTSB_REGS, NULL), &r);
	cr_assert_eq(r.mod.io.accesses, 1);
	cr_assert_eq(r.mod.regs_after[VT_REG_RCX], 5);
	cr_assert_eq(r.mod.regs_after[VT_REG_RIP], 0x101);
	cr_assert_eq(r.outcome, VT_OUTCOME_CORRECT);
	done(&r);
}

Test(c2bc58f9, honours_df_by_decrementing)
{
	struct bnd_run r;
	run("c2bc58f9", snap("long64", "f36e", "\"rsi\":\"0x1004\",\"rcx\":\"5\",\"rdx\":\"0x402\",\"rflags\":\"0x402\"", NULL), &r);
	cr_assert_eq(r.outcome, VT_OUTCOME_CORRECT, "%s", r.diff.text);
	cr_assert_eq(nth_io(&r.mod, 0).value, 'o');
	cr_assert_eq(r.mod.regs_after[VT_REG_RSI], 0xfff);
	done(&r);
}

Test(c2bc58f9, loops_the_whole_count_so_a_count_beyond_the_bound_hangs)
{
	struct bnd_run r;
	run("c2bc58f9", snap("long64", "f36e", "\"rsi\":\"0x1000\",\"rcx\":\"0x100\",\"rdx\":\"0x402\"",
			     ",\"limits\":{\"max_elements\":16}"), &r);
	cr_assert_eq(r.ref.verdict, VT_VERDICT_LIMIT_REACHED);
	cr_assert_eq(r.outcome, VT_OUTCOME_HANG);
	cr_assert_eq(r.mod.verdict, VT_VERDICT_LIMIT_REACHED);
	done(&r);
}

/* ---- 7bb3e125 */

Test(b7bb3e125, handles_only_rep_insb_and_rep_outsb)
{
	const char *no[] = { "6e", "66f36e", "f36f", "f36d", "f26e", "67f36e" };
	for (size_t i = 0; i < 6; i++) {
		struct bnd_run r;
		run("7bb3e125", snap("long64", no[i], OUTSB_REGS, NULL), &r);
		cr_assert_eq(r.outcome, VT_OUTCOME_NOT_HANDLED, "%s", no[i]);
		done(&r);
	}
	struct bnd_run r;
	run("7bb3e125", snap("long64", "f36e", OUTSB_REGS, NULL), &r);
	cr_assert_eq(r.outcome, VT_OUTCOME_CORRECT, "%s", r.diff.text);
	done(&r);
}

Test(b7bb3e125, asserts_rcx_below_0x4000)
{
	struct bnd_run r;
	run("7bb3e125", snap("long64", "f36e", "\"rsi\":\"0x0\",\"rcx\":\"0x4000\",\"rdx\":\"0x402\"", NULL), &r);
	cr_assert_eq(r.outcome, VT_OUTCOME_NOT_HANDLED);
	cr_assert(strstr(r.mod.detail, "assert"));
	done(&r);
	run("7bb3e125", snap("long64", "f36e", "\"rsi\":\"0x0\",\"rcx\":\"0x3fff\",\"rdx\":\"0x402\"", NULL), &r);
	cr_assert_eq(r.outcome, VT_OUTCOME_CORRECT, "%s", r.diff.text);
	cr_assert_eq(r.mod.io.accesses, 0x3fff);
	done(&r);
}

Test(b7bb3e125, ignores_df_and_copies_forward)
{
	struct bnd_run r;
	run("7bb3e125", snap("long64", "f36e", "\"rsi\":\"0x1004\",\"rcx\":\"5\",\"rdx\":\"0x402\",\"rflags\":\"0x402\"", NULL), &r);
	cr_assert_eq(r.outcome, VT_OUTCOME_WRONG);
	cr_assert_eq(nth_io(&r.ref, 0).value, 'o');
	cr_assert_eq(nth_io(&r.mod, 0).value, 'o');
	cr_assert_eq(nth_io(&r.ref, 1).value, 'l');
	cr_assert_eq(nth_io(&r.mod, 1).value, 0);
	cr_assert_eq(r.mod.regs_after[VT_REG_RSI], 0x1009);
	done(&r);
}

Test(b7bb3e125, leaves_rip_so_the_rcx_zero_reexecution_completes)
{
	struct bnd_run r;
	run("7bb3e125", snap("long64", "f36c", "\"rdi\":\"0x2000\",\"rcx\":\"3\",\"rdx\":\"0x99\",\"rip\":\"0x100\"", NULL), &r);
	cr_assert_eq(r.outcome, VT_OUTCOME_CORRECT, "%s", r.diff.text);
	cr_assert_eq(r.mod.regs_after[VT_REG_RCX], 0);
	cr_assert_eq(r.mod.regs_after[VT_REG_RDI], 0x2003);
	cr_assert_eq(r.mod.regs_after[VT_REG_RIP], 0x102);
	cr_assert(strstr(r.mod.detail, "no-op"));
	done(&r);
}

Test(b7bb3e125, uses_physical_addresses)
{
	struct bnd_run r;
	run("7bb3e125", snap("real16", "f36e", OUTSB_REGS, ",\"segments\":{\"ds\":{\"selector\":\"0x1000\"}}"), &r);
	cr_assert_eq(nth_io(&r.mod, 0).value, 'H');
	cr_assert_eq(r.outcome, VT_OUTCOME_WRONG);
	done(&r);
}

/* ---- Bytes-only assessment */

static enum vt_assess assess(const char *model, const char *hex, unsigned bits, char *reason)
{
	uint8_t b[32];
	size_t n = 0;
	struct vt_model_assessment a;
	for (const char *p = hex; p[0] && p[1] && n < sizeof b; p += 2) {
		unsigned v;
		sscanf(p, "%2x", &v);
		b[n++] = (uint8_t)v;
	}
	enum vt_assess v = vt_model_assess_insn(vt_model_find(model), b, n, bits, &a);
	cr_assert_eq(v, a.verdict);
	strcpy(reason, a.reason);
	return v;
}

Test(assess, c2bc58f9_67_prefix_is_not_handled)
{
	char why[128];
	cr_assert_eq(assess("c2bc58f9", "67f36e", 64, why), VT_ASSESS_NOT_HANDLED);
	cr_assert_str_eq(why, "67 prefix: not handled");
	cr_assert_eq(assess("c2bc58f9", "64f36e", 64, why), VT_ASSESS_NOT_HANDLED);
	cr_assert_str_eq(why, "64 (fs) segment override: not handled");
	cr_assert_eq(assess("c2bc58f9", "f3486f", 64, why), VT_ASSESS_NOT_HANDLED);
	cr_assert_str_eq(why, "REX prefix 48: not handled");
}

Test(assess, c2bc58f9_real_mode_outsw_is_wrong_size)
{
	char why[128];
	cr_assert_eq(assess("c2bc58f9", "f36f", 16, why), VT_ASSESS_WRONG_SIZE);
	cr_assert(strncmp(why, "real-mode OUTSW: wrong size", 27) == 0, "%s", why);
	cr_assert_eq(assess("c2bc58f9", "66f36d", 16, why), VT_ASSESS_WRONG_SIZE);
	cr_assert(strncmp(why, "real-mode INSD: wrong size", 26) == 0, "%s", why);
}

Test(assess, c2bc58f9_handles_ovmf_forms_in_64_bit_code)
{
	char why[128];
	cr_assert_eq(assess("c2bc58f9", "f36eeb0ae3088a06ee48ffc6e2f84c", 64, why), VT_ASSESS_HANDLED);
	cr_assert_eq(assess("c2bc58f9", "66f36f", 32, why), VT_ASSESS_HANDLED);
	cr_assert_eq(assess("c2bc58f9", "f36e", 16, why), VT_ASSESS_DEPENDS);
	cr_assert_eq(assess("c2bc58f9", "f36f", 0, why), VT_ASSESS_DEPENDS, "unknown mode");
}

Test(assess, b7bb3e125_forms)
{
	char why[128];
	cr_assert_eq(assess("7bb3e125", "f36c", 64, why), VT_ASSESS_HANDLED);
	cr_assert(strstr(why, "0x4000"));
	cr_assert_eq(assess("7bb3e125", "66f36f", 64, why), VT_ASSESS_NOT_HANDLED);
	cr_assert_str_eq(why, "66 prefix: not handled");
	cr_assert_eq(assess("7bb3e125", "f36f", 64, why), VT_ASSESS_NOT_HANDLED);
	cr_assert_str_eq(why, "OUTSD: not handled");
}

Test(assess, bad_input_is_invalid_or_not_string_io_never_a_crash)
{
	char why[128];
	struct vt_model_assessment a;
	const struct vt_model *m = vt_model_find("c2bc58f9");
	cr_assert_eq(vt_model_assess_insn(m, NULL, 0, 64, &a), VT_ASSESS_INVALID);
	cr_assert_eq(vt_model_assess_insn(m, (const uint8_t *)"\xf3\x6e", 2, 48, &a), VT_ASSESS_INVALID);
	cr_assert_eq(assess("c2bc58f9", "f3f3f3", 64, why), VT_ASSESS_INVALID, "truncated");
	cr_assert_eq(assess("c2bc58f9", "f3f3f3f3f3f3f3f3f3f3f3f3f3f3f36e", 64, why), VT_ASSESS_INVALID);
	cr_assert_eq(assess("c2bc58f9", "0000", 64, why), VT_ASSESS_NOT_STRING_IO);
	cr_assert_eq(assess("7bb3e125", "ec", 64, why), VT_ASSESS_NOT_STRING_IO);
	cr_assert_str_eq(vt_assess_name(VT_ASSESS_WRONG_SIZE), "wrong-size");
}

/* ---- The sample corpus: what docs/ci-gate.md and the man page claim. */

struct expect_outcome {
	const char *name;
	enum vt_model_outcome c2, b7;
};

static const struct expect_outcome table[] = {
	{ "compat32-rep-outsb", VT_OUTCOME_CORRECT, VT_OUTCOME_CORRECT },
	{ "df1-rep-outsb-down", VT_OUTCOME_CORRECT, VT_OUTCOME_WRONG },
	{ "df1-wrap-below-zero", VT_OUTCOME_PARTIAL_THEN_PANIC, VT_OUTCOME_UNKNOWN },
	{ "f2-repne-outsb", VT_OUTCOME_NOT_HANDLED, VT_OUTCOME_NOT_HANDLED },
	{ "max-elements-huge-rcx", VT_OUTCOME_HANG, VT_OUTCOME_NOT_HANDLED },
	{ "ovmf-debugcon-rep-outsb", VT_OUTCOME_CORRECT, VT_OUTCOME_CORRECT },
	{ "ovmf-rep-insb-fwcfg", VT_OUTCOME_CORRECT, VT_OUTCOME_CORRECT },
	{ "ovmf-rep-insd", VT_OUTCOME_CORRECT, VT_OUTCOME_NOT_HANDLED },
	{ "ovmf-rep-outsw-fifo", VT_OUTCOME_CORRECT, VT_OUTCOME_NOT_HANDLED },
	{ "page-crossing-outsd", VT_OUTCOME_WRONG, VT_OUTCOME_NOT_HANDLED },
	{ "paging-nonidentity-outsb", VT_OUTCOME_WRONG, VT_OUTCOME_WRONG },
	{ "pf-rep-insb-readonly", VT_OUTCOME_WRONG, VT_OUTCOME_WRONG },
	{ "pf-rep-outsb-notpresent", VT_OUTCOME_WRONG, VT_OUTCOME_WRONG },
	{ "prefix-67-rep-outsb", VT_OUTCOME_NOT_HANDLED, VT_OUTCOME_NOT_HANDLED },
	{ "prot32-esi-wrap", VT_OUTCOME_WRONG, VT_OUTCOME_WRONG },
	{ "prot32-rep-insb-es-limit", VT_OUTCOME_WRONG, VT_OUTCOME_WRONG },
	{ "rcx0-rep-outsb", VT_OUTCOME_CORRECT, VT_OUTCOME_CORRECT },
	{ "real16-rep-outsb-ds", VT_OUTCOME_WRONG, VT_OUTCOME_WRONG },
	{ "real16-outsw-segment-overrun", VT_OUTCOME_WRONG, VT_OUTCOME_NOT_HANDLED },
	{ "real16-rep-outsw", VT_OUTCOME_WRONG, VT_OUTCOME_NOT_HANDLED },
	{ "rex-w-rep-outsd", VT_OUTCOME_NOT_HANDLED, VT_OUTCOME_NOT_HANDLED },
	{ "segment-fs-rep-outsb", VT_OUTCOME_NOT_HANDLED, VT_OUTCOME_NOT_HANDLED },
	{ "unknown-memory-outsb", VT_OUTCOME_UNKNOWN, VT_OUTCOME_UNKNOWN },
};

static enum vt_model_outcome corpus_outcome(const char *model, const char *name)
{
	char path[512];
	struct vt_snapshot *s;
	struct vt_error err;
	struct bnd_run r;
	snprintf(path, sizeof path, "%s/corpus/%s.json", VT_SAMPLES_DIR, name);
	cr_assert_eq(vt_snapshot_load(path, &s, &err), VT_OK, "%s", err.msg);
	run(model, s, &r);
	done(&r);
	return r.outcome;
}

Test(corpus_outcomes, c2bc58f9_correct_on_the_blogs_ovmf_cases)
{
	const char *ovmf[] = { "ovmf-debugcon-rep-outsb", "ovmf-rep-outsw-fifo", "ovmf-rep-insb-fwcfg" };
	for (size_t i = 0; i < 3; i++)
		cr_assert_eq(corpus_outcome("c2bc58f9", ovmf[i]), VT_OUTCOME_CORRECT, "%s", ovmf[i]);
}

Test(corpus_outcomes, c2bc58f9_not_correct_on_paging_67_and_real_mode)
{
	const char *bad[] = { "paging-nonidentity-outsb", "prefix-67-rep-outsb", "real16-rep-outsb-ds",
			      "real16-rep-outsw" };
	for (size_t i = 0; i < 4; i++)
		cr_assert_neq(corpus_outcome("c2bc58f9", bad[i]), VT_OUTCOME_CORRECT, "%s", bad[i]);
}

Test(corpus_outcomes, every_case_for_both_models)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		cr_expect_eq(corpus_outcome("c2bc58f9", table[i].name), table[i].c2, "c2bc58f9 %s", table[i].name);
		cr_expect_eq(corpus_outcome("7bb3e125", table[i].name), table[i].b7, "7bb3e125 %s", table[i].name);
	}
}
