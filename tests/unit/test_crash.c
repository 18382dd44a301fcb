/* The crash record: register helpers, analysis, JSON and snapshot output. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "vmtriage/crash_report.h"
#include "vmtriage/writefile.h"
#include "scan/crash_snapshot_int.h"
#include "util/json_int.h"

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

static const char *mode_of(const struct vt_regs *r)
{
	enum vt_mode m;
	return vt_regs_mode(r, &m) ? vt_mode_name(m) : NULL;
}

Test(crash_regs, code_bits_follow_cr0_efer_and_cs)
{
	struct vt_crash c = outsb();
	cr_assert_eq(vt_regs_code_bits(&c.regs), 64);
	cr_assert_str_eq(mode_of(&c.regs), "long64");
	c.regs.seg[VT_SREG_CS].access = 0xc09b;
	cr_assert_eq(vt_regs_code_bits(&c.regs), 32);
	cr_assert_str_eq(mode_of(&c.regs), "compat32");
	c.regs.seg[VT_SREG_CS].access = 0x809b;
	cr_assert_str_eq(mode_of(&c.regs), "compat16");
	c.regs.seg[VT_SREG_CS].access = 0xc09b;
	c.regs.v[VT_REG_EFER] = 0;
	cr_assert_str_eq(mode_of(&c.regs), "prot32");
	c.regs.v[VT_REG_RFLAGS] = 0x20202;
	c.regs.has[VT_REG_RFLAGS] = true;
	cr_assert_str_eq(mode_of(&c.regs), "v8086", "EFLAGS.VM outside long mode");
	cr_assert_eq(vt_regs_code_bits(&c.regs), 16);
	c.regs.v[VT_REG_CR0] = 0x10;
	cr_assert_eq(vt_regs_code_bits(&c.regs), 16);
	cr_assert_str_eq(mode_of(&c.regs), "real16");
	struct vt_regs none = { .cpl = -1 };
	cr_assert_eq(vt_regs_code_bits(&none), 0);
	cr_assert_null(mode_of(&none));
}

/* Issue 15: with CS.L set and no EFER printed, the copies disagreed (64 in
 * one, prot32 in another). Long mode needs CR0.PG and CR4.PAE as well. */
Test(crash_regs, cs_l_without_efer_is_long_mode_only_with_paging_and_pae)
{
	struct vt_crash c = outsb();
	c.regs.has[VT_REG_EFER] = false;
	c.regs.v[VT_REG_CR4] = 0x668; /* PAE */
	c.regs.has[VT_REG_CR4] = true;
	cr_assert_str_eq(mode_of(&c.regs), "long64");
	cr_assert_eq(vt_regs_code_bits(&c.regs), 64);
	c.regs.v[VT_REG_CR4] = 0x600; /* no PAE: not long mode, CS.D says 16-bit */
	cr_assert_str_eq(mode_of(&c.regs), "prot16");
	c.regs.has[VT_REG_CR4] = false;
	cr_assert_str_eq(mode_of(&c.regs), "prot16", "no CR4: long mode is not shown");
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
	cJSON *o = util_cjson(vt_crash_json(&c, NULL));
	cr_assert_str_eq(o->child->string, "schema", "schema is the first member");
	cr_assert_str_eq(o->child->valuestring, "vmtriage.crash.v2");
	cr_assert_str_eq(cJSON_GetObjectItem(o, "bytes")->valuestring, "f36eeb0ae3088a06ee48ffc6e2f84c");
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(o, "bytes_printed")), "all 15 bytes are valid");
	cr_assert_str_eq(cJSON_GetObjectItem(o, "class")->valuestring, "string-io");
	cr_assert_str_eq(cJSON_GetObjectItem(o, "exit_kind")->valuestring, "InstEmul");
	cr_assert_str_eq(cJSON_GetObjectItem(o, "path")->valuestring, "dir/log");
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(o, "member")));
	cr_assert_str_eq(cJSON_GetObjectItem(o, "mode")->valuestring, "long64");
	cr_assert_eq(cJSON_GetObjectItem(o, "bits")->valueint, 64);
	cr_assert_str_eq(cJSON_GetObjectItem(o, "signature")->valuestring, "InstEmul/string-io/rep outsb dx,[rsi]");
	cr_assert_eq(strlen(cJSON_GetObjectItem(o, "signature_id")->valuestring), 12);
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(o, "following")), "following is beside instruction");
	cr_assert_null(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "instruction"), "following"));
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
	char name[100];
	cr_assert(vt_crash_snapshot_ok(&c, NULL));
	vt_crash_snapshot_name(&c, NULL, name, sizeof name);
	cr_assert(strncmp(name, "log-L12-vcpu0-", 14) == 0 && strlen(name) == 14 + 12, "%s", name);
	cJSON *s = scan_snapshot_json(&c, name, "dir/log:12");
	cr_assert_eq(cJSON_GetObjectItem(s, "vmtriage_snapshot")->valueint, 1);
	cr_assert_str_eq(cJSON_GetObjectItem(s, "mode")->valuestring, "long64");
	cr_assert_str_eq(cJSON_GetObjectItem(s, "inst")->valuestring, "f36eeb0ae3088a06ee48ffc6e2f84c");
	cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "regs"), "rip")->valuestring, "0xfffc1234");
	cr_assert_eq(cJSON_GetObjectItem(s, "cpl")->valueint, 0, "CPL is SS.DPL");
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(s, "memory")));
	cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "memory")), 0, "memory is the user's to add");
	cJSON_Delete(s);
	c.redacted = true;
	const char *why;
	cr_assert(!vt_crash_snapshot_ok(&c, &why), "redacted bytes cannot make a snapshot");
	cr_assert_str_eq(why, "no instruction bytes");
}

