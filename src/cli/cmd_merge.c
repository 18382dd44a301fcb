/* vmtriage merge: bundles --json reports from many sleds -> one clustered
 * report, no database needed. Logic in the library (merge.h). */
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "vmtriage/merge.h"

enum { OPT_HELP = 1, OPT_JSON, OPT_EXIT_CODE, OPT_COLOR };

static const struct cli_option options[] = {
	{ "json", 0, CLI_NO_ARG, OPT_JSON, NULL, "the merged report as JSON (the bundles --json shape, plus sleds)" },
	{ "exit-code", 0, CLI_NO_ARG, OPT_EXIT_CODE, NULL, "exit 1 when the reports hold crashes" },
	{ "color", 0, CLI_ARG, OPT_COLOR, "auto|always|never", "colour the text output (default auto)" },
	{ "help", 'h', CLI_NO_ARG, OPT_HELP, NULL, "show this help" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const char *const synopsis[] = { "[--json] REPORT.json...", NULL };

struct merge_state {
	bool help, json, exit_code;
	enum cli_color color;
};

static int on_option(void *vs, int id, const char *arg)
{
	struct merge_state *st = vs;
	switch (id) {
	case OPT_HELP: st->help = true; return 0;
	case OPT_JSON: st->json = true; return 0;
	case OPT_EXIT_CODE: st->exit_code = true; return 0;
	case OPT_COLOR:
		if (cli_color_parse(arg) < 0)
			return cli_usage_error("merge", "--color takes auto, always or never, not \"%s\"", arg);
		st->color = (enum cli_color)cli_color_parse(arg);
		return 0;
	}
	return VT_EXIT_USAGE;
}

static void print_merged(const struct merge_state *st, const struct vt_merge *m)
{
	if (st->json) {
		cJSON *o = vt_merge_json(m);
		vt_json_print(stdout, o, VT_FORMAT_JSON);
		cJSON_Delete(o);
		return;
	}
	struct vt_style style = cli_style(st->color);
	vt_merge_text(stdout, &style, m);
}

int cmd_merge(int argc, char **argv)
{
	struct merge_state st;
	struct vt_merge m;
	struct vt_error err;
	int nops, rc;

	memset(&st, 0, sizeof st);
	if ((rc = cli_parse("merge", argc, argv, options, on_option, &st, &nops)) != 0)
		return rc;
	if (st.help) {
		cli_usage(stdout, "merge", synopsis,
			  "Merge 'bundles --json' reports from several sleds into one clustered report:\n"
			  "the same signatures, counts summed, crashes per sled. Crashes are counted once\n"
			  "however many reports hold them (key: zone, bundle id, member, line).",
			  options);
		return cli_finish_output(VT_EXIT_OK);
	}
	if (!nops)
		return cli_usage_error("merge", "needs REPORT.json... (bundles --json output, or - for stdin)");
	vt_merge_init(&m);
	for (int i = 0; i < nops && rc == VT_OK; i++)
		rc = vt_merge_add_file(&m, argv[i], &err);
	if (rc == VT_OK)
		rc = vt_merge_finish(&m, &err);
	if (rc != VT_OK) {
		cli_errorf("merge: %s", err.msg);
		vt_merge_free(&m);
		return vt_status_exit(rc);
	}
	print_merged(&st, &m);
	rc = st.exit_code && m.result.ncrashes ? VT_EXIT_FOUND : VT_EXIT_OK;
	vt_merge_free(&m);
	return cli_finish_output(rc);
}
