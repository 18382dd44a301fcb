/* Snapshot loading: the format's rules and precise errors. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vmtriage/snapshot.h"

static struct vt_snapshot *s;
static struct vt_error err;

static void teardown(void)
{
	vt_snapshot_free(s);
	s = NULL;
}
TestSuite(snapshot, .fini = teardown);

static int parse(const char *json)
{
	vt_snapshot_free(s);
	s = NULL;
	return vt_snapshot_parse(json, strlen(json), "snap.json", NULL, &s, &err);
}

Test(snapshot, every_sample_loads)
{
	DIR *d = opendir(VT_SAMPLES_DIR "/snapshots");
	struct dirent *e;
	int n = 0;
	cr_assert_not_null(d);
	while ((e = readdir(d))) {
		char path[1024];
		if (!strstr(e->d_name, ".json"))
			continue;
		snprintf(path, sizeof path, VT_SAMPLES_DIR "/snapshots/%s", e->d_name);
		cr_assert_eq(vt_snapshot_load(path, &s, &err), VT_OK, "%s", err.msg);
		cr_assert_not_null(s->description, "%s has a description", e->d_name);
		teardown();
		n++;
	}
	closedir(d);
	cr_assert_geq(n, 11);
}

Test(snapshot, numbers_are_hex_or_decimal_strings_or_small_integers)
{
	cr_assert_eq(parse("{\"inst\":\"6e\",\"regs\":{\"rsi\":\"0x10\",\"rdi\":\"16\",\"rcx\":16}}"), VT_OK);
	cr_assert_eq(s->input.cpu.r[VT_REG_RSI], 16);
	cr_assert_eq(s->input.cpu.r[VT_REG_RDI], 16);
	cr_assert_eq(s->input.cpu.r[VT_REG_RCX], 16);
	cr_assert_eq(parse("{\"inst\":\"6e\",\"regs\":{\"rsi\":\"0xffffffffffffffff\"}}"), VT_OK);
	cr_assert_eq(s->input.cpu.r[VT_REG_RSI], UINT64_MAX);
}

Test(snapshot, a_bad_number_names_its_json_path)
{
	cr_assert_eq(parse("{\"inst\":\"f3 6e\",\"regs\":{\"rcx\":\"0xZZ\"}}"), VT_ERR_INPUT);
	cr_assert_str_eq(err.msg, "snap.json: regs.rcx: \"0xZZ\" is not a number");
	cr_assert_eq(parse("{\"inst\":\"6e\",\"regs\":{\"rcx\":\"0x10000000000000000\"}}"), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "does not fit in 64 bits"));
	cr_assert_eq(parse("{\"inst\":\"6e\",\"regs\":{\"rcx\":-1}}"), VT_ERR_INPUT);
	cr_assert_eq(parse("{\"inst\":\"6e\",\"segments\":{\"ds\":{\"base\":\"x\"}}}"), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "segments.ds.base"), "%s", err.msg);
}

Test(snapshot, registers_not_given_are_zero_except_rflags_2)
{
	cr_assert_eq(parse("{\"inst\":\"6e\"}"), VT_OK);
	cr_assert_eq(s->input.cpu.r[VT_REG_RFLAGS], 2);
	cr_assert_eq(s->input.cpu.r[VT_REG_RCX], 0);
	cr_assert_eq(s->input.cpu.seg[VT_SEG_DS].base, 0);
	cr_assert_eq(s->max_elements, VT_MAX_ELEMENTS_DEFAULT);
	cr_assert_str_eq(s->name, "snap", "name defaults to the file name");
}

Test(snapshot, unknown_mode_and_register_are_rejected)
{
	cr_assert_eq(parse("{\"inst\":\"6e\",\"mode\":\"long32\"}"), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "mode: \"long32\" is not a mode"));
	cr_assert_eq(parse("{\"inst\":\"6e\",\"regs\":{\"xmm0\":\"0\"}}"), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "regs.xmm0: unknown register"));
}

Test(snapshot, mode_is_derived_from_cr0_efer_and_cs_when_absent)
{
	static const struct { const char *json; enum vt_mode mode; } cases[] = {
		{ "{\"inst\":\"6e\"}", VT_MODE_REAL16 },
		{ "{\"inst\":\"6e\",\"regs\":{\"cr0\":\"1\"}}", VT_MODE_PROT16 },
		{ "{\"inst\":\"6e\",\"regs\":{\"cr0\":\"1\"},\"segments\":{\"cs\":{\"d\":true}}}", VT_MODE_PROT32 },
		{ "{\"inst\":\"6e\",\"regs\":{\"cr0\":\"0x80000001\",\"efer\":\"0x500\"},\"segments\":{\"cs\":{\"d\":true}}}", VT_MODE_COMPAT32 },
		{ "{\"inst\":\"6e\",\"regs\":{\"cr0\":\"0x80000001\",\"efer\":\"0x500\"},\"segments\":{\"cs\":{\"l\":true}}}", VT_MODE_LONG64 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cr_assert_eq(parse(cases[i].json), VT_OK, "%s", err.msg);
		cr_assert_eq(s->input.cpu.mode, cases[i].mode, "case %zu", i);
		cr_assert_not(s->mode_given);
	}
}

/* The one registers-to-mode rule (vt_mode_derive) also finds the modes the
 * emulator does not run: those snapshots are refused, not run as another. */