/* Names are unique per crash: zone, bundle id, member path and line; a
 * bundle's copies (other paths) share them; outside a bundle the path counts. */
Test(crash_report, snapshot_names_are_unique_per_zone_bundle_member_and_line)
{
	struct vt_crash c = outsb();
	struct vt_crash_where w = { "pool/b.tar.gz", "var/svc/log/x.log", "oxz_p", "13131313-aaaa", NULL, NULL };
	char a[200], b[200];
	vt_crash_snapshot_name(&c, &w, a, sizeof a);
	w.member = "root/var/svc/log/x.log";
	vt_crash_snapshot_name(&c, &w, b, sizeof b);
	cr_assert_str_neq(a, b, "two directories of one bundle");
	w.path = "elsewhere/copy-of-b.tar.gz";
	vt_crash_snapshot_name(&c, &w, a, sizeof a);
	cr_assert_str_eq(a, b, "a copy of the bundle");
	w.zone = "oxz_q";
	vt_crash_snapshot_name(&c, &w, a, sizeof a);
	cr_assert(strcmp(a + 6, b + 6) != 0, "another zone: %s %s", a, b);
	w.zone = "oxz_p";
	w.bundle_id = "13131313-bbbb";
	vt_crash_snapshot_name(&c, &w, a, sizeof a);
	cr_assert_str_neq(a, b, "another bundle with the same first 8 digits");
	struct vt_crash_where p = { "a/x.log", "x.log", NULL, NULL, NULL, NULL };
	vt_crash_snapshot_name(&c, &p, a, sizeof a);
	p.path = "b/x.log";
	vt_crash_snapshot_name(&c, &p, b, sizeof b);
	cr_assert_str_neq(a, b, "two plain logs of one name");
	cr_assert(strncmp(a, "x.log-L12-vcpu0-", 16) == 0, "%s", a);
}

/* Issue 15: scan's rip was null while registers.rip was set, and the
 * decoded instruction sat at address 0. */
Test(crash_report, rip_comes_from_the_registers_when_the_exit_has_none)
{
	struct vt_error err;
	struct vt_decoder *d = vt_decoder_new(&err);
	struct vt_crash c = outsb();
	cr_assert_not(c.has_rip);
	vt_crash_analyse(&c, d, &err);
	cJSON *o = util_cjson(vt_crash_json(&c, NULL));
	cr_assert_str_eq(cJSON_GetObjectItem(o, "rip")->valuestring, "0xfffc1234");
	cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "registers"), "rip")->valuestring, "0xfffc1234");
	cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "instruction"), "address")->valuestring,
			 "0xfffc1234");
	cJSON_Delete(o);
	vt_decoder_free(d);
}

/* Issue 15: one spelling per concept. The 0.1 names are gone from the
 * crash record; the schema 2 ones are there, null when unknown. */
Test(crash_report, one_spelling_per_concept)
{
	static const char *const gone[] = { "source", "kind", "inst_data", "detail", "code", NULL };
	static const char *const here[] = { "path", "member", "exit_kind", "exit_detail", "exit_code", "bytes",
					    "bytes_printed", "time_text", "class_detail", "bits", "mode", NULL };
	struct vt_crash c = outsb();
	c.kind = VT_KIND_UNKNOWN;
	c.has_code = true;
	c.code = 49;
	strcpy(c.detail, "vm exit 49");
	vt_crash_analyse(&c, NULL, NULL);
	cJSON *o = util_cjson(vt_crash_json(&c, NULL));
	for (int i = 0; gone[i]; i++)
		cr_expect_null(cJSON_GetObjectItem(o, gone[i]), "%s is a 0.1 name", gone[i]);
	for (int i = 0; here[i]; i++)
		cr_expect_not_null(cJSON_GetObjectItem(o, here[i]), "%s is missing", here[i]);
	cr_expect_eq(cJSON_GetObjectItem(o, "exit_code")->valueint, 49);
	cr_expect_str_eq(cJSON_GetObjectItem(o, "exit_detail")->valuestring, "vm exit 49");
	cJSON_Delete(o);
}

/* The skeleton holds the valid bytes only, and names where it came from. */
Test(crash_report, snapshot_takes_the_valid_bytes_and_writes_without_replacing)
{
	struct vt_crash c = outsb();
	struct vt_crash_where w = { "pool/b.tar.gz", "logs/x.log", "oxz_p", "13131313-aaaa", NULL, NULL };
	char name[200], path[4200], dir[] = "/tmp/vt-snap-XXXXXX";
	struct vt_error err;
	c.len = 2;
	vt_crash_snapshot_name(&c, &w, name, sizeof name);
	cr_assert(strncmp(name, "oxz_p-13131313-x.log-L12-vcpu0-", 31) == 0 && strlen(name) == 31 + 12, "%s", name);
	cJSON *s = scan_snapshot_json(&c, name, "here");
	cr_assert_str_eq(cJSON_GetObjectItem(s, "inst")->valuestring, "f36e");
	cJSON_Delete(s);
	cr_assert_not_null(mkdtemp(dir));
	cr_assert_eq(vt_crash_snapshot_save(&c, name, "here", dir, 0, path, sizeof path, &err), VT_OK, "%s", err.msg);
	cr_assert_eq(vt_crash_snapshot_save(&c, name, "here", dir, 0, path, sizeof path, &err), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "exists"), "%s", err.msg);
	cr_assert_eq(vt_crash_snapshot_save(&c, name, "here", dir, VT_WRITE_REPLACE, path, sizeof path, &err),
		     VT_OK, "--force replaces it: %s", err.msg);
	unlink(path);
	rmdir(dir);
}
