/* firmware: UEFI volumes, FFS, sections, LZMA, PE32/TE code and string-I/O
 * sites, on synthetic images built here (fw_builder.h) and on Debian's OVMF
 * when installed. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "firmware/firmware_int.h"
#include "util/json_int.h"
#include "fw_builder.h"
#include "vmtriage/firmware_report.h"

/* 64-bit driver code: entry calls f2 and takes f3's address with a
 * RIP-relative LEA; a string after the code looks like INSB/OUTSD/INSB. */
static const uint8_t code64[] = {
	0xfc,                               /* 00 cld */
	0xf3, 0x6e,                         /* 01 rep outsb */
	0xb8, 0x6e, 0x6e, 0x6e, 0x6e,       /* 03 mov eax, 0x6e6e6e6e: not sites */
	0xe8, 0x08, 0x00, 0x00, 0x00,       /* 08 call 0x15 */
	0x48, 0x8d, 0x05, 0x05, 0x00, 0x00, 0x00, /* 0d lea rax, [rip + 5] -> 0x19 */
	0xc3,                               /* 14 ret */
	0x66, 0xf3, 0x6f,                   /* 15 rep outsw (Capstone 4 mis-sizes it) */
	0xc3,                               /* 18 ret */
	0xf3, 0x6c,                         /* 19 rep insb */
	0xc3,                               /* 1b ret */
	'l', 'o', 'l', 0,                   /* 1c data: never reached */
};
static const uint8_t code32[] = { 0xf3, 0x6e, 0xc3 }; /* rep outsb; ret */
#define PE_CODE 0x200                       /* where fwb_pe puts .text */

/* An FFS file of `type` holding a code section (PE32 0x10, TE 0x12) and a name. */
static struct fwb code_file(uint8_t guid, uint8_t type, uint8_t sec_type, struct fwb image, const char *name)
{
	struct fwb secs = { 0 };
	fwb_add_section(&secs, fwb_section(sec_type, image.p, image.n));
	fwb_add_section(&secs, fwb_ui(name));
	struct fwb f = fwb_file(guid, type, &secs);
	fwb_free(&image);
	fwb_free(&secs);
	return f;
}

static struct fwb dxe_file(void)
{
	return code_file(0x10, 0x07, 0x10, fwb_pe(64, code64, sizeof code64, 0), "TestDxe");
}

static struct fwb pei_file(void)
{
	return code_file(0x20, 0x06, 0x12, fwb_te(code32, sizeof code32, 0), "TestPei");
}

/* A raw file holding string-I/O bytes: raw files are not code. */
static struct fwb raw_file(void)
{
	struct fwb body = { 0 };
	fwb_put(&body, "\xf3\x6e\xf3\x6e", 4);
	struct fwb f = fwb_file(0x30, 0x01, &body);
	fwb_free(&body);
	return f;
}

static struct fwb plain_files(void)
{
	struct fwb files = { 0 };
	fwb_add_file(&files, dxe_file());
	fwb_add_file(&files, pei_file());
	fwb_add_file(&files, raw_file());
	return files;
}

static struct fwb plain_image(void)
{
	struct fwb files = plain_files();
	struct fwb v = fwb_volume(&files, 64);
	fwb_free(&files);
	return v;
}

/* OVMF's shape: FV -> FV_IMAGE file -> LZMA section -> FV section -> FV -> files. */
static struct fwb lzma_image(void)
{
	struct fwb inner = plain_image(), secs = { 0 }, files = { 0 };
	struct fwb fvsec = { 0 };
	fwb_add_section(&fvsec, fwb_section(0x17, inner.p, inner.n));
	fwb_add_section(&secs, fwb_lzma_section(&fvsec));
	fwb_add_file(&files, fwb_file(0x40, 0x0B, &secs));
	struct fwb v = fwb_volume(&files, 0);
	fwb_free(&inner);
	fwb_free(&secs);
	fwb_free(&files);
	fwb_free(&fvsec);
	return v;
}

static int scan(const struct fwb *img, bool unreached, struct vt_fw_report *rep)
{
	struct vt_fw_opts o = { .context = 4, .unreached = unreached };
	struct vt_error err;
	int rc = vt_firmware_scan(img->p, img->n, "test.fd", &o, rep, &err);
	if (rc)
		cr_log_info("scan: %s", err.msg);
	return rc;
}

static const struct vt_fw_module *module_named(const struct vt_fw_report *rep, const char *name)
{
	for (size_t i = 0; i < rep->nmodules; i++)
		if (strcmp(rep->modules[i].name, name) == 0)
			return &rep->modules[i];
	return NULL;
}

static bool has_warning(const struct vt_fw_report *rep, const char *needle)
{
	for (size_t i = 0; i < rep->nwarnings; i++)
		if (strstr(rep->warnings[i].msg, needle))
			return true;
	return false;
}

