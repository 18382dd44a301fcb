/* vmtriage firmware: UEFI images -> every INS/OUTS site that exits to the
 * VMM without DecodeAssist, by module. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "vmtriage/models.h"
#include "commands.h"
#include "vmtriage/firmware_report.h"

enum { OPT_CONTEXT = 1, OPT_ALL, OPT_LIST, OPT_MAX_CODE };

static const struct cli_option options[] = {
	{ "context", 'C', CLI_ARG, OPT_CONTEXT, "N", "instructions shown before and after each site (0-8, default 4)" },
	{ "all", 'a', CLI_NO_ARG, OPT_ALL, NULL, "also show sites only a linear sweep sees (usually data in .text)" },
	{ "list", 'l', CLI_NO_ARG, OPT_LIST, NULL, "text: also list volumes and modules" },
	CLI_ROW_MODEL("say which sites that patch model would handle"),
	CLI_ROW_EXIT_CODE("exit 1 when any site is found"),
	{ "max-code-bytes", 0, CLI_ARG, OPT_MAX_CODE, "BYTES", "disassemble at most BYTES of code per image, with a warning (default 33554432)" },
	CLI_ROW_JSON("one JSON object: {schema, images, warnings}"),
	CLI_ROW_NDJSON("one image record a line (warnings to stderr)"),
	CLI_ROW_COLOR,
	CLI_ROW_HELP,
	CLI_ROW_END,
};

static const char *const synopsis[] = {
	"[options] IMAGE...",
	NULL,
};

struct firmware_state {
	struct vt_fw_opts opts;
	struct vt_fw_render render;
	struct cli_common co;  /* --model, --exit-code, --json, --ndjson, --color, --help */
	struct vt_json *doc, *images, *warnings; /* --json: {schema, images, warnings} */
	bool found;
	int rc;
};

static int on_option(void *vs, int id, const char *arg)
{
	struct firmware_state *st = vs;
	uint64_t n;
	int rc = 0;
	switch (id) {
	case OPT_CONTEXT:
		if ((rc = cli_count_option("firmware", "--context", arg, 0, VT_FW_CONTEXT_MAX, NULL, &n)) == 0)
			st->opts.context = (unsigned)n;
		return rc;
	case OPT_ALL:
		st->opts.unreached = true;
		return 0;
	case OPT_LIST:
		st->render.list = true;
		return 0;
	case OPT_MAX_CODE:
		if ((rc = cli_bytes_option("firmware", "--max-code-bytes", arg, 1, SIZE_MAX, &n)) == 0)
			st->opts.sweep_budget = (size_t)n;
		return rc;
	}
	return VT_EXIT_USAGE;
}

/* The worse of two exit codes: runtime errors outrank malformed input. */
static int worse(int a, int b)
{
	return a > b ? a : b;
}

static void emit(struct firmware_state *st, const struct vt_fw_report *rep, unsigned index)
{
	if (st->co.format == VT_FORMAT_TEXT) {
		if (index)
			fputc('\n', stdout);
		vt_firmware_report_text(stdout, &st->co.style, &st->render, rep);
		return;
	}
	struct vt_json *obj = vt_firmware_report_json(rep, VT_FIRMWARE_IMAGE_SCHEMA); /* in an array too */
	if (!obj) {
		cli_errorf("%s: out of memory", rep->image);
		st->rc = worse(st->rc, VT_EXIT_RUNTIME);
	} else if (st->doc) {
		vt_json_append(st->images, obj);
		vt_firmware_warnings_json(st->warnings, rep);
	} else {
		vt_json_print(stdout, obj, st->co.format);
		vt_json_free(obj);
	}
}

static void scan_one(struct firmware_state *st, const char *path, unsigned index)
{
	struct vt_fw_report rep;
	struct vt_error err;

	if (vt_firmware_scan_file(path, &st->opts, &rep, &err)) {
		cli_errorf("%s", err.msg);
		st->rc = worse(st->rc, vt_status_exit(err.status));
		vt_fw_report_release(&rep);
		return;
	}
	/* damage is reported, never fatal: stderr, or the --json document's warnings */
	for (size_t i = 0; !st->doc && i < rep.nwarnings; i++)
		cli_warnf("%s: %s", rep.warnings[i].where, rep.warnings[i].msg);
	if (!st->doc && rep.warnings_dropped)
		cli_warnf("%s: %zu more warnings not shown", path, rep.warnings_dropped);
	st->found = st->found || vt_firmware_reached_sites(&rep) > 0;
	if (st->co.model)
		vt_firmware_assess(&rep, st->co.model);
	emit(st, &rep, index);
	vt_fw_report_release(&rep);
}

static const struct cli_spec spec = {
	.name = "firmware",
	.synopsis = synopsis,
	.description = "List every INS/OUTS instruction in the code of UEFI firmware images (OVMF.fd,\n"
		       "OVMF_CODE.fd, a bare firmware volume): the sites that exit to the VMM when the\n"
		       "host has no DecodeAssist. Volumes, FFS files, LZMA sections and nested volumes\n"
		       "are unpacked; damage is reported as a warning. An IMAGE of - is standard input.",
	.options = options,
	.handler = on_option,
	.operands = "IMAGE...",
	.min_operands = 1,
	.max_operands = CLI_MANY,
};

int cmd_firmware(int argc, char **argv)
{
	struct firmware_state st = { .opts = { .context = 4 } };
	int nops, rc;

	if ((rc = cli_parse(&spec, argc, argv, &st, &st.co, &nops)) != 0 || st.co.help)
		return rc;
	if (st.co.format == VT_FORMAT_JSON) { /* one shape for one image or many */
		st.doc = vt_json_object_new();
		vt_json_add_string(st.doc, "schema", VT_FIRMWARE_SCHEMA);
		st.images = vt_json_add_array(st.doc, "images");
		st.warnings = vt_json_add_array(st.doc, "warnings");
	}
	for (int i = 0; i < nops; i++)
		scan_one(&st, argv[i], (unsigned)i);
	if (st.doc) {
		vt_json_print(stdout, st.doc, VT_FORMAT_JSON);
		vt_json_free(st.doc);
	}
	if (st.rc == VT_EXIT_OK && st.co.exit_code && st.found)
		st.rc = VT_EXIT_FOUND;
	return cli_finish_output(st.rc);
}
