/* Classification: every class the decode issue names, from real crashes. */
#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <string.h>

#include "util/util_int.h"
#include "vmtriage/bytes.h"
#include "vmtriage/classify.h"
#include "vmtriage/decode_report.h"

static struct vt_decoder *dec;

static void setup(void)
{
	dec = vt_decoder_new(NULL);
	cr_assert_not_null(dec);
}

static void teardown(void)
{
	vt_decoder_free(dec);
}

TestSuite(classify, .init = setup, .fini = teardown);

static struct vt_decode_report rep;

static void write_report(struct vt_jw *w, const void *arg)
{
	vt_decode_report_write_json(w, arg, NULL);
}

/* The decode record as a tree, to look at its members. */
static cJSON *report_json(const struct vt_decode_report *r)
{
	cJSON *j = util_jw_tree(write_report, r);
	cr_assert_not_null(j);
	return j;
}

static const char *class_of(const char *input, unsigned mode)
{
	struct vt_decode_opts opts = { .mode = mode };
	struct vt_error err;
	cr_assert_eq(vt_decode_report_build(dec, input, strlen(input), &opts, &rep, &err), VT_OK, "%s: %s",
		     input, err.msg);
	return vt_class_get(rep.cls.id)->name;
}

Test(classify, rep_outsb_is_string_io)
{
	cr_assert_str_eq(class_of("243,110,235,10,227,8,138,6,238,72,255,198,226,248,76", 64), "string-io");
	cr_assert(strstr(rep.cls.detail, "REP OUTSB") != NULL, "%s", rep.cls.detail);
	cr_assert(strstr(rep.cls.detail, "to port DX") != NULL);
}

Test(classify, string_io_detail_names_size_and_address_size)
{
	cr_assert_str_eq(class_of("f3 67 6e", 64), "string-io");
	cr_assert(strstr(rep.cls.detail, "ECX times") != NULL, "%s", rep.cls.detail);
	cr_assert(strstr(rep.cls.detail, "32-bit addresses") != NULL);
	cr_assert_str_eq(class_of("f3 6c", 64), "string-io");
	cr_assert(strstr(rep.cls.detail, "REP INSB") != NULL);
	cr_assert(strstr(rep.cls.detail, "ES:[RDI]") != NULL, "%s", rep.cls.detail);
}

Test(classify, scas_fill_is_garbage)
{
	cr_assert_str_eq(class_of("af af af af af af af af af af af af af af af", 64), "garbage");
	cr_assert(strstr(rep.cls.detail, "0xaf repeated 15 times") != NULL, "%s", rep.cls.detail);
}

Test(classify, len_zero_is_empty)
{
	cr_assert_str_eq(class_of("vCPU 1: Unhandled VM exit: InstEmul(InstEmul { inst_data: [0, 0, 0, 0, 0, 0, 0, "
				  "0, 0, 0, 0, 0, 0, 0, 0], len: 0 })", 64), "empty");
	cr_assert_not(rep.decoded);
}

/* Zeros the VMM read itself (QEMU's Code=, a bare list): the guest is
 * executing zeroed memory. Only a fetched length of 0 is empty. */
Test(classify, bare_zeros_without_len_are_garbage)
{
	cr_assert_str_eq(class_of("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", 64), "garbage");
	cr_assert(strstr(rep.cls.detail, "executing zeroed memory") != NULL, "%s", rep.cls.detail);
}

Test(classify, zeros_with_a_real_len_are_garbage)
{
	cr_assert_str_eq(class_of("inst_data: [0, 0, 0, 0], len: 4", 64), "garbage");
}

Test(classify, issue_333_bytes_are_garbage)
{
	cr_assert_str_eq(class_of("[87, 194, 74, 179, 4, 116, 251, 176, 123, 154, 255, 255, 61, 97, 0]", 64), "garbage");
	cr_assert(strstr(rep.cls.detail, "push rdi") != NULL, "%s", rep.cls.detail);
}

Test(classify, all_ff_is_garbage)
{
	cr_assert_str_eq(class_of("ff ff ff ff", 64), "garbage");
}

Test(classify, undecodable_is_garbage)
{
	cr_assert_str_eq(class_of("d6 00", 64), "garbage");
	cr_assert(strstr(rep.cls.detail, "do not decode") != NULL);
}

Test(classify, memory_operand_instruction_is_mmio)
{
	cr_assert_str_eq(class_of("0f c7 0f", 64), "mmio"); /* cmpxchg8b [rdi] */
	cr_assert(strstr(rep.cls.detail, "qword ptr [rdi]") != NULL, "%s", rep.cls.detail);
}

