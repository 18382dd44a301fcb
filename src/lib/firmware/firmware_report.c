/* Firmware scan reports: JSON field names here are stable (see
 * vmtriage-firmware(1), docs/json.md): sizes, offsets and lengths are
 * integers, linked addresses "0x..." strings. */
#include "vmtriage/firmware_report.h"

#include "replay/models_int.h"
#include "util/json_int.h"
#include "x86/insn_json_int.h"

#include <stdlib.h>
#include <string.h>

static const char *machine_name(uint16_t machine)
{
	switch (machine) {
	case 0x014C:
		return "ia32";
	case 0x8664:
		return "x64";
	case 0x0EBC:
		return "ebc";
	case 0xAA64:
		return "aarch64";
	default:
		return NULL;
	}
}

static void add_guid(cJSON *obj, const char *key, const uint8_t guid[16])
{
	char g[37];
	vt_firmware_guid_text(guid, g);
	cJSON_AddStringToObject(obj, key, g);
}

static cJSON *volume_json(const struct vt_fw_volume *v, size_t i)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "index", (double)i);
	if (v->parent < 0)
		cJSON_AddNullToObject(o, "parent");
	else
		cJSON_AddNumberToObject(o, "parent", v->parent);
	cJSON_AddNumberToObject(o, "depth", v->depth);
	cJSON_AddNumberToObject(o, "offset", (double)v->offset);
	cJSON_AddBoolToObject(o, "in_image", v->in_image);
	util_json_add_string_or_null(o, "file_system", vt_firmware_fs_name(v->fs_guid));
	add_guid(o, "file_system_guid", v->fs_guid);
	if (v->has_name)
		add_guid(o, "name", v->name);
	else
		cJSON_AddNullToObject(o, "name");
	cJSON_AddNumberToObject(o, "length", (double)v->length);
	cJSON_AddNumberToObject(o, "attributes", (double)v->attributes);
	cJSON_AddNumberToObject(o, "files", v->nfiles);
	return o;
}

static cJSON *module_json(const struct vt_fw_module *m, size_t i)
{
	char tb[8];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "index", (double)i);
	util_json_add_string_or_null(o, "name", m->name[0] ? m->name : NULL);
	add_guid(o, "guid", m->guid);
	cJSON_AddStringToObject(o, "type", vt_firmware_file_type_name(m->type, tb));
	cJSON_AddNumberToObject(o, "volume", m->volume);
	cJSON_AddNumberToObject(o, "offset", (double)m->offset);
	cJSON_AddItemToObject(o, "image_offset", m->in_image ? cJSON_CreateNumber((double)m->image_offset) : cJSON_CreateNull());
	cJSON_AddNumberToObject(o, "size", (double)m->size);
	util_json_add_string_or_null(o, "code", m->code[0] ? m->code : NULL);
	util_json_add_string_or_null(o, "machine", m->code[0] ? machine_name(m->machine) : NULL);
	if (m->code_bits)
		cJSON_AddNumberToObject(o, "bits", m->code_bits);
	else
		cJSON_AddNullToObject(o, "bits");
	cJSON_AddBoolToObject(o, "encapsulated", m->encapsulated);
	cJSON_AddNumberToObject(o, "sites", m->nsites);
	return o;
}

/* A context instruction (or the site) as the instruction record, its
 * address the linked one and its offset from the site. */
static cJSON *insn_json(const struct vt_fw_site *s, const struct vt_fw_insn *in)
{
	struct vt_insn insn = { .address = s->address + (in->offset - s->offset), .size = in->size,
				.valid = in->valid };
	memcpy(insn.bytes, in->bytes, in->size);
	snprintf(insn.text, sizeof insn.text, "%s", in->text);
	return x86_instruction_json(&insn, s->bits, s->address);
}

static cJSON *site_json(const struct vt_fw_report *rep, const struct vt_fw_site *s)
{
	const struct vt_fw_module *m = &rep->modules[s->module];
	cJSON *o = cJSON_CreateObject(), *ctx = cJSON_CreateArray();

	util_json_add_string_or_null(o, "module", m->name[0] ? m->name : NULL);
	add_guid(o, "guid", m->guid);
	cJSON_AddNumberToObject(o, "module_index", s->module);
	cJSON_AddStringToObject(o, "section", s->section);
	cJSON_AddStringToObject(o, "code_section", s->code_section);
	cJSON_AddNumberToObject(o, "offset", (double)s->offset);
	cJSON_AddNumberToObject(o, "rva", s->rva);
	cJSON_AddItemToObject(o, "address", util_json_hex64(s->address));
	cJSON_AddItemToObject(o, "image_offset", s->in_image ? cJSON_CreateNumber((double)s->image_offset) : cJSON_CreateNull());
	cJSON_AddNumberToObject(o, "bits", s->bits);
	cJSON_AddItemToObject(o, "instruction", insn_json(s, &s->insn));
	cJSON_AddStringToObject(o, "form", s->mnemonic);
	cJSON_AddBoolToObject(o, "reached", s->reached);
	for (unsigned k = 0; k < s->ncontext; k++)
		cJSON_AddItemToArray(ctx, insn_json(s, &s->context[k]));
	cJSON_AddItemToObject(o, "context", ctx);
	cJSON_AddNumberToObject(o, "context_index", s->at);
	cJSON_AddItemToObject(o, "model", s->verdict ? model_assessment_json(rep->model, s->verdict, s->verdict_reason)
						    : cJSON_CreateNull());
	return o;
}

