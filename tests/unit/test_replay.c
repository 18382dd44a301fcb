/* Replay results: JSON per snapshot-format.md, the trace format, the diff,
 * and a model built from the emu primitives compared with the reference. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "replay/replay_int.h"
#include "util/json_int.h"
#include "vmtriage/replay.h"
#include "vmtriage/replay_report.h"
#include "vmtriage/snapshot.h"

static struct vt_snapshot *snap;
static struct vt_result ref, other;
static struct vt_error err;

static void setup(void)
{
	vt_result_init(&ref);
	vt_result_init(&other);
}
static void teardown(void)
{
	vt_result_release(&ref);
	vt_result_release(&other);
	vt_snapshot_free(snap);
	snap = NULL;
}
TestSuite(replay, .init = setup, .fini = teardown);

static void run_sample(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, VT_SAMPLES_DIR "/snapshots/%s.json", name);
	cr_assert_eq(vt_snapshot_load(path, &snap, &err), VT_OK, "%s", err.msg);
	cr_assert_eq(vt_replay_run(snap, 0, &ref, &err), VT_OK);
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

Test(replay, json_has_every_field_of_the_replay_result_format)
{
	run_sample("ovmf-debugcon-rep-outsb");
	cJSON *j = util_cjson(vt_result_json(&ref, snap->name, NULL));
	cr_assert_str_eq(str(j, "snapshot"), "ovmf-debugcon-rep-outsb");
	cr_assert_str_eq(str(j, "verdict"), "emulated");
	cJSON *ins = cJSON_GetObjectItem(j, "instruction");
	cr_assert_str_eq(str(ins, "bytes"), "f36e");
	cr_assert_str_eq(str(ins, "text"), "rep outsb dx, byte ptr [rsi]");
	cr_assert_eq(cJSON_GetObjectItem(ins, "length")->valueint, 2);
	cr_assert_eq(cJSON_GetObjectItem(j, "elements")->valueint, 72);
	cJSON *io0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "io"), 0);
	/* ports and values are integers (they fit in 53 bits); v1 had hex strings, dir and size */
	cr_assert_str_eq(str(io0, "direction"), "out");
	cr_assert_eq(cJSON_GetObjectItem(io0, "port")->valueint, 0x402);
	cr_assert_eq(cJSON_GetObjectItem(io0, "element_size")->valueint, 1);
	cr_assert_eq(cJSON_GetObjectItem(io0, "value")->valueint, 0x49); /* 'I' */
	cr_assert_null(cJSON_GetObjectItem(io0, "dir"));
	cr_assert_null(cJSON_GetObjectItem(io0, "size"));
	/* the instruction is the instruction record */
	cr_assert_str_eq(str(ins, "address"), "0x7fe9a8f3");
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(ins, "valid")));
	cr_assert_str_eq(str(cJSON_GetObjectItem(ins, "string_io"), "direction"), "out");
	cr_assert(cJSON_IsObject(cJSON_GetObjectItem(ins, "prefixes")));
	/* reason, not detail; registers before and after */
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "reason")));
	cr_assert_null(cJSON_GetObjectItem(j, "detail"));
	cr_assert_str_eq(str(cJSON_GetObjectItem(j, "registers_before"), "rip"), "0x7fe9a8f3");
	cJSON *regs = cJSON_GetObjectItem(j, "registers_after");
	cr_assert_str_eq(str(regs, "rip"), "0x7fe9a8f5");
	cr_assert_str_eq(str(regs, "rsi"), "0x7ea35f58");
	cr_assert_str_eq(str(regs, "rdi"), "0x0");
	cr_assert_str_eq(str(regs, "rcx"), "0x0");
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(j, "memory_writes")));
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(j, "fault")));
	cJSON_Delete(j);
}

Test(replay, fault_json_has_vector_error_code_and_cr2)
{
	run_sample("page-fault-rep-insb");
	cJSON *j = util_cjson(vt_result_json(&ref, snap->name, NULL));
	cJSON *f = cJSON_GetObjectItem(j, "fault");
	cr_assert_str_eq(str(j, "verdict"), "guest-fault");
	cr_assert_eq(cJSON_GetObjectItem(f, "vector")->valueint, 14);
	cr_assert_eq(cJSON_GetObjectItem(f, "error_code")->valueint, 2);
	cr_assert_str_eq(str(f, "cr2"), "0x601000");
	cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "page_table_writes")), 4);
	cJSON_Delete(j);
}