Test(classify, redacted_bytes)
{
	cr_assert_str_eq(class_of("vCPU 0: Unhandled VM exit: InstEmul(InstEmul { inst_data: <guest data redacted>, "
				  "len: 15 })", 64), "redacted");
	cr_assert(strstr(vt_class_get(rep.cls.id)->advice, "omicron-build") != NULL);
}

Test(classify, system_instruction_is_system)
{
	cr_assert_str_eq(class_of("0f a2", 64), "system"); /* cpuid */
}

Test(classify, only_the_valid_len_bytes_count)
{
	/* len 2 of 15: the rest is whatever the kernel left and is ignored. */
	cr_assert_str_eq(class_of("inst_data: [243, 108, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, "
				  "175], len: 2", 64), "string-io");
	cr_assert_eq(rep.dec.nfollowing, 0);
}

Test(classify, other_exit_kinds_map_to_their_class)
{
	struct vt_classification c;
	vt_classify(VT_KIND_PAGING, NULL, 0, -1, false, NULL, &c);
	cr_assert_str_eq(vt_class_get(c.id)->name, "paging");
	vt_classify(VT_KIND_TRIPLE_FAULT, NULL, 0, -1, false, NULL, &c);
	cr_assert_str_eq(vt_class_get(c.id)->name, "triple-fault");
}

Test(classify, class_table_is_complete_and_kebab_case)
{
	for (int i = 0; i < VT_CLASS_COUNT; i++) {
		const struct vt_class *c = vt_class_get((enum vt_class_id)i);
		cr_assert_eq((int)c->id, i);
		cr_assert(c->name && c->summary && c->explanation && c->advice, "class %d incomplete", i);
		for (const char *p = c->name; *p; p++)
			cr_assert((*p >= 'a' && *p <= 'z') || *p == '-', "%s is not kebab-case", c->name);
		cr_assert_eq(vt_class_by_name(c->name), c);
	}
	cr_assert_null(vt_class_by_name("no-such-class"));
}

/* decode's JSON writes these texts with vt_jw_literal(), unescaped. */
Test(classify, class_texts_need_no_json_escaping)
{
	for (int i = 0; i < VT_CLASS_COUNT; i++) {
		const struct vt_class *c = vt_class_get((enum vt_class_id)i);
		const char *texts[] = { c->name, c->summary, c->explanation, c->advice };
		for (size_t t = 0; t < 4; t++)
			for (const unsigned char *p = (const unsigned char *)texts[t]; *p; p++)
				cr_assert(*p >= 0x20 && *p != '"' && *p != '\\',
					  "%s: byte 0x%02x at %zu needs escaping", c->name, *p,
					  (size_t)(p - (const unsigned char *)texts[t]));
	}
}

Test(classify, report_json_has_the_documented_fields)
{
	const char *fields[] = { "input", "form", "radix", "ambiguous", "vcpu", "rip", "bits", "mode", "bytes",
				 "len", "bytes_printed", "redacted", "instruction", "following", "class",
				 "summary", "class_detail", "explanation", "advice", "signature", "signature_id" };
	class_of("ERRO Unhandled exit @rip:00859f60 InstEmul(InstEmul { inst_data: [243, 108, 235, 10], len: 15 })", 64);
	cJSON *j = report_json(&rep);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		cr_assert_not_null(cJSON_GetObjectItem(j, fields[i]), "missing %s", fields[i]);
	cr_assert_str_eq(cJSON_GetObjectItem(j, "rip")->valuestring, "0x859f60");
	cJSON *insn = cJSON_GetObjectItem(j, "instruction");
	cr_assert_str_eq(cJSON_GetObjectItem(insn, "bytes")->valuestring, "f36c");
	cr_assert_str_eq(cJSON_GetObjectItem(insn, "text")->valuestring, "rep insb byte ptr [rdi], dx");
	cr_assert_eq(cJSON_GetObjectItem(insn, "length")->valueint, 2);
	cJSON *pfx = cJSON_GetObjectItem(insn, "prefixes");
	cr_assert_str_eq(cJSON_GetObjectItem(pfx, "rep")->valuestring, "f3");
	cr_assert_eq(cJSON_GetObjectItem(pfx, "address_size")->valueint, 64);
	cr_assert(cJSON_IsObject(cJSON_GetObjectItem(insn, "string_io")));
	/* v1 spellings are gone: "detail" (class detail here, exit detail in scan), "mode": 64 */
	cr_assert_null(cJSON_GetObjectItem(j, "detail"));
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "mode")));
	cr_assert_eq(cJSON_GetObjectItem(j, "bits")->valueint, 64);
	cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(j, "redacted")));
	/* len 15 with 4 bytes printed: bytes_printed only when it says more than bytes */
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "bytes_printed")));
	cJSON_Delete(j);
}

