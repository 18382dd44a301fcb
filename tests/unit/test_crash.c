/* The crash record: register helpers, analysis, JSON and snapshot output. */
#include <string.h>

#include <criterion/criterion.h>

#include "vmtriage/crash_report.h"

static struct vt_crash outsb(void)
{
	static const uint8_t b[] = { 0xf3, 0x6e, 0xeb, 0x0a, 0xe3, 0x08, 0x8a, 0x06, 0xee, 0x48, 0xff, 0xc6, 0xe2, 0xf8, 0x4c };
	struct vt_crash c;
	vt_crash_init(&c);
	strcpy(c.source, "dir/log");
	c.line = 12;
	c.vcpu = 0;
	c.has_inst = true;
	memcpy(c.inst, b, sizeof b);
	c.ninst = 15;
	c.len = 15;
	c.regs.v[VT_REG_RIP] = 0xfffc1234;
	c.regs.has[VT_REG_RIP] = true;
	c.regs.v[VT_REG_RSI] = 0x7ff00010;
	c.regs.has[VT_REG_RSI] = true;
	c.regs.v[VT_REG_CR0] = 0x80010033;
	c.regs.has[VT_REG_CR0] = true;
	c.regs.v[VT_REG_EFER] = 0xd00;
	c.regs.has[VT_REG_EFER] = true;
	c.regs.seg[VT_SREG_CS] = (struct vt_segreg){ true, 0x38, 0, 0xffffffff, 0xa09b };
	c.regs.seg[VT_SREG_SS] = (struct vt_segreg){ true, 0x30, 0, 0xffffffff, 0xc093 };
	return c;
}

Test(crash_regs, code_bits_follow_cr0_efer_and_cs)
{
	struct vt_crash c = outsb();
	cr_assert_eq(vt_regs_code_bits(&c.regs), 64);
	cr_assert_str_eq(vt_regs_mode_name(&c.regs), "long64");
	c.regs.seg[VT_SREG_CS].access = 0xc09b;
	cr_assert_eq(vt_regs_code_bits(&c.regs), 32);
	cr_assert_str_eq(vt_regs_mode_name(&c.regs), "compat32");
	c.regs.v[VT_REG_EFER] = 0;
	cr_assert_str_eq(vt_regs_mode_name(&c.regs), "prot32");
	c.regs.v[VT_REG_CR0] = 0x10;
	cr_assert_eq(vt_regs_code_bits(&c.regs), 16);
	cr_assert_str_eq(vt_regs_mode_name(&c.regs), "real16");
	struct vt_regs none = { .cpl = -1 };
	cr_assert_eq(vt_regs_code_bits(&none), 0);
	cr_assert_null(vt_regs_mode_name(&none));
}

Test(crash_regs, names_cover_every_register)
{
	for (int i = 0; i < VT_REG_COUNT; i++)
		cr_assert_neq(strcmp(vt_reg_name((enum vt_reg)i), "?"), 0);
	cr_assert_str_eq(vt_reg_name(VT_REG_RFLAGS), "rflags");
	cr_assert_str_eq(vt_sreg_name(VT_SREG_GDTR), "gdtr");
	cr_assert_str_eq(vt_sreg_name((enum vt_sreg)VT_SEG_DS), "ds");
}

Test(crash_analyse, decodes_in_the_mode_the_registers_say)
{
	struct vt_error err;
	struct vt_decoder *d = vt_decoder_new(&err);
	struct vt_crash c = outsb();
	c.regs.v[VT_REG_CR0] = 0x10; /* real mode: 16-bit addresses */
	cr_assert_eq(vt_crash_analyse(&c, d, &err), 0);
	cr_assert_eq(c.mode, 16);
	cr_assert_eq(c.cls.id, VT_CLASS_STRING_IO);
	cr_assert_eq(c.dec.sio.addr_bits, 16);
	vt_decoder_free(d);
}

Test(crash_analyse, inst_emul_without_bytes_is_unknown_not_empty)
{
	struct vt_crash c;
	vt_crash_init(&c);
	c.truncated = true;
	cr_assert_eq(vt_crash_analyse(&c, NULL, NULL), 0);
	cr_assert_eq(c.cls.id, VT_CLASS_UNKNOWN);
	cr_assert_not_null(strstr(c.cls.detail, "ends before"));
}

Test(crash_report, json_has_the_stable_fields_with_hex_strings_for_64_bit_values)
{
	struct vt_error err;
	struct vt_decoder *d = vt_decoder_new(&err);
	struct vt_crash c = outsb();
	vt_crash_analyse(&c, d, &err);
	cJSON *o = vt_crash_report_json(&c);
	cr_assert_str_eq(cJSON_GetObjectItem(o, "inst_data")->valuestring, "f36eeb0ae3088a06ee48ffc6e2f84c");
	cr_assert_str_eq(cJSON_GetObjectItem(o, "class")->valuestring, "string-io");
	cr_assert_str_eq(cJSON_GetObjectItem(o, "kind")->valuestring, "InstEmul");
	cJSON *regs = cJSON_GetObjectItem(o, "registers");
	cr_assert_str_eq(cJSON_GetObjectItem(regs, "rsi")->valuestring, "0x7ff00010");
	cr_assert_null(cJSON_GetObjectItem(regs, "rax"), "absent registers are left out");
	cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(regs, "segments"), "cs"),
					     "access")->valuestring, "0xa09b");
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(o, "time")));
	cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "instruction"), "text")->valuestring,
			 "rep outsb dx, byte ptr [rsi]");
	cJSON_Delete(o);
	vt_decoder_free(d);
}

Test(crash_report, snapshot_skeleton_follows_the_v1_format)
{
	struct vt_crash c = outsb();
	cr_assert(vt_crash_snapshot_ok(&c));
	cJSON *s = vt_crash_snapshot_json(&c, "log-L12-vcpu0");
	cr_assert_eq(cJSON_GetObjectItem(s, "vmtriage_snapshot")->valueint, 1);
	cr_assert_str_eq(cJSON_GetObjectItem(s, "mode")->valuestring, "long64");
	cr_assert_str_eq(cJSON_GetObjectItem(s, "inst")->valuestring, "f3 6e eb 0a e3 08 8a 06 ee 48 ff c6 e2 f8 4c");
	cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "regs"), "rip")->valuestring, "0xfffc1234");
	cr_assert_eq(cJSON_GetObjectItem(s, "cpl")->valueint, 0, "CPL is SS.DPL");
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(s, "memory")));
	cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "memory")), 0, "memory is the user's to add");
	cJSON_Delete(s);
	c.redacted = true;
	cr_assert(!vt_crash_snapshot_ok(&c), "redacted bytes cannot make a snapshot");
}