Test(snapshot, derived_modes_the_replay_does_not_emulate_are_refused)
{
	cr_assert_eq(parse("{\"inst\":\"6e\",\"regs\":{\"cr0\":\"0x80000001\",\"efer\":\"0x500\"}}"), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "mode compat16 (from the registers)"), "%s", err.msg);
	cr_assert_eq(parse("{\"inst\":\"6e\",\"regs\":{\"cr0\":\"1\",\"rflags\":\"0x20002\"}}"), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "mode v8086"), "%s", err.msg);
}

Test(snapshot, segment_limit_and_access_are_checked_only_when_given)
{
	cr_assert_eq(parse("{\"inst\":\"6e\",\"segments\":{\"ds\":{\"limit\":\"0xffff\",\"access\":\"0xc093\"},"
			   "\"es\":{\"base\":\"0x0\"}}}"), VT_OK, "%s", err.msg);
	const struct vt_segment *ds = &s->input.cpu.seg[VT_SEG_DS], *es = &s->input.cpu.seg[VT_SEG_ES];
	cr_assert(ds->has_limit && ds->has_access);
	cr_assert_eq(ds->limit, 0xffff);
	cr_assert_eq(ds->access, 0xc093);
	cr_assert_not(es->has_limit || es->has_access, "a segment without them is flat");
	cr_assert_eq(es->limit, 0xffffffff);
}

Test(snapshot, cs_access_rights_give_l_and_d_unless_given_apart)
{
	cr_assert_eq(parse("{\"inst\":\"6e\",\"regs\":{\"cr0\":\"0x80000001\",\"efer\":\"0x500\"},"
			   "\"segments\":{\"cs\":{\"access\":\"0xa09b\"}}}"), VT_OK, "%s", err.msg);
	cr_assert_eq(s->input.cpu.mode, VT_MODE_LONG64);
	cr_assert_eq(parse("{\"inst\":\"6e\",\"regs\":{\"cr0\":\"1\"},"
			   "\"segments\":{\"cs\":{\"access\":\"0xc09b\"}}}"), VT_OK, "%s", err.msg);
	cr_assert_eq(s->input.cpu.mode, VT_MODE_PROT32);
	cr_assert_eq(parse("{\"inst\":\"6e\",\"regs\":{\"cr0\":\"1\"},"
			   "\"segments\":{\"cs\":{\"access\":\"0xc09b\",\"d\":false}}}"), VT_OK, "%s", err.msg);
	cr_assert_eq(s->input.cpu.mode, VT_MODE_PROT16, "an explicit d wins");
}

Test(snapshot, bad_segment_fields_are_rejected_by_path)
{
	cr_assert_eq(parse("{\"inst\":\"6e\",\"segments\":{\"ds\":{\"access\":\"0x20000\"}}}"), VT_ERR_INPUT);
	cr_assert_str_eq(err.msg, "snap.json: segments.ds.access: 0x20000 is too large");
	cr_assert_eq(parse("{\"inst\":\"6e\",\"segments\":{\"ds\":{\"limit\":\"0x100000000\"}}}"), VT_ERR_INPUT);
	cr_assert_eq(parse("{\"inst\":\"6e\",\"segments\":{\"ds\":{\"attrib\":\"0x93\"}}}"), VT_ERR_INPUT);
	cr_assert_str_eq(err.msg, "snap.json: segments.ds.attrib: unknown field (selector, base, limit, access, l, d)");
}