/* The signature of a decode is the one bundles gives the crash's cluster. */
Test(classify, decode_signature_is_the_cluster_signature)
{
	char sig[VT_SIG_MAX], id[VT_SIG_ID_MAX];
	class_of("[243, 110, 235, 10, 227, 8, 138, 6, 238, 72, 255, 198, 226, 248, 76]", 64);
	cr_assert_str_eq(rep.signature, "InstEmul/string-io/rep outsb dx,[rsi]");
	vt_cluster_signature(VT_KIND_INST_EMUL, VT_CLASS_STRING_IO, "rep outsb dx,[rsi]", sig, sizeof sig);
	vt_cluster_hash(sig, NULL, 0, id);
	cr_assert_str_eq(rep.signature_id, id);
	cr_assert_str_eq(rep.signature_id, "ca8f277c563e"); /* samples/pool/int's cluster */
}

/* len < bytes printed: bytes holds the valid ones, bytes_printed all of them. */
Test(classify, decode_json_keeps_printed_bytes_apart)
{
	class_of("Unhandled VM exit: InstEmul(InstEmul { inst_data: [137, 8, 0, 0], len: 2 })", 64);
	cJSON *j = report_json(&rep);
	cr_assert_str_eq(cJSON_GetObjectItem(j, "bytes")->valuestring, "8908");
	cr_assert_str_eq(cJSON_GetObjectItem(j, "bytes_printed")->valuestring, "89080000");
	cr_assert_eq(cJSON_GetObjectItem(j, "len")->valueint, 2);
	cJSON_Delete(j);
}

/* bhyve's emulator decodes MOV 89 (vmm_instruction_emul.c's one-byte opcode
 * table), so an InstEmul exit for `mov [rax], ecx` is not about emulator
 * coverage; CMPXCHG8B is not in its tables. The detail says which. */
Test(classify, mmio_detail_says_whether_bhyve_decodes_the_instruction)
{
	cr_assert_str_eq(class_of("89 08", 64), "mmio");
	cr_expect(strstr(rep.cls.detail, "bhyve's emulator decodes it"), "%s", rep.cls.detail);
	cr_assert_str_eq(class_of("67 41 89 08", 64), "mmio");
	cr_expect(strstr(rep.cls.detail, "bhyve's emulator decodes it"), "prefixes, REX: %s", rep.cls.detail);
	cr_assert_str_eq(class_of("0f c7 08", 64), "mmio");
	cr_expect(strstr(rep.cls.detail, "does not decode it"), "%s", rep.cls.detail);
	const struct vt_class *c = vt_class_get(VT_CLASS_MMIO);
	cr_expect_null(strstr(c->explanation, "outside bhyve's small supported set"));
	cr_expect(strstr(c->explanation, "linear address"), "%s", c->explanation);
}

/* Garbage beyond one repeated byte, and instructions that exit by design. */
Test(classify, blank_vga_cells_repeat_with_period_two)
{
	cr_assert_str_eq(class_of("20 07 20 07 20 07 20 07 20 07 20 07", 16), "garbage");
	cr_assert(strstr(rep.cls.detail, "`20 07` repeat with period 2 over 12 bytes: blank VGA text cells"),
		  "%s", rep.cls.detail);
	cr_assert_str_eq(class_of("53 ff 00 f0 53 ff 00 f0 53 ff 00 f0", 16), "garbage");
	cr_assert(strstr(rep.cls.detail, "period 4"), "%s", rep.cls.detail);
	/* Too short to call a pattern: two repeats of a pair decode as they are. */
	cr_assert_str_neq(class_of("0f 01 0f 01", 64), "garbage");
}

Test(classify, a_run_of_port_io_bcd_and_halts_is_nonsense)
{
	cr_assert_str_eq(class_of("e4 6f 27 f4 cc 3f ce 9b 6c 00 00", 32), "garbage");
	cr_assert(strstr(rep.cls.detail, "decodes to nonsense: 5 of 5"), "%s", rep.cls.detail);
	/* A real REP OUTSB loop is not nonsense although it holds OUT and LOOP. */
	cr_assert_str_eq(class_of("f3 6e eb 0a e3 08 8a 06 ee 48 ff c6 e2 f8 4c", 64), "string-io");
	/* Nor is one odd instruction among real ones. */
	cr_assert_str_eq(class_of("8b 07 ee 48 89 c3 48 83 c4 08 c3", 64), "mmio");
}