Test(firmware, plain_volume_names_modules_by_ui_section_and_guid)
{
	struct fwb img = plain_image();
	struct vt_fw_report rep;
	char g[37];
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	cr_assert_eq(rep.nvolumes, 1);
	cr_assert(rep.volumes[0].ffs);
	cr_assert_eq(rep.volumes[0].parent, -1);
	cr_assert_eq(rep.nmodules, 3);
	cr_assert_str_eq(rep.modules[0].name, "TestDxe");
	cr_assert_str_eq(rep.modules[1].name, "TestPei");
	cr_assert_str_eq(rep.modules[2].name, "");
	vt_firmware_guid_text(rep.modules[0].guid, g);
	cr_assert_str_eq(g, "13121110-1514-1716-1819-1A1B1C1D1E1F");
	cr_assert_str_eq(rep.modules[0].code, "PE32");
	cr_assert_eq(rep.modules[0].code_bits, 64);
	cr_assert_str_eq(rep.modules[1].code, "TE");
	cr_assert_eq(rep.modules[1].code_bits, 32);
	cr_assert_eq(rep.nwarnings, 0, "unexpected warning: %s", rep.nwarnings ? rep.warnings[0].msg : "");
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

Test(firmware, sites_follow_calls_and_lea_but_not_data_or_immediates)
{
	struct fwb img = plain_image();
	struct vt_fw_report rep;
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	cr_assert_eq(rep.nsites, 4);
	static const uint64_t offs[] = { PE_CODE + 0x01, PE_CODE + 0x15, PE_CODE + 0x19 };
	static const char *const forms[] = { "REP OUTSB", "REP OUTSW", "REP INSB" };
	for (int i = 0; i < 3; i++) {
		const struct vt_fw_site *s = &rep.sites[i];
		cr_assert(s->reached);
		cr_assert_eq(s->module, 0);
		cr_assert_eq(s->offset, offs[i], "site %d at 0x%llx", i, (unsigned long long)s->offset);
		cr_assert_str_eq(s->mnemonic, forms[i]);
		cr_assert_str_eq(s->code_section, ".text");
		cr_assert(s->in_image);
		cr_assert_eq(img.p[s->image_offset + s->insn.size - 1], s->sio.opcode);
	}
	cr_assert_str_eq(rep.sites[1].insn.text, "rep outsw dx, word ptr [rsi]");
	cr_assert_eq(rep.sites[1].insn.size, 3);
	cr_assert_eq(rep.sites[0].rva, 0x1001);
	cr_assert_eq(rep.unreached, 3, "the string \"lol\" decodes as three sites");
	cr_assert_eq(rep.unreached_rep, 0);
	cr_assert_eq(rep.modules[0].nsites, 3);
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

Test(firmware, te_site_uses_te_offsets_and_32_bit_code)
{
	struct fwb img = plain_image();
	struct vt_fw_report rep;
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	const struct vt_fw_site *s = &rep.sites[3];
	cr_assert_eq(s->module, 1);
	cr_assert_str_eq(s->section, "TE");
	cr_assert_eq(s->offset, 0x50);
	cr_assert_eq(s->bits, 32);
	cr_assert_eq(s->address, 0xFFF01000ull);
	cr_assert_str_eq(s->insn.text, "rep outsb dx, byte ptr [esi]");
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

Test(firmware, context_shows_neighbours_with_the_site_marked)
{
	struct fwb img = plain_image();
	struct vt_fw_report rep;
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	const struct vt_fw_site *s = &rep.sites[0];
	cr_assert_eq(s->at, 1, "one instruction (cld) precedes the first site");
	cr_assert_str_eq(s->context[0].text, "cld");
	cr_assert_eq(s->context[s->at].offset, s->offset);
	cr_assert_eq(s->ncontext, 1 + 1 + 4);
	cr_assert_str_eq(s->context[2].text, "mov eax, 0x6e6e6e6e");
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

Test(firmware, unreached_sites_are_kept_only_on_request)
{
	struct fwb img = plain_image();
	struct vt_fw_report rep;
	cr_assert_eq(scan(&img, true, &rep), VT_OK);
	cr_assert_eq(rep.nsites, 7);
	size_t unreached = 0;
	for (size_t i = 0; i < rep.nsites; i++) {
		uint64_t o = rep.sites[i].offset;
		cr_assert(o < PE_CODE + 3 || o > PE_CODE + 7, "a byte of the mov immediate counted as a site");
		unreached += !rep.sites[i].reached;
	}
	cr_assert_eq(unreached, 3);
	cr_assert_eq(rep.modules[0].nsites, 3, "unreached sites are not counted for the module");
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

Test(firmware, lzma_section_and_nested_volume_are_unpacked)
{
	struct fwb img = lzma_image();
	struct vt_fw_report rep;
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	cr_assert_eq(rep.nvolumes, 2);
	cr_assert_eq(rep.volumes[1].parent, 0);
	cr_assert_not(rep.volumes[1].in_image);
	cr_assert_eq(rep.nmodules, 4);
	cr_assert_eq(rep.modules[0].type, 0x0B);
	const struct vt_fw_module *dxe = module_named(&rep, "TestDxe");
	cr_assert_not_null(dxe);
	cr_assert(dxe->encapsulated);
	cr_assert_eq(dxe->volume, 1);
	cr_assert_eq(rep.nsites, 4);
	cr_assert_not(rep.sites[0].in_image);
	cr_assert_gt(rep.inflated, 0);
	cr_assert_eq(rep.nwarnings, 0, "unexpected warning: %s", rep.nwarnings ? rep.warnings[0].msg : "");
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

Test(firmware, uncompressed_compression_section_is_parsed)
{
	struct fwb secs = { 0 }, body = { 0 }, outer = { 0 }, inner = { 0 };
	struct fwb pe = fwb_pe(64, code64, sizeof code64, 0);
	fwb_add_section(&inner, fwb_section(0x10, pe.p, pe.n));
	fwb_le(&body, inner.n, 4);
	fwb_le(&body, 0, 1); /* EFI_NOT_COMPRESSED */
	fwb_put(&body, inner.p, inner.n);
	fwb_add_section(&secs, fwb_section(0x01, body.p, body.n));
	fwb_add_file(&outer, fwb_file(0x50, 0x07, &secs));
	struct fwb img = fwb_volume(&outer, 0);
	struct vt_fw_report rep;
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	cr_assert_eq(rep.nsites, 3);
	cr_assert(rep.sites[0].in_image, "no decompression: image offsets stay known");
	vt_fw_report_release(&rep);
	fwb_free(&img), fwb_free(&outer), fwb_free(&secs), fwb_free(&body);
	fwb_free(&inner), fwb_free(&pe);
}

/* FFS3: a large file (EFI_FFS_FILE_HEADER2) holding a large section (EFI_COMMON_SECTION_HEADER2). */
Test(firmware, ffs3_large_file_and_large_section_headers_are_read)
{
	static const uint8_t ffs3[16] = { 0x7A, 0xC0, 0x73, 0x54, 0xCB, 0x3D, 0xCA, 0x4D,
					  0xBD, 0x6F, 0x1E, 0x96, 0x89, 0xE7, 0x34, 0x9A };
	struct fwb pe = fwb_pe(64, code64, sizeof code64, 0), secs = { 0 }, file = { 0 }, files = { 0 };
	uint8_t sum = 0;
	fwb_le(&secs, 0xFFFFFF, 3);
	fwb_le(&secs, 0x10, 1);
	fwb_le(&secs, 8 + pe.n, 4);
	fwb_put(&secs, pe.p, pe.n);
	for (int i = 0; i < 16; i++)
		fwb_le(&file, (uint64_t)(0x80 + i), 1);
	fwb_le(&file, 0, 1);
	fwb_le(&file, 0xAA, 1);
	fwb_le(&file, 0x07, 1);
	fwb_le(&file, 0x01, 1);              /* FFS_ATTRIB_LARGE_FILE */
	fwb_le(&file, 0, 3);
	fwb_le(&file, (uint8_t)~0x07, 1);
	fwb_le(&file, 32 + secs.n, 8);       /* ExtendedSize */
	for (int i = 0; i < 32; i++)
		if (i != 17 && i != 23)
			sum = (uint8_t)(sum + file.p[i]);
	file.p[16] = (uint8_t)(0x100 - sum);
	fwb_put(&file, secs.p, secs.n);
	fwb_add_file(&files, file);
	struct fwb img = fwb_volume(&files, 16);
	uint16_t sum16 = 0;
	memcpy(img.p + 16, ffs3, 16);
	fwb_set_le(&img, 50, 0, 2);
	for (size_t i = 0; i < 72; i += 2)
		sum16 = (uint16_t)(sum16 + (img.p[i] | img.p[i + 1] << 8));
	fwb_set_le(&img, 50, (uint16_t)(0x10000 - sum16), 2);
	struct vt_fw_report rep;
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	cr_assert_eq(rep.nwarnings, 0, "%s", rep.nwarnings ? rep.warnings[0].msg : "");
	cr_assert_str_eq(vt_firmware_fs_name(rep.volumes[0].fs_guid), "FFS3");
	cr_assert_eq(rep.nmodules, 1);
	cr_assert_eq(rep.modules[0].size, 32 + secs.n);
	cr_assert_eq(rep.nsites, 3);
	vt_fw_report_release(&rep);
	fwb_free(&img), fwb_free(&files), fwb_free(&secs), fwb_free(&pe);
}

Test(firmware, image_without_a_volume_is_malformed_input)
{
	static const uint8_t junk[4096] = { 'n', 'o', 't', ' ', 'f', 'w' };
	struct vt_fw_report rep;
	struct vt_error err;
	cr_assert_eq(vt_firmware_scan(junk, sizeof junk, "junk.bin", NULL, &rep, &err), VT_ERR_INPUT);
	cr_assert(strstr(err.msg, "junk.bin: no UEFI firmware volume found"));
	vt_fw_report_release(&rep);
	cr_assert_eq(vt_firmware_scan(junk, 10, "tiny", NULL, &rep, &err), VT_ERR_INPUT);
	vt_fw_report_release(&rep);
}

Test(firmware, missing_file_is_an_io_error)
{
	struct vt_fw_report rep;
	struct vt_error err;
	cr_assert_eq(vt_firmware_scan_file("/nonexistent/OVMF.fd", NULL, &rep, &err), VT_ERR_IO);
	cr_assert(strstr(err.msg, "/nonexistent/OVMF.fd"));
	vt_fw_report_release(&rep);
	uint8_t *data;
	size_t len;
	cr_assert_eq(vt_firmware_read(VT_SOURCE_DIR, &data, &len, &err), VT_ERR_IO, "a directory is not an image");
	cr_assert_null(data);
}

/* Damage: each is a warning, the rest of the image is still scanned. */

Test(firmware, truncated_volume_is_reported_and_parsed_as_far_as_it_goes)
{
	struct fwb img = plain_image(), files = plain_files();
	struct vt_fw_report rep;
	size_t keep = 72 + files.n - 2; /* the last file (raw) loses two bytes */
	fwb_free(&files);
	cr_assert_eq(vt_firmware_scan(img.p, keep, "cut.fd", NULL, &rep, NULL), VT_OK);
	cr_assert(has_warning(&rep, "but only"));
	cr_assert(has_warning(&rep, "does not fit"));
	cr_assert_eq(rep.nsites, 4, "the complete files before the cut are still scanned");
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

Test(firmware, zero_size_file_stops_the_volume_without_looping)
{
	struct fwb img = plain_image();
	struct vt_fw_report rep;
	memset(img.p + 72 + 20, 0, 3); /* first file's size */
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	cr_assert(has_warning(&rep, "size 0x0 does not fit"));
	cr_assert_eq(rep.nmodules, 0);
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

Test(firmware, bad_checksums_warn_but_the_file_is_still_scanned)
{
	struct fwb img = plain_image();
	struct vt_fw_report rep;
	img.p[72 + 15] ^= 0x55; /* first file's GUID: header checksum breaks */
	img.p[54] ^= 1;         /* volume header reserved byte: its checksum breaks */
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	cr_assert(has_warning(&rep, "header checksum mismatch"));
	cr_assert(has_warning(&rep, "volume header checksum mismatch"));
	cr_assert_str_eq(rep.modules[0].name, "TestDxe");
	cr_assert_eq(rep.nsites, 4);
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

/* Offset of the LZMA data in lzma_image(): volume header, file header, GUID-defined header. */
#define LZMA_DATA (72 + 24 + 24)

Test(firmware, corrupt_lzma_properties_are_a_warning)
{
	struct fwb img = lzma_image();
	struct vt_fw_report rep;
	img.p[LZMA_DATA] = 0xFF; /* lc/lp/pb out of range */
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	cr_assert(has_warning(&rep, "LZMA section"));
	cr_assert_eq(rep.nvolumes, 1);
	cr_assert_eq(rep.nsites, 0);
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

Test(firmware, lzma_size_beyond_the_cap_is_refused_before_decoding)
{
	struct fwb img = lzma_image();
	struct vt_fw_report rep;
	fwb_set_le(&img, LZMA_DATA + 5, (uint64_t)1 << 40, 8);
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	cr_assert(has_warning(&rep, "over the"));
	cr_assert_eq(rep.inflated, 0);
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

Test(firmware, decompression_budget_is_per_image)
{
	struct fwb img = lzma_image();
	struct vt_fw_report rep;
	struct vt_fw_opts o = { .context = 0, .inflate_budget = 100 };
	cr_assert_eq(vt_firmware_scan(img.p, img.n, "small.fd", &o, &rep, NULL), VT_OK);
	cr_assert(has_warning(&rep, "over the 0x64 limit"));
	cr_assert_eq(rep.inflated, 0);
	cr_assert_eq(rep.nsites, 0);
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

Test(firmware, lzma_without_declared_size_stops_at_the_cap)
{
	struct fwb zeros = { 0 };
	fwb_fill(&zeros, 0, 8192);
	struct fwb sec = fwb_lzma_section(&zeros);
	uint8_t *out;
	size_t outn;
	char why[160];
	memset(sec.p + 24 + 5, 0xFF, 8); /* size unknown: the end marker decides */
	cr_assert_eq(fw_lzma_decode(sec.p + 24, sec.n - 24, 1000, false, &out, &outn, why, sizeof why), VT_ERR_INPUT);
	cr_assert(strstr(why, "more than 1000 bytes"), "%s", why);
	cr_assert_null(out);
	cr_assert_eq(fw_lzma_decode(sec.p + 24, sec.n - 24, 1 << 20, false, &out, &outn, why, sizeof why), VT_OK);
	cr_assert_eq(outn, 8192);
	free(out);
	fwb_free(&sec);
	fwb_free(&zeros);
}

/* LzmaF86: the alone header, then raw LZMA1 of BCJ-x86-filtered data. */
Test(firmware, lzmaf86_undoes_the_x86_branch_filter)
{
	uint8_t plain[512], raw[2048], *out;
	size_t rawn = 0, outn;
	char why[160];
	lzma_options_lzma opt;
	for (size_t i = 0; i < sizeof plain; i += 8) /* call rel32; nop x3 */
		memcpy(plain + i, "\xe8\x10\x00\x00\x00\x90\x90\x90", 8);
	cr_assert_eq(lzma_lzma_preset(&opt, 6), 0);
	opt.dict_size = 1 << 16;
	lzma_filter chain[3] = { { LZMA_FILTER_X86, NULL }, { LZMA_FILTER_LZMA1, &opt }, { LZMA_VLI_UNKNOWN, NULL } };
	uint8_t *enc = raw + 13;
	cr_assert_eq(lzma_raw_buffer_encode(chain, NULL, plain, sizeof plain, enc, &rawn, sizeof raw - 13), LZMA_OK);
	raw[0] = (uint8_t)((opt.pb * 5 + opt.lp) * 9 + opt.lc);
	for (int i = 0; i < 4; i++)
		raw[1 + i] = (uint8_t)(opt.dict_size >> (8 * i));
	for (int i = 0; i < 8; i++)
		raw[5 + i] = (uint8_t)((uint64_t)sizeof plain >> (8 * i));
	cr_assert_eq(fw_lzma_decode(raw, 13 + rawn, 1 << 20, true, &out, &outn, why, sizeof why), VT_OK, "%s", why);
	cr_assert_eq(outn, sizeof plain);
	cr_assert_eq(memcmp(out, plain, outn), 0);
	free(out);
	/* Without the filter the call targets stay converted: proof it was applied. */
	if (fw_lzma_decode(raw, 13 + rawn, 1 << 20, false, &out, &outn, why, sizeof why) == VT_OK) {
		cr_assert(outn != sizeof plain || memcmp(out, plain, outn) != 0);
		free(out);
	}
}

Test(firmware, truncated_lzma_data_is_a_warning)
{
	struct fwb zeros = { 0 };
	uint8_t *out;
	size_t outn;
	char why[160];
	fwb_fill(&zeros, 0x6e, 4096);
	struct fwb sec = fwb_lzma_section(&zeros);
	cr_assert_eq(fw_lzma_decode(sec.p + 24, (sec.n - 24) / 2, 1 << 20, false, &out, &outn, why, sizeof why),
		     VT_ERR_INPUT);
	cr_assert_eq(fw_lzma_decode(sec.p + 24, 5, 1 << 20, false, &out, &outn, why, sizeof why), VT_ERR_INPUT);
	cr_assert(strstr(why, "header cut off"));
	fwb_free(&sec);
	fwb_free(&zeros);
}

Test(firmware, unknown_guided_encoding_and_tiano_compression_are_reported)
{
	struct fwb img = lzma_image();
	struct vt_fw_report rep;
	img.p[72 + 24 + 4] ^= 0xFF; /* the section GUID */
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	cr_assert(has_warning(&rep, "unknown encoding"));
	vt_fw_report_release(&rep);
	fwb_free(&img);

	struct fwb secs = { 0 }, files = { 0 }, body = { 0 };
	fwb_le(&body, 100, 4);
	fwb_le(&body, 1, 1); /* EFI_STANDARD_COMPRESSION */
	fwb_fill(&body, 0x5A, 32);
	fwb_add_section(&secs, fwb_section(0x01, body.p, body.n));
	fwb_add_file(&files, fwb_file(0x60, 0x07, &secs));
	img = fwb_volume(&files, 0);
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	cr_assert(has_warning(&rep, "EFI/Tiano"));
	vt_fw_report_release(&rep);
	fwb_free(&img), fwb_free(&secs), fwb_free(&files), fwb_free(&body);
}

Test(firmware, oversized_section_and_out_of_bounds_code_are_reported)
{
	struct fwb img = plain_image();
	struct vt_fw_report rep;
	size_t pe_sec = 72 + 24; /* first section of the first file */
	size_t text_hdr = pe_sec + 4 + 0x40 + 24 + 0xF0;
	fwb_set_le(&img, text_hdr + 20, 0x7FFFFFF0, 4); /* PointerToRawData */
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	cr_assert(has_warning(&rep, "lies outside the image"), "%s", rep.nwarnings ? rep.warnings[0].msg : "-");
	cr_assert_eq(rep.nsites, 1, "the TE module is still scanned");
	vt_fw_report_release(&rep);
	fwb_set_le(&img, text_hdr + 20, PE_CODE, 4);
	fwb_set_le(&img, pe_sec, 0xFFFFF0, 3); /* section size past the file */
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	cr_assert(has_warning(&rep, "section of type 0x10"));
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

Test(firmware, nesting_is_bounded)
{
	struct fwb vol = plain_image();
	for (int depth = 0; depth < 12; depth++) {
		struct fwb secs = { 0 }, files = { 0 };
		fwb_add_section(&secs, fwb_section(0x17, vol.p, vol.n));
		fwb_add_file(&files, fwb_file((uint8_t)(0x70 + depth), 0x0B, &secs));
		fwb_free(&vol);
		vol = fwb_volume(&files, 0);
		fwb_free(&secs);
		fwb_free(&files);
	}
	struct vt_fw_report rep;
	cr_assert_eq(scan(&vol, false, &rep), VT_OK);
	cr_assert(has_warning(&rep, "deeper than"));
	cr_assert_lt(rep.nvolumes, 12);
	fwb_free(&vol);
	vt_fw_report_release(&rep);
}

/* Random damage anywhere: never a crash, a hang or an out-of-bounds read (ASan). */
Test(firmware, mutated_images_never_crash, .timeout = 120)
{
	struct fwb base[2] = { plain_image(), lzma_image() };
	unsigned seed = 12345;
	for (int b = 0; b < 2; b++) {
		for (int iter = 0; iter < 1500; iter++) {
			struct fwb m = { 0 };
			fwb_put(&m, base[b].p, base[b].n);
			for (int k = 0; k < 1 + iter % 8; k++) {
				seed = seed * 1103515245u + 12345u;
				size_t at = (seed >> 8) % m.n;
				seed = seed * 1103515245u + 12345u;
				m.p[at] = (uint8_t)(seed >> 16);
			}
			struct vt_fw_report rep;
			int rc = vt_firmware_scan(m.p, m.n - (iter % 5) * 7, "m.fd", NULL, &rep, NULL);
			cr_assert(rc == VT_OK || rc == VT_ERR_INPUT);
			cr_assert_leq(rep.nwarnings, VT_FW_WARNINGS_MAX);
			vt_fw_report_release(&rep);
			fwb_free(&m);
		}
	}
	fwb_free(&base[0]);
	fwb_free(&base[1]);
}

Test(firmware, tallies_count_reached_sites_most_frequent_first)
{
	struct fwb img = plain_image();
	struct vt_fw_report rep;
	struct vt_fw_tally *rows;
	cr_assert_eq(scan(&img, true, &rep), VT_OK);
	long n = vt_firmware_tally(&rep, VT_FW_BY_MNEMONIC, &rows);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(rows[0].key, "REP OUTSB");
	cr_assert_eq(rows[0].count, 2);
	cr_assert_eq(rows[1].count, 1);
	free(rows);
	n = vt_firmware_tally(&rep, VT_FW_BY_BYTES, &rows);
	cr_assert_str_eq(rows[0].key, "f3 6e");
	free(rows);
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

Test(firmware, json_report_has_the_documented_fields)
{
	struct fwb img = plain_image();
	struct vt_fw_report rep;
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	cJSON *j = util_cjson(vt_firmware_report_json(&rep, VT_FIRMWARE_IMAGE_SCHEMA));
	cr_assert_str_eq(cJSON_GetObjectItem(j, "schema")->valuestring, "vmtriage.firmware-image.v2");
	static const char *const keys[] = { "image", "size", "volumes", "modules", "sites", "summary" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		cr_assert_not_null(cJSON_GetObjectItem(j, keys[i]), "%s", keys[i]);
	cr_assert(cJSON_IsNumber(cJSON_GetObjectItem(j, "size")), "sizes are integers");
	cJSON *site = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "sites"), 0);
	static const char *const skeys[] = { "module", "guid", "section", "offset", "address", "bits", "instruction",
					     "context", "context_index", "model" };
	for (size_t i = 0; i < sizeof skeys / sizeof skeys[0]; i++)
		cr_assert_not_null(cJSON_GetObjectItem(site, skeys[i]), "%s", skeys[i]);
	/* offsets integers, addresses hex strings, bytes one hex string: the v1 "0x201", "f3 6e" are gone */
	cr_assert_eq(cJSON_GetObjectItem(site, "offset")->valueint, 0x201);
	cr_assert(cJSON_IsString(cJSON_GetObjectItem(site, "address")));
	cJSON *insn = cJSON_GetObjectItem(site, "instruction");
	cr_assert(cJSON_IsObject(insn), "the instruction record, not a string");
	cr_assert_str_eq(cJSON_GetObjectItem(insn, "bytes")->valuestring, "f36e");
	cr_assert_str_eq(cJSON_GetObjectItem(insn, "text")->valuestring, "rep outsb dx, byte ptr [rsi]");
	cr_assert_eq(cJSON_GetObjectItem(insn, "offset")->valueint, 0);
	cr_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(insn, "string_io"), "direction")->valuestring, "out");
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(site, "model")), "no --model: null");
	cr_assert_null(cJSON_GetObjectItem(site, "verdict"));
	cJSON *sum = cJSON_GetObjectItem(j, "summary");
	cr_assert_eq(cJSON_GetObjectItem(sum, "sites")->valueint, 4);
	cr_assert_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(sum, "by_form"), "REP OUTSB")->valueint, 2);
	cJSON_Delete(j);
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

Test(firmware, names_for_guids_types_and_file_systems)
{
	static const uint8_t ffs2[16] = { 0x78, 0xE5, 0x8C, 0x8C, 0x3D, 0x8A, 0x1C, 0x4F,
					  0x99, 0x35, 0x89, 0x61, 0x85, 0xC3, 0x2D, 0xD3 };
	char g[37], tb[8];
	vt_firmware_guid_text(ffs2, g);
	cr_assert_str_eq(g, "8C8CE578-8A3D-4F1C-9935-896185C32DD3");
	cr_assert_str_eq(vt_firmware_fs_name(ffs2), "FFS2");
	cr_assert_str_eq(vt_firmware_file_type_name(0x06, tb), "PEIM");
	cr_assert_str_eq(vt_firmware_file_type_name(0xF0, tb), "PAD");
	cr_assert_str_eq(vt_firmware_file_type_name(0xC3, tb), "0xC3");
}

/* The committed samples used by tests/cli are what the builder makes. */
static void sample(const char *name, const struct fwb *img)
{
	char path[512];
	snprintf(path, sizeof path, "%s/firmware/%s", VT_SAMPLES_DIR, name);
	if (getenv("VT_WRITE_SAMPLES")) {
		FILE *fp = fopen(path, "wb");
		cr_assert_not_null(fp, "%s", path);
		fwrite(img->p, 1, img->n, fp);
		fclose(fp);
		return;
	}
	uint8_t *data;
	size_t len;
	cr_assert_eq(vt_firmware_read(path, &data, &len, NULL), VT_OK, "%s (VT_WRITE_SAMPLES=1 makes it)", path);
	cr_assert(len == img->n && memcmp(data, img->p, len) == 0, "%s differs from the builder", path);
	free(data);
}

/* Bad checksums on the volume and the first file, the second file oversized. */
static struct fwb damaged_image(void)
{
	struct fwb img = plain_image();
	size_t second = 72 + ((fw_le24(img.p + 72 + 20) + 7) & ~(size_t)7);
	img.p[72 + 15] ^= 0x55;
	img.p[54] ^= 1;
	fwb_set_le(&img, second + 20, 0xFFFF00, 3);
	return img;
}

Test(firmware, damaged_sample_keeps_what_is_intact)
{
	struct fwb img = damaged_image();
	struct vt_fw_report rep;
	cr_assert_eq(scan(&img, false, &rep), VT_OK);
	cr_assert_eq(rep.nwarnings, 3);
	cr_assert_eq(rep.nmodules, 1);
	cr_assert_eq(rep.nsites, 3);
	vt_fw_report_release(&rep);
	fwb_free(&img);
}

Test(firmware, cli_samples_are_built_by_this_test)
{
	struct fwb plain = plain_image(), damaged = damaged_image();
	sample("plain.fd", &plain);
	sample("damaged.fd", &damaged);
	fwb_free(&plain);
	fwb_free(&damaged);
	if (getenv("VT_WRITE_SAMPLES")) { /* LZMA output may vary across liblzma versions */
		struct fwb lz = lzma_image();
		sample("lzma.fd", &lz);
		fwb_free(&lz);
	}
}

/* Debian's OVMF (package ovmf): the real thing. */
#define OVMF_CODE "/usr/share/OVMF/OVMF_CODE_4M.fd"

static struct vt_fw_report ovmf;
static bool ovmf_loaded;

static void ovmf_setup(void)
{
	struct stat sb;
	if (stat(OVMF_CODE, &sb) != 0)
		return;
	struct vt_fw_opts o = { .context = 4 };
	struct vt_error err;
	cr_assert_eq(vt_firmware_scan_file(OVMF_CODE, &o, &ovmf, &err), VT_OK, "%s", err.msg);
	ovmf_loaded = true;
}

static void ovmf_teardown(void)
{
	vt_fw_report_release(&ovmf);
}

static void need_ovmf(void)
{
	if (!ovmf_loaded)
		cr_skip_test("%s not found: install Debian's ovmf package to run this test", OVMF_CODE);
}

Test(ovmf, volumes_and_named_modules_are_parsed, .init = ovmf_setup, .fini = ovmf_teardown)
{
	need_ovmf();
	cr_assert_geq(ovmf.nvolumes, 3, "FVMAIN_COMPACT, PEIFV and DXEFV at least");
	cr_assert_geq(ovmf.nmodules, 100);
	cr_assert_eq(ovmf.nwarnings, 0, "%s", ovmf.nwarnings ? ovmf.warnings[0].msg : "");
	static const char *const names[] = { "PlatformPei", "DxeCore", "CpuIo2Dxe", "PciHostBridgeDxe" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		cr_assert_not_null(module_named(&ovmf, names[i]), "%s", names[i]);
	cr_assert_gt(ovmf.inflated, 0, "DXEFV and PEIFV are LZMA-compressed");
}

/* EDK II's BaseIoLibIntrinsic (IoFifoSev.nasm): SevNoRepIo check, then
 * `cld; rep ins/outs`. CpuIo2Dxe reaches all six FIFO routines through its
 * protocol; every other site must be that same library code. */
Test(ovmf, rep_string_io_sites_are_in_the_io_library_fifo_routines, .init = ovmf_setup, .fini = ovmf_teardown)
{
	need_ovmf();
	const struct vt_fw_module *cpuio = module_named(&ovmf, "CpuIo2Dxe");
	cr_assert_eq(cpuio->nsites, 6);
	bool outsb = false;
	for (size_t i = 0; i < ovmf.nsites; i++) {
		const struct vt_fw_site *s = &ovmf.sites[i];
		cr_assert(s->sio.rep, "%s: %s", ovmf.modules[s->module].name, s->insn.text);
		cr_assert_geq(s->at, 1);
		cr_assert_str_eq(s->context[s->at - 1].text, "cld", "%s +0x%llx", ovmf.modules[s->module].name,
				 (unsigned long long)s->offset);
		outsb = outsb || strcmp(s->mnemonic, "REP OUTSB") == 0;
	}
	cr_assert(outsb, "REP OUTSB is reached (fw_cfg and CpuIo2)");
	struct vt_fw_tally *rows;
	long n = vt_firmware_tally(&ovmf, VT_FW_BY_MNEMONIC, &rows);
	cr_assert_eq(n, 6, "REP INSB/INSW/INSD/OUTSB/OUTSW/OUTSD");
	free(rows);
}

/* The image of issue 19: 40 LZMA sections, each a 15 MiB zero-filled PE32+
 * (zeros disassemble as `add [rax], al`: the sweep took 78 s). Disassembly
 * is bounded per image by code bytes, and the cut is said. */
Test(firmware, the_sweep_is_budgeted_by_code_bytes_and_the_cut_is_reported)
{
	size_t big = (size_t)15 << 20;
	uint8_t *zeros = calloc(big, 1);
	cr_assert_not_null(zeros);
	struct fwb pe = fwb_pe(64, zeros, big, 0), inner = { 0 }, files = { 0 };
	free(zeros);
	fwb_add_section(&inner, fwb_section(0x10, pe.p, pe.n));
	fwb_free(&pe);
	struct fwb lz = fwb_lzma_section(&inner);
	fwb_free(&inner);
	for (unsigned i = 0; i < 40; i++) {
		struct fwb secs = { 0 };
		fwb_put(&secs, lz.p, lz.n);
		fwb_add_file(&files, fwb_file((uint8_t)(0x50 + i), 0x07, &secs));
		fwb_free(&secs);
	}
	fwb_free(&lz);
	struct fwb img = fwb_volume(&files, 0);
	fwb_free(&files);
	cr_assert_lt(img.n, 200 * 1024, "the image is small: %zu bytes", img.n);

	struct vt_fw_report rep;
	/* (A budget below one section keeps the test fast; the default lets
	 * two of these through, a few seconds.) */
	struct vt_fw_opts o = { .context = 0, .sweep_budget = (size_t)14 << 20 };
	cr_assert_eq(vt_firmware_scan(img.p, img.n, "bomb.fd", &o, &rep, NULL), VT_OK);
	cr_assert_leq(rep.code_bytes, o.sweep_budget);
	cr_assert_eq(rep.code_sections, 0, "no 15 MiB section fits a 14 MiB budget");
	cr_assert_gt(rep.unswept, 30, "every decompressed one is counted: %zu", rep.unswept);
	cr_assert(has_warning(&rep, "code sweep budget of 0xe00000 bytes spent"));
	vt_fw_report_release(&rep);
	fwb_free(&img);
}
