/* The one crash reader: schema 2 and the version-1 scan and bundles forms,
 * whole documents and NDJSON, and hostile fields. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/crash_read_int.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	cr_assert_not_null(fp, "%s", path);
	char *buf = calloc(1, 1 << 20);
	*len = fread(buf, 1, (1 << 20) - 1, fp);
	fclose(fp);
	return buf;
}

static int read_text(const char *text, size_t index, struct vt_crash *c, struct vt_crash_rec *w,
		     struct vt_error *err)
{
	return vt_crash_read("t", text, strlen(text), index, c, w, NULL, err);
}

static struct vt_crash c;
static struct vt_crash_rec w;
static struct vt_error err;

Test(crash_read, schema_2_record)
{
	size_t len;
	char *text = slurp(VT_SOURCE_DIR "/tests/data/crashes/crash-v2.json", &len);
	cr_assert_eq(vt_crash_read("v2", text, len, 0, &c, &w, NULL, &err), VT_OK, "%s", err.msg);
	cr_assert_eq(w.schema, 2);
	cr_assert_eq(c.kind, VT_KIND_INST_EMUL);
	cr_assert_eq(c.line, 8);
	cr_assert_eq(c.end_line, 10);
	cr_assert_eq(c.ninst, 15);
	cr_assert_eq(c.inst[0], 0xf3);
	cr_assert_eq(c.len, 15);
	cr_assert(c.has_rip);
	cr_assert_eq(c.rip, 0x7fc7b4a1);
	cr_assert(c.regs.has[VT_REG_RSI]);
	cr_assert_eq(c.regs.v[VT_REG_CR3], 0x7fc01000);
	cr_assert(c.regs.seg[VT_SREG_DS].present);
	cr_assert_eq(c.regs.seg[VT_SREG_DS].access, 0xc093);
	cr_assert_eq(c.cls.id, VT_CLASS_STRING_IO);
	cr_assert_str_eq(w.path, "propolis-795-bunyan.log");
	cr_assert_not(w.has_member);
	cr_assert_str_eq(w.sled, "BRM42220017");
	cr_assert_str_eq(w.time, "2024-10-22T18:41:28.637415212Z");
	cr_assert_str_eq(w.signature_id, "ca8f277c563e");
	cr_assert_str_eq(w.instruction, "rep outsb dx, byte ptr [rsi]");
	free(text);
}

Test(crash_read, version_1_scan_record_in_an_array)
{
	size_t len, n;
	char *text = slurp(VT_SAMPLES_DIR "/crashes/scan-795-and-340.json", &len);
	cr_assert_eq(vt_crash_read("scan", text, len, 0, &c, &w, &n, &err), VT_OK, "%s", err.msg);
	cr_assert_eq(n, 2);
	cr_assert_eq(w.schema, 1);
	cr_assert_str_eq(w.path, "propolis-795-bunyan.log");
	cr_assert_eq(c.ninst, 15);
	cr_assert_eq(c.inst[1], 0x6e);
	cr_assert(c.has_rip, "rip is taken from registers.rip when the top-level rip is null");
	cr_assert_str_eq(c.time, "2024-10-22T18:41:28.637415212Z");
	cr_assert_str_eq(w.time, "2024-10-22T18:41:28.637415212Z", "a v1 time that is RFC 3339 is placed");
	cr_assert_eq(vt_crash_read("scan", text, len, 1, &c, &w, NULL, &err), VT_OK, "%s", err.msg);
	cr_assert_eq(c.kind, VT_KIND_PAGING);
	cr_assert_eq(vt_crash_read("scan", text, len, 2, &c, &w, NULL, &err), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "holds 2 crashes"), "%s", err.msg);
	free(text);
}

Test(crash_read, version_1_bundles_row)
{
	size_t len;
	char *text = slurp(VT_SOURCE_DIR "/tests/data/crashes/bundles-v1-row.json", &len);
	cr_assert_eq(vt_crash_read("row", text, len, 0, &c, &w, NULL, &err), VT_OK, "%s", err.msg);
	cr_assert_eq(c.ninst, 15, "inst_data as an array of integers");
	cr_assert_eq(c.inst[0], 243);
	cr_assert_eq(c.vcpu, 0);
	cr_assert(w.has_member);
	cr_assert_str_eq(w.member, "system-illumos-propolis-server:default.log");
	cr_assert_str_eq(w.zone, "oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33");
	cr_assert_str_eq(w.instruction, "rep outsb dx, byte ptr [rsi]");
	cr_assert_str_eq(w.signature, "InstEmul/string-io/rep outsb dx,[rsi]");
	cr_assert_str_eq(w.time_created, "2026-11-20T10:01:02.123456789Z");
	free(text);
}

Test(crash_read, documents_and_ndjson)
{
	const char *doc = "{\"schema\":\"vmtriage.bundles.v2\",\"crashes\":[{\"line\":1,\"exit_kind\":\"Paging\"},"
			  "{\"line\":2,\"exit_kind\":\"InstEmul\",\"bytes\":\"f36e\",\"len\":2}]}";
	size_t n;
	cr_assert_eq(vt_crash_read("d", doc, strlen(doc), 1, &c, &w, &n, &err), VT_OK, "%s", err.msg);
	cr_assert_eq(n, 2);
	cr_assert_eq(c.line, 2);
	cr_assert_eq(c.ninst, 2);
	const char *rows = "{\"line\":5,\"exit_kind\":\"Paging\"}\n\n{\"line\":6,\"kind\":\"Debug\"}\n";
	cr_assert_eq(vt_crash_read("r", rows, strlen(rows), 1, &c, &w, &n, &err), VT_OK, "%s", err.msg);
	cr_assert_eq(n, 2);
	cr_assert_eq(c.kind, VT_KIND_DEBUG);
	const char *yearless = "{\"line\":5,\"exit_kind\":\"Paging\",\"time\":\"Jul 08 09:14:03.020\"}";
	cr_assert_eq(read_text(yearless, 0, &c, &w, &err), VT_OK, "%s", err.msg);
	cr_assert_str_eq(c.time, "Jul 08 09:14:03.020");
	cr_assert_str_eq(w.time, "", "a time without a year is not placed");
	const char *bad = "{\"line\":5,\"exit_kind\":\"Paging\"}\n{\"line\":\n";
	cr_assert_eq(read_text(bad, 0, &c, &w, &err), VT_ERR_INPUT);
	cr_assert_str_eq(err.msg, "t:2: not valid JSON");
	cr_assert_eq(read_text("{\"crashes\":[]}", 0, &c, &w, &err), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "holds no crash"), "%s", err.msg);
}

Test(crash_read, out_of_range_numbers_are_errors_not_casts)
{
	const char *cases[] = {
		"{\"line\":1e300,\"exit_kind\":\"Paging\"}",
		"{\"line\":-1e300,\"exit_kind\":\"Paging\"}",
		"{\"line\":0,\"exit_kind\":\"Paging\"}",
		"{\"line\":1.5,\"exit_kind\":\"Paging\"}",
		"{\"line\":1,\"vcpu\":1e300,\"exit_kind\":\"Paging\"}",
		"{\"line\":1,\"vcpu\":-1e300,\"exit_kind\":\"Paging\"}",
		"{\"line\":1,\"len\":1e300,\"exit_kind\":\"InstEmul\"}",
		"{\"line\":1,\"exit_code\":1e300,\"exit_kind\":\"Unknown\"}",
		"{\"line\":1,\"exit_kind\":\"InstEmul\",\"inst_data\":[243,1e300]}",
		"{\"line\":1,\"exit_kind\":\"InstEmul\",\"registers\":{\"cpl\":1e300}}",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cr_assert_eq(read_text(cases[i], 0, &c, &w, &err), VT_ERR_INPUT, "%s", cases[i]);
		cr_assert(strstr(err.msg, "integer") || strstr(err.msg, "inst_data"), "%s", err.msg);
	}
}

Test(crash_read, hostile_shapes_are_errors)
{
	const char *cases[] = {
		"{\"line\":1,\"exit_kind\":\"InstEmul\",\"registers\":{\"segments\":[{\"base\":\"0x0\"}]}}",
		"{\"line\":1,\"exit_kind\":\"InstEmul\",\"registers\":{\"segments\":{\"cs\":[]}}}",
		"{\"line\":1,\"exit_kind\":\"InstEmul\",\"registers\":{\"rax\":12}}",
		"{\"line\":1,\"exit_kind\":\"InstEmul\",\"registers\":[]}",
		"{\"line\":1,\"exit_kind\":\"InstEmul\",\"bytes\":\"f3 6\"}",
		"{\"line\":1,\"exit_kind\":\"InstEmul\",\"bytes\":\"00112233445566778899aabbccddeeff\"}",
		"{\"line\":1,\"exit_kind\":\"Nope\"}",
		"{\"line\":1,\"exit_kind\":\"Paging\",\"gpa\":\"0x1g\"}",
		"{\"line\":1,\"exit_kind\":\"Paging\",\"class\":\"nope\"}",
		"{\"schema\":\"vmtriage.decode.v2\",\"line\":1,\"exit_kind\":\"Paging\"}",
		"[1]",
		"{\"exit_kind\":\"Paging\"}",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		cr_assert_eq(read_text(cases[i], 0, &c, &w, &err), VT_ERR_INPUT, "%s", cases[i]);
}