Test(replay, every_64_bit_value_in_json_is_a_hex_string)
{
	run_sample("addr32-67-rep-insd");
	cJSON *j = util_cjson(vt_result_json(&ref, snap->name, NULL)), *it;
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(j, "registers_after"))
		cr_assert(cJSON_IsString(it) && strncmp(it->valuestring, "0x", 2) == 0);
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(j, "memory_writes"))
		cr_assert(strncmp(str(it, "gpa"), "0x", 2) == 0);
	cJSON_Delete(j);
}

static void roundtrip(struct vt_result *out)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	cr_assert_eq(vt_trace_write(fp, &ref), 0);
	fclose(fp);
	struct vt_mem_stream ms = { (const uint8_t *)buf, len, 0 };
	cr_assert_eq(vt_trace_read(vt_stream_mem(&ms), "t.ndjson", out, &err), VT_OK, "%s", err.msg);
	free(buf);
}

Test(replay, a_trace_written_then_read_has_no_difference)
{
	run_sample("ata-rep-insw-512");
	roundtrip(&other);
	struct vt_diff d;
	cr_assert_not(vt_result_diff(&ref, &other, VT_DIFF_ALL, &d), "%s", d.text);
	cr_assert_eq(other.io.accesses, 256);
	cr_assert_eq(other.memory_writes.v[0].len, 512);
	cr_assert_not(other.has_verdict);
}

/* Traces written by vmtriage 0.1 or a VMM's version 1 writer: dir, size,
 * hex strings for port and value, regs_after, memory "hex". */
Test(replay, a_version_1_trace_still_reads)
{
	static const char v1[] =
		"{\"dir\":\"out\",\"port\":\"0x402\",\"size\":1,\"value\":\"0x48\"}\n"
		"{\"regs_after\":{\"rip\":\"0x10\"},\"memory_writes\":[{\"gpa\":\"0x1000\",\"hex\":\"41\"}],"
		"\"fault\":{\"vector\":14,\"error_code\":\"0x2\",\"cr2\":\"0x1000\"}}\n";
	struct vt_mem_stream ms = { (const uint8_t *)v1, sizeof v1 - 1, 0 };
	struct vt_io_iter it = { 0 };
	struct vt_io_access a;
	cr_assert_eq(vt_trace_read(vt_stream_mem(&ms), "v1.ndjson", &other, &err), VT_OK, "%s", err.msg);
	cr_assert(vt_io_trace_next(&other.io, &it, &a));
	cr_assert_eq(a.port, 0x402);
	cr_assert_eq(a.size, 1);
	cr_assert_eq(a.value, 0x48);
	cr_assert_eq(other.regs_after[VT_REG_RIP], 0x10);
	cr_assert_eq(other.memory_writes.n, 1);
	cr_assert_eq(other.fault.error_code, 2);
	cr_assert_eq(other.fault.cr2, 0x1000);
}

Test(replay, a_trace_writes_the_v2_spelling)
{
	char *buf = NULL;
	size_t len = 0;
	run_sample("page-fault-rep-insb");
	FILE *fp = open_memstream(&buf, &len);
	cr_assert_eq(vt_trace_write(fp, &ref), 0);
	fclose(fp);
	cr_assert(strstr(buf, "{\"direction\":\"in\",\"port\":96,\"element_size\":1,\"value\":65}\n"), "%s", buf);
	cr_assert(strstr(buf, "\"registers_after\":{") && strstr(buf, "\"bytes\":\"") &&
		  strstr(buf, "\"error_code\":2,"), "%s", buf);
	free(buf);
}

Test(replay, diff_names_the_first_differing_io_element)
{
	run_sample("ovmf-debugcon-rep-outsb");
	roundtrip(&other);
	other.io.data[5] ^= 0x20; /* element 5's value */
	struct vt_diff d;
	cr_assert(vt_result_diff(&ref, &other, VT_DIFF_TRACE, &d));
	cr_assert_eq(d.part, VT_DIFF_IO);
	cr_assert_eq(d.element, 5);
	cr_assert_str_eq(d.path, "io[5]");
	cr_assert(strstr(d.text, "expected out 0x402 size 1 value 0x6c, got out 0x402 size 1 value 0x4c"), "%s", d.text);
}

/* Results and their JSON documents go through one engine: the same io
 * element, the same JSON for a side, null and words for a missing one. */