Test(classify, system_instructions_name_the_firmware_path)
{
	cr_assert_str_eq(class_of("0f aa", 16), "system");
	cr_assert(strstr(rep.cls.detail, "SeaBIOS's SMI handler ends in rsm"), "%s", rep.cls.detail);
	const char *const sys[] = { "0f 01 f0", "0f 06", "0f 01 e0", "0f 09", "0f 08", "0f 01 d0", "0f 01 d1",
				    "0f 32", "0f 30", "f4", "e6 80", "ec", "0f 22 d8" };
	for (size_t i = 0; i < sizeof sys / sizeof sys[0]; i++)
		cr_assert_str_eq(class_of(sys[i], 64), "system", "%s", sys[i]);
	/* SGDT with a memory operand touches memory: that is mmio, not system. */
	cr_assert_str_eq(class_of("0f 01 07", 64), "mmio");
}

Test(classify, zeros_are_empty_only_with_len_zero)
{
	cr_assert_str_eq(class_of("inst_data: [0, 0, 0], len: 0", 64), "empty");
	cr_assert_str_eq(class_of("00 00 00 00 00 00 00 00 00 00", 64), "garbage");
}

Test(classify, rip_where_code_cannot_be)
{
	struct vt_classification c = { .id = VT_CLASS_STRING_IO, .detail = "REP INSB" };
	vt_classify_place(&c, 0xa0234, true);
	cr_assert_eq(c.id, VT_CLASS_GARBAGE);
	cr_assert(strstr(c.detail, "VGA window"), "%s", c.detail);
	c = (struct vt_classification){ .id = VT_CLASS_MMIO };
	vt_classify_place(&c, 0x20, true);
	cr_assert(strstr(c.detail, "interrupt table"), "%s", c.detail);
	c = (struct vt_classification){ .id = VT_CLASS_UNKNOWN };
	vt_classify_place(&c, 0x10, false);
	cr_assert(strstr(c.detail, "zero page"), "%s", c.detail);
	/* An option ROM may hold code: its area only adds to other evidence. */
	c = (struct vt_classification){ .id = VT_CLASS_MMIO };
	vt_classify_place(&c, 0xc9000, true);
	cr_assert_eq(c.id, VT_CLASS_MMIO);
	c = (struct vt_classification){ .id = VT_CLASS_GARBAGE, .detail = "byte 0xff repeated 15 times" };
	vt_classify_place(&c, 0xd0000, true);
	cr_assert(strstr(c.detail, "option-ROM area") && strstr(c.detail, "0xff repeated"), "%s", c.detail);
	/* Ordinary places are left alone. */
	c = (struct vt_classification){ .id = VT_CLASS_STRING_IO };
	vt_classify_place(&c, 0x7c00, true);
	cr_assert_eq(c.id, VT_CLASS_STRING_IO);
	vt_classify_place(&c, 0xffffffff81000000, false);
	cr_assert_eq(c.id, VT_CLASS_STRING_IO);
}

Test(classify, entry_failure_reasons)
{
	struct vt_classification c;
	vt_classify_entry_failure(0x80000021, &c);
	cr_assert_str_eq(vt_class_get(c.id)->name, "invalid-guest-state");
	vt_classify_entry_failure(0xffffffff, &c);
	cr_assert_str_eq(vt_class_get(c.id)->name, "vmrun-refused");
	vt_classify_entry_failure(UINT64_MAX, &c);
	cr_assert_str_eq(vt_class_get(c.id)->name, "vmrun-refused");
	vt_classify_entry_failure(0x80000022, &c);
	cr_assert_str_eq(vt_class_get(c.id)->name, "entry-failure");
	cr_assert(strstr(c.detail, "MSR loading"), "%s", c.detail);
	vt_classify_entry_failure(8, &c);
	cr_assert(strstr(c.detail, "invalid host-state field(s)"), "%s", c.detail);
	vt_classify_entry_failure(0x12345, &c);
	cr_assert(strstr(c.detail, "unknown"), "%s", c.detail);
}