static cJSON *tally_json(const struct vt_fw_report *rep, enum vt_fw_tally_by by)
{
	struct vt_fw_tally *rows;
	long n = vt_firmware_tally(rep, by, &rows);
	cJSON *o = cJSON_CreateObject();
	for (long i = 0; i < n; i++) {
		char key[sizeof rows[i].key];
		size_t k = 0;
		/* bytes are one hex string in JSON ("f36e"); the text report keeps "f3 6e" */
		for (const char *c = rows[i].key; *c && k + 1 < sizeof key; c++)
			if (by != VT_FW_BY_BYTES || *c != ' ')
				key[k++] = *c;
		key[k] = '\0';
		cJSON_AddNumberToObject(o, key, (double)rows[i].count);
	}
	free(rows);
	return o;
}

static cJSON *summary_json(const struct vt_fw_report *rep)
{
	cJSON *o = cJSON_CreateObject(), *bym = cJSON_CreateArray();
	cJSON_AddNumberToObject(o, "volumes", (double)rep->nvolumes);
	cJSON_AddNumberToObject(o, "modules", (double)rep->nmodules);
	cJSON_AddNumberToObject(o, "code_sections", (double)rep->code_sections);
	cJSON_AddNumberToObject(o, "code_bytes", (double)rep->code_bytes);
	cJSON_AddNumberToObject(o, "sites", (double)(vt_firmware_reached_sites(rep)));
	cJSON_AddNumberToObject(o, "unreached", (double)rep->unreached);
	cJSON_AddNumberToObject(o, "unreached_rep", (double)rep->unreached_rep);
	for (size_t i = 0; i < rep->nmodules; i++) {
		const struct vt_fw_module *m = &rep->modules[i];
		if (!m->nsites)
			continue;
		cJSON *row = cJSON_CreateObject();
		util_json_add_string_or_null(row, "module", m->name[0] ? m->name : NULL);
		add_guid(row, "guid", m->guid);
		cJSON_AddNumberToObject(row, "sites", m->nsites);
		cJSON_AddItemToArray(bym, row);
	}
	cJSON_AddItemToObject(o, "by_module", bym);
	cJSON_AddItemToObject(o, "by_form", tally_json(rep, VT_FW_BY_MNEMONIC));
	cJSON_AddItemToObject(o, "by_bytes", tally_json(rep, VT_FW_BY_BYTES));
	util_json_add_string_or_null(o, "model_name", rep->model);
	cJSON_AddItemToObject(o, "by_verdict", rep->model ? tally_json(rep, VT_FW_BY_VERDICT) : cJSON_CreateNull());
	cJSON_AddNumberToObject(o, "warnings", (double)(rep->nwarnings + rep->warnings_dropped));
	cJSON_AddNumberToObject(o, "unswept_code_sections", (double)rep->unswept);
	return o;
}

struct vt_json *vt_firmware_report_json(const struct vt_fw_report *rep, const char *schema)
{
	cJSON *o = cJSON_CreateObject(), *a;
	if (!o)
		return NULL;
	if (schema)
		cJSON_AddStringToObject(o, "schema", schema);
	cJSON_AddStringToObject(o, "image", rep->image);
	cJSON_AddNumberToObject(o, "size", (double)rep->image_size);
	cJSON_AddItemToObject(o, "volumes", a = cJSON_CreateArray());
	for (size_t i = 0; i < rep->nvolumes; i++)
		cJSON_AddItemToArray(a, volume_json(&rep->volumes[i], i));
	cJSON_AddItemToObject(o, "modules", a = cJSON_CreateArray());
	for (size_t i = 0; i < rep->nmodules; i++)
		cJSON_AddItemToArray(a, module_json(&rep->modules[i], i));
	cJSON_AddItemToObject(o, "sites", a = cJSON_CreateArray());
	for (size_t i = 0; i < rep->nsites; i++)
		cJSON_AddItemToArray(a, site_json(rep, &rep->sites[i]));
	cJSON_AddItemToObject(o, "summary", summary_json(rep));
	return util_json(o);
}

void vt_firmware_warnings_json(struct vt_json *to, const struct vt_fw_report *rep)
{
	cJSON *array = util_cjson(to);

	for (size_t i = 0; i < rep->nwarnings + (rep->warnings_dropped > 0); i++) {
		cJSON *w = cJSON_CreateObject();
		char more[64];
		if (i < rep->nwarnings) {
			cJSON_AddStringToObject(w, "where", rep->warnings[i].where);
		} else {
			snprintf(more, sizeof more, "%zu more warnings not kept", rep->warnings_dropped);
			cJSON_AddStringToObject(w, "where", rep->image);
		}
		cJSON_AddNullToObject(w, "line");
		cJSON_AddStringToObject(w, "message", i < rep->nwarnings ? rep->warnings[i].msg : more);
		cJSON_AddItemToArray(array, w);
	}
}