Test(snapshot, real_mode_selector_alone_gives_base_selector_shl_4)
{
	cr_assert_eq(parse("{\"inst\":\"6e\",\"mode\":\"real16\",\"segments\":{\"ds\":{\"selector\":\"0x7c0\"},"
			   "\"es\":{\"selector\":\"0x10\",\"base\":\"0xffff0000\"}}}"), VT_OK);
	cr_assert_eq(s->input.cpu.seg[VT_SEG_DS].base, 0x7c00);
	cr_assert_eq(s->input.cpu.seg[VT_SEG_ES].base, 0xffff0000, "an explicit base wins");
}

Test(snapshot, cpl_defaults_to_cs_rpl_outside_real_mode)
{
	cr_assert_eq(parse("{\"inst\":\"6e\",\"mode\":\"prot32\",\"segments\":{\"cs\":{\"selector\":\"0x1b\"}}}"), VT_OK);
	cr_assert_eq(s->input.cpu.cpl, 3);
	cr_assert_eq(parse("{\"inst\":\"6e\",\"cpl\":4}"), VT_ERR_INPUT);
}

Test(snapshot, later_memory_regions_override_earlier_ones)
{
	cr_assert_eq(parse("{\"inst\":\"6e\",\"memory\":[{\"gpa\":\"0x1000\",\"fill\":\"0xaa\",\"len\":\"0x100\"},"
			   "{\"gpa\":\"0x1010\",\"hex\":\"01 02\"},{\"gpa\":\"0x10f0\",\"base64\":\"AwQ=\"}]}"), VT_OK);
	struct vt_emu *e = vt_emu_new(&s->input, NULL);
	uint8_t b[4];
	cr_assert_eq(vt_emu_phys_read(e, 0x100f, b, 4), VT_ACCESS_OK);
	cr_assert_eq(memcmp(b, "\xaa\x01\x02\xaa", 4), 0);
	cr_assert_eq(vt_emu_phys_read(e, 0x10f0, b, 2), VT_ACCESS_OK);
	cr_assert_eq(memcmp(b, "\x03\x04", 2), 0);
	cr_assert_eq(vt_emu_phys_read(e, 0x10ff, b, 2), VT_ACCESS_UNKNOWN, "0x1100 is not described");
	vt_emu_free(e);
	cr_assert_eq(s->input.nregions, 5);
}

Test(snapshot, memory_regions_need_exactly_one_source_and_a_gpa)
{
	cr_assert_eq(parse("{\"inst\":\"6e\",\"memory\":[{\"gpa\":\"0\",\"hex\":\"00\",\"fill\":\"0\"}]}"), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "memory[0]: give exactly one of"));
	cr_assert_eq(parse("{\"inst\":\"6e\",\"memory\":[{\"hex\":\"00\"}]}"), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "memory[0].gpa: not given"));
	cr_assert_eq(parse("{\"inst\":\"6e\",\"memory\":[{\"gpa\":\"0\",\"hex\":\"0g\"}]}"), VT_ERR_INPUT);
	cr_assert_eq(parse("{\"inst\":\"6e\",\"memory\":[{\"gpa\":\"0xffffffffffffffff\",\"hex\":\"0000\"}]}"), VT_ERR_INPUT);
}

Test(snapshot, a_missing_memory_file_is_malformed_input)
{
	cr_assert_eq(parse("{\"inst\":\"6e\",\"memory\":[{\"gpa\":\"0\",\"file\":\"no-such.bin\"}]}"), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "memory[0].file: \"no-such.bin\""), "%s", err.msg);
}

Test(snapshot, a_memory_file_must_stay_inside_the_snapshot_directory)
{
	const char *outside[] = { "/dev/zero", "/etc/passwd", "../ram.bin", "a/../../ram.bin", "a/.." };
	for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
		char json[160];
		snprintf(json, sizeof json, "{\"inst\":\"6e\",\"memory\":[{\"gpa\":\"0\",\"file\":\"%s\"}]}",
			 outside[i]);
		cr_assert_eq(parse(json), VT_ERR_INPUT, "%s accepted", outside[i]);
		cr_assert(strstr(err.msg, "must be a relative path inside"), "%s", err.msg);
	}
}