static bool json_diff_of(const struct vt_result *e, const struct vt_result *a, struct vt_diff *d)
{
	cJSON *je = util_cjson(vt_result_json(e, "s", NULL)), *ja = util_cjson(vt_result_json(a, "s", NULL));
	cr_assert(je && ja);
	bool r = replay_json_first_diff(je, ja, d);
	cJSON_Delete(je);
	cJSON_Delete(ja);
	return r;
}

Test(replay, results_and_their_json_differ_at_the_same_io_element)
{
	struct vt_result trace;
	struct vt_diff dr, dj;
	run_sample("ovmf-debugcon-rep-outsb");
	vt_result_init(&trace);
	roundtrip(&trace);
	roundtrip(&other);
	cr_assert_not(vt_result_diff(&trace, &other, VT_DIFF_ALL, &dr), "%s", dr.text);
	cr_assert_not(json_diff_of(&trace, &other, &dj), "%s", dj.text);
	other.io.data[5] ^= 0x20;
	cr_assert(vt_result_diff(&trace, &other, VT_DIFF_ALL, &dr));
	cr_assert(json_diff_of(&trace, &other, &dj));
	cr_assert_eq(dr.element, 5);
	cr_assert_eq(dj.element, 5);
	cr_assert_str_eq(dr.path, "io[5]");
	cr_assert_str_eq(dj.path, "io[5].value");
	cr_assert_str_eq(dr.expected, "{\"direction\":\"out\",\"port\":1026,\"element_size\":1,\"value\":108}");
	cr_assert_str_eq(dj.expected, "108");
	cr_assert_str_eq(dj.text, "io[5].value: expected 108, got 76");
	other.io.data[5] ^= 0x20;
	other.io.runs[other.io.nruns - 1].count--; /* the last access is missing */
	other.io.accesses--;
	cr_assert(vt_result_diff(&trace, &other, VT_DIFF_ALL, &dr));
	cr_assert(json_diff_of(&trace, &other, &dj));
	cr_assert_eq(dr.element, (int64_t)other.io.accesses);
	cr_assert_eq(dj.element, dr.element);
	cr_assert_str_eq(dr.actual, "null");
	cr_assert_str_eq(dj.actual, "null");
	cr_assert(strstr(dr.text, "got no access"), "%s", dr.text);
	cr_assert(strstr(dj.text, "got absent"), "%s", dj.text);
	vt_result_release(&trace);
}

Test(replay, diff_reports_missing_accesses_registers_and_memory)
{
	struct vt_diff d;
	run_sample("ata-rep-insw-512");
	roundtrip(&other);
	other.io.runs[0].count--;
	other.io.accesses--;
	cr_assert(vt_result_diff(&ref, &other, VT_DIFF_TRACE, &d));
	cr_assert_eq(d.element, 255);
	cr_assert(strstr(d.text, "got no access"));
	other.io.runs[0].count++;
	other.io.accesses++;
	other.regs_after[VT_REG_RCX] = 1;
	cr_assert(vt_result_diff(&ref, &other, VT_DIFF_TRACE, &d));
	cr_assert_str_eq(d.path, "registers_after.rcx");
	other.regs_after[VT_REG_RCX] = 0;
	other.memory_writes.data[3] ^= 1;
	cr_assert(vt_result_diff(&ref, &other, VT_DIFF_TRACE, &d));
	cr_assert_str_eq(d.path, "memory_writes[0x20003]");
}

Test(replay, trace_reader_errors_name_the_line)
{
	const char *text = "{\"dir\":\"out\",\"port\":\"0x402\",\"size\":1,\"value\":\"0x41\"}\n"
			   "{\"dir\":\"sideways\",\"port\":\"0x402\",\"size\":1,\"value\":\"0x41\"}\n";
	struct vt_mem_stream ms = { (const uint8_t *)text, strlen(text), 0 };
	cr_assert_eq(vt_trace_read(vt_stream_mem(&ms), "t.ndjson", &other, &err), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "t.ndjson:2: dir"), "%s", err.msg);
	vt_result_release(&other);
	const char *nofinal = "{\"dir\":\"out\",\"port\":\"0x402\",\"size\":1,\"value\":\"0x41\"}\n";
	struct vt_mem_stream m2 = { (const uint8_t *)nofinal, strlen(nofinal), 0 };
	cr_assert_eq(vt_trace_read(vt_stream_mem(&m2), "t.ndjson", &other, &err), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "no final"));
}