Test(classify, exit_reason_and_code_names_from_the_manuals)
{
	cr_assert_str_eq(vt_vmx_exit_reason_name(48), "EPT violation");
	cr_assert_str_eq(vt_vmx_exit_reason_name(0x80000021), "VM-entry failure due to invalid guest state");
	cr_assert_null(vt_vmx_exit_reason_name(35));
	cr_assert_null(vt_vmx_exit_reason_name(1000));
	cr_assert_str_eq(vt_svm_exit_code_name(0x7b), "IOIO");
	cr_assert_str_eq(vt_svm_exit_code_name(0x400), "NPF (nested page fault)");
	cr_assert_str_eq(vt_svm_exit_code_name(0x14), "CR_WRITE");
	cr_assert_null(vt_svm_exit_code_name(0x500));
}

Test(classify, words_follow_the_hypervisor)
{
	cr_assert(strstr(vt_class_for(VT_CLASS_MMIO, VT_HV_QEMU_KVM)->summary, "KVM"));
	cr_assert(strstr(vt_class_for(VT_CLASS_MMIO, VT_HV_BHYVE)->summary, "bhyve"));
	cr_assert_eq(vt_class_for(VT_CLASS_MMIO, VT_HV_PROPOLIS), vt_class_get(VT_CLASS_MMIO));
	cr_assert_eq(vt_class_for(VT_CLASS_GARBAGE, VT_HV_QEMU_KVM), vt_class_get(VT_CLASS_GARBAGE));
	cr_assert_null(strstr(vt_class_for(VT_CLASS_STRING_IO, VT_HV_QEMU_KVM)->explanation, "bhyve"));
	for (int h = 0; h < VT_HV_COUNT; h++)
		for (int i = 0; i < VT_CLASS_COUNT; i++) {
			const struct vt_class *c = vt_class_for((enum vt_class_id)i, (enum vt_hypervisor)h);
			cr_assert_eq((int)c->id, i);
			cr_assert_str_eq(c->name, vt_class_get((enum vt_class_id)i)->name);
			for (const unsigned char *p = (const unsigned char *)c->explanation; *p; p++)
				cr_assert(*p >= 0x20 && *p != '"' && *p != '\\', "%s: needs escaping", c->name);
			for (const unsigned char *p = (const unsigned char *)c->advice; *p; p++)
				cr_assert(*p >= 0x20 && *p != '"' && *p != '\\', "%s: needs escaping", c->name);
		}
	cr_assert_eq(vt_hypervisor_by_name("qemu-kvm"), VT_HV_QEMU_KVM);
	cr_assert_eq(vt_hypervisor_by_name("vmware"), VT_HV_UNKNOWN);
}

Test(classify, smm_code_under_the_vga_window_is_not_garbage)
{
	struct vt_classification c = { .id = VT_CLASS_SYSTEM, .detail = "`rsm` ..." };
	vt_classify_place(&c, 0xa824f, true);
	cr_assert_eq(c.id, VT_CLASS_SYSTEM);
}

Test(classify, decode_takes_the_hypervisor_from_the_input_or_the_option)
{
	class_of("ERRO Unhandled exit @rip:00859f60 InstEmul(InstEmul { inst_data: [243, 108], len: 2 })", 64);
	cr_assert_eq(rep.hypervisor, VT_HV_PROPOLIS_STANDALONE);
	class_of("f3 6c", 64);
	cr_assert_eq(rep.hypervisor, VT_HV_UNKNOWN);
	struct vt_decode_opts opts = { .mode = 64, .hypervisor = VT_HV_QEMU_KVM };
	struct vt_error err;
	cr_assert_eq(vt_decode_report_build(dec, "0f 10 07", 8, &opts, &rep, &err), VT_OK);
	cr_assert_eq(rep.hypervisor, VT_HV_QEMU_KVM);
	cr_assert(strstr(vt_class_for(rep.cls.id, rep.hypervisor)->summary, "KVM"));
}

Test(classify, kvm_mmio_detail_says_nothing_of_bhyve)
{
	struct vt_decode_opts opts = { .mode = 64, .hypervisor = VT_HV_QEMU_KVM };
	struct vt_error err;
	cr_assert_eq(vt_decode_report_build(dec, "0f c7 08", 8, &opts, &rep, &err), VT_OK);
	cr_assert_str_eq(vt_class_get(rep.cls.id)->name, "mmio");
	cr_assert_null(strstr(rep.cls.detail, "bhyve"), "%s", rep.cls.detail);
	cr_assert(strstr(rep.cls.detail, "memory operand qword ptr [rax]"), "%s", rep.cls.detail);
}
