/* vmtriage merge: bundles --json reports or --ndjson rows from many sleds -> one clustered
 * report, no database needed. Logic in the library (merge.h). */
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "vmtriage/merge.h"


static const struct cli_option options[] = {
	CLI_ROW_JSON("the merged report as JSON (vmtriage.merge.v2: the bundles --json shape, plus sleds)"),
	CLI_ROW_EXIT_CODE("exit 1 when the reports hold crashes"),
	CLI_ROW_COLOR,
	CLI_ROW_HELP,
	CLI_ROW_END,
};

static const char *const synopsis[] = { "[--json] REPORT...", NULL };

static void print_merged(const struct cli_common *co, const struct vt_merge *m)
{
	if (co->format == VT_FORMAT_JSON) {
		struct vt_json *o = vt_merge_json(m);
		vt_json_print(stdout, o, VT_FORMAT_JSON);
		vt_json_free(o);
		return;
	}
	vt_merge_text(stdout, &co->style, m);
}

static const struct cli_spec spec = {
	.name = "merge",
	.synopsis = synopsis,
	.description = "Merge 'bundles --json' reports or '--ndjson' rows (- reads stdin) from several\n"
		       "sleds into one clustered report: the same signatures, counts summed, crashes\n"
		       "per sled. A crash is counted once however many inputs hold it (key: zone,\n"
		       "bundle id, member, line; the rule bundles uses).",
	.options = options,
	.operands = "REPORT...",
	.min_operands = 1,
	.max_operands = CLI_MANY,
};

int cmd_merge(int argc, char **argv)
{
	struct cli_common co = { 0 };
	struct vt_merge m;
	struct vt_error err;
	int nops, rc;

	if ((rc = cli_parse(&spec, argc, argv, NULL, &co, &nops)) != 0 || co.help)
		return rc;
	vt_merge_init(&m);
	for (int i = 0; i < nops && rc == VT_OK; i++)
		rc = vt_merge_add_file(&m, argv[i], &err);
	if (rc == VT_OK)
		rc = vt_merge_finish(&m, &err);
	if (rc != VT_OK) {
		cli_errorf("merge: %s", err.msg);
		vt_merge_release(&m);
		return vt_status_exit(rc);
	}
	print_merged(&co, &m);
	rc = co.exit_code && m.result.ncrashes ? VT_EXIT_FOUND : VT_EXIT_OK;
	vt_merge_release(&m);
	return cli_finish_output(rc);
}