/* A model in the shape issue 7 will write: the c2bc58f9 patch's REP OUTSB,
 * which treats RSI as a guest-physical address and ignores segments and paging. */
static int physical_rsi_model(const struct vt_snapshot *s, struct vt_result *out)
{
	struct vt_emu *e = vt_emu_new(&s->input, NULL);
	struct vt_cpu *c = vt_emu_cpu(e);
	uint64_t n = c->r[VT_REG_RCX], k;
	for (k = 0; k < n; k++) {
		uint8_t b;
		if (vt_emu_phys_read(e, c->r[VT_REG_RSI] + k, &b, 1) != VT_ACCESS_OK)
			break;
		vt_emu_port_out(e, (uint16_t)c->r[VT_REG_RDX], 1, b);
	}
	int verdict = k == n ? VT_VERDICT_EMULATED : VT_VERDICT_NOT_HANDLED;
	if (k == n) {
		vt_emu_set_reg(e, VT_REG_RSI, 64, c->r[VT_REG_RSI] + n);
		vt_emu_set_reg(e, VT_REG_RCX, 64, 0);
		vt_emu_set_reg(e, VT_REG_RIP, 64, c->r[VT_REG_RIP] + 2);
	}
	int rc = vt_emu_finish(e, verdict, k, NULL, k == n ? NULL : "memory read failed", out);
	vt_emu_free(e);
	return rc;
}

Test(replay, a_model_on_the_same_snapshot_matches_where_it_is_right)
{
	run_sample("ovmf-debugcon-rep-outsb"); /* identity-mapped: a physical RSI is right */
	cr_assert_eq(physical_rsi_model(snap, &other), VT_OK);
	struct vt_diff d;
	cr_assert_not(vt_result_diff(&ref, &other, VT_DIFF_ALL & ~VT_DIFF_PAGE_TABLES, &d), "%s", d.text);
}

Test(replay, a_model_on_the_same_snapshot_differs_where_it_is_wrong)
{
	run_sample("non-identity-rep-outsb"); /* higher-half RSI: not a physical address */
	cr_assert_eq(physical_rsi_model(snap, &other), VT_OK);
	struct vt_diff d;
	cr_assert(vt_result_diff(&ref, &other, VT_DIFF_ALL, &d));
	cr_assert_str_eq(d.path, "verdict");
	cr_assert_str_eq(d.expected, "\"emulated\"");
	cr_assert_str_eq(d.actual, "\"not-handled\"");
}

Test(replay, invalid_result_json_carries_the_reason)
{
	vt_result_invalid(&ref, "snap.json: inst: not given");
	cJSON *j = util_cjson(vt_result_json(&ref, "snap.json", NULL));
	cr_assert_str_eq(str(j, "verdict"), "invalid");
	cr_assert_str_eq(str(j, "reason"), "snap.json: inst: not given");
	cJSON_Delete(j);
}

Test(replay, verdict_names_round_trip)
{
	for (unsigned v = 0; v < VT_VERDICT_COUNT; v++) {
		enum vt_verdict back;
		cr_assert_eq(vt_verdict_from_name(vt_verdict_name((enum vt_verdict)v), &back), 0);
		cr_assert_eq(back, v);
	}
	cr_assert_str_eq(vt_verdict_name(VT_VERDICT_LIMIT_REACHED), "limit-reached");
}

/* An endless trace: the same valid I/O line forever. */
static ssize_t endless_io(void *ctx, void *buf, size_t n, struct vt_error *e)
{
	static const char line[] = "{\"dir\":\"out\",\"port\":\"0x402\",\"size\":1,\"value\":\"0x41\"}\n";
	size_t *pos = ctx;
	(void)e;
	for (size_t i = 0; i < n; i++)
		((char *)buf)[i] = line[(*pos)++ % (sizeof line - 1)];
	return (ssize_t)n;
}

Test(replay, an_endless_trace_stops_at_the_byte_ceiling)
{
	size_t pos = 0;
	struct vt_stream in = { endless_io, &pos };
	struct vt_result r;

	vt_result_init(&r);
	cr_assert_eq(vt_trace_read(in, "endless", &r, &err), VT_ERR_LIMIT, "%s", err.msg);
	cr_assert(strstr(err.msg, "larger than"), "%s", err.msg);
	cr_assert_leq(pos, VT_TRACE_MAX_BYTES + 2 * 1024 * 1024);
	vt_result_release(&r);
}