Test(snapshot, file_regions_are_relative_to_the_snapshot_directory)
{
	char dir[] = "/tmp/vt-snap-XXXXXX", path[128];
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/ram.bin", dir);
	FILE *fp = fopen(path, "w");
	fputs("RAM!", fp);
	fclose(fp);
	snprintf(path, sizeof path, "%s/s.json", dir);
	fp = fopen(path, "w");
	fputs("{\"inst\":\"6e\",\"memory\":[{\"gpa\":\"0x100\",\"file\":\"ram.bin\"}]}", fp);
	fclose(fp);
	cr_assert_eq(vt_snapshot_load(path, &s, &err), VT_OK, "%s", err.msg);
	cr_assert_eq(s->input.regions[0].len, 4);
	cr_assert_eq(memcmp(s->input.regions[0].data, "RAM!", 4), 0);
	unlink(path);
	snprintf(path, sizeof path, "%s/ram.bin", dir);
	unlink(path);
	rmdir(dir);
}

Test(snapshot, inst_is_a_hex_string_or_a_decimal_array_and_is_required)
{
	cr_assert_eq(parse("{\"inst\":[243,110,235,10,227,8,138,6,238,72,255,198,226,248,76]}"), VT_OK);
	cr_assert_eq(s->input.inst_len, 15);
	cr_assert_eq(s->input.inst[1], 0x6e);
	cr_assert_eq(parse("{\"inst\":\"f36e\"}"), VT_OK);
	cr_assert_eq(s->input.inst_len, 2);
	cr_assert_eq(parse("{\"regs\":{}}"), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "inst: not given"));
	cr_assert_eq(parse("{\"inst\":[256]}"), VT_ERR_INPUT);
}

Test(snapshot, ports_give_in_values_then_a_then_value_defaulting_to_all_ones)
{
	cr_assert_eq(parse("{\"inst\":\"6c\",\"ports\":{\"0x1f0\":{\"in\":[\"0x4142\",17],\"then\":\"0xffff\"},"
			   "\"96\":{}}}"), VT_OK);
	cr_assert_eq(s->input.nports, 2);
	cr_assert_eq(s->input.ports[0].port, 0x1f0);
	cr_assert_eq(s->input.ports[0].count, 2);
	cr_assert_eq(s->input.ports[0].values[1], 17);
	cr_assert_eq(s->input.ports[0].then, 0xffff);
	cr_assert_eq(s->input.ports[1].port, 96);
	cr_assert_eq(s->input.ports[1].then, 0xffffffffu);
	cr_assert_eq(parse("{\"inst\":\"6c\",\"ports\":{\"0x10000\":{}}}"), VT_ERR_INPUT);
	cr_assert_eq(parse("{\"inst\":\"6c\",\"ports\":{\"0x60\":{},\"96\":{}}}"), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "given twice"));
}

Test(snapshot, limits_max_elements_is_read_and_must_be_positive)
{
	cr_assert_eq(parse("{\"inst\":\"6e\",\"limits\":{\"max_elements\":\"0x10\"}}"), VT_OK);
	cr_assert_eq(s->input.max_elements, 16);
	cr_assert_eq(parse("{\"inst\":\"6e\",\"limits\":{\"max_elements\":0}}"), VT_ERR_INPUT);
}

Test(snapshot, malformed_json_is_an_error_not_a_crash)
{
	cr_assert_eq(parse("{\"inst\": \"6e\","), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "not valid JSON"));
	cr_assert_eq(parse("[1,2]"), VT_ERR_INPUT);
	cr_assert_eq(parse(""), VT_ERR_INPUT);
}

Test(snapshot, mutated_samples_never_crash)
{
	FILE *fp = fopen(VT_SAMPLES_DIR "/snapshots/page-fault-rep-insb.json", "r");
	char text[16384];
	size_t n = fread(text, 1, sizeof text - 1, fp);
	fclose(fp);
	uint64_t x = 12345;
	for (int i = 0; i < 3000; i++) {
		char copy[16384];
		memcpy(copy, text, n);
		for (int k = 0; k < 3; k++) {
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			copy[(x >> 33) % n] = (char)(x >> 17);
		}
		vt_snapshot_free(s);
		s = NULL;
		int rc = vt_snapshot_parse(copy, n, "m.json", NULL, &s, &err);
		cr_assert(rc == VT_OK || (rc == VT_ERR_INPUT && strncmp(err.msg, "m.json: ", 8) == 0), "%s", err.msg);
	}
}
