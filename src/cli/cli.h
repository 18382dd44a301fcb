/* Shared front-end plumbing: the command table, option parsing that also
 * generates --help, message helpers. */
#ifndef VMTRIAGE_CLI_H
#define VMTRIAGE_CLI_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "vmtriage/error.h"
#include "vmtriage/output.h"

struct cli_group;
struct cli_spec;

/* One row of a command table: a command of vmtriage, or a subcommand. */
struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv); /* argv[0] is the name; NULL when group is set */
	const char *summary;               /* one line, for the group's help */
	const struct cli_group *group;     /* its own subcommands (corpus, fleet), or NULL */
	const struct cli_spec *spec;       /* its options, for hints to its siblings, or NULL */
};

/* A table of (sub)commands: dispatch, help and usage errors come from it. */
struct cli_group {
	const char *name;                   /* "corpus"; NULL for vmtriage itself */
	const char *const *usage;           /* usage lines, after "vmtriage [NAME] "; NULL: the rows' synopses */
	const char *description;
	const char *footer;                 /* the help's last line */
	const struct cli_command *commands; /* ends with a NULL name */
	const struct cli_command *fallback; /* runs when no subcommand is named (fleet's query), or NULL */
};

/* Run the row argv[1] names (argv[0] is the group's name): a row with a
 * group dispatches again. No argv[1]: the fallback, or the usage on stderr
 * (exit 2); --help or -h: the help (the fallback's, when there is one). An
 * unknown name is a usage error naming the closest row or listing them. */
int cli_dispatch(const struct cli_group *g, int argc, char **argv);
/* The row of g named name, or NULL. */
const struct cli_command *cli_find(const struct cli_group *g, const char *name);
/* The group's help: usage, description, one line a row, footer. */
void cli_group_usage(FILE *fp, const struct cli_group *g);
/* "'chek' is not a vmtriage corpus command; did you mean 'check'?", or the
 * list of g's rows when no name is close: VT_EXIT_USAGE. */
int cli_unknown_command(const struct cli_group *g, const char *word);
/* usage: lines (n: how many came before, so the first says "usage:"), of
 * one spec or of every row of g; both return the new count. */
int cli_synopsis_lines(FILE *fp, const struct cli_spec *spec, int n);
int cli_rows_synopses(FILE *fp, const struct cli_group *g, int n);
/* One line a row of g: its name and summary. */
void cli_command_list(FILE *fp, const struct cli_group *g);

enum cli_arg { CLI_NO_ARG = 0, CLI_ARG = 1 };

struct cli_option {
	const char *lname;     /* "mode" for --mode */
	char sname;            /* 'm' for -m, or 0 */
	enum cli_arg has_arg;
	int id;                /* returned to the handler */
	const char *argname;   /* "16|32|64" in help */
	const char *help;
};

/* Called for each option; return 0 to go on, or an exit code to stop. */
typedef int (*cli_handler)(void *state, int id, const char *arg);

struct vt_model; /* models.h */

/* Output style for stdout: colour from --color / NO_COLOR / TERM / isatty,
 * width from COLUMNS or the terminal (0, no limit, when neither). */
enum cli_color { CLI_COLOR_AUTO = 0, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

/* The options every command spells the same way. A command lists the rows
 * it takes (CLI_ROW_*); cli_parse handles them itself, into struct
 * cli_common, so a command's handler sees only its own options. */
enum {
	CLI_OPT_HELP = -100, CLI_OPT_JSON, CLI_OPT_NDJSON, CLI_OPT_COLOR, CLI_OPT_EXIT_CODE, CLI_OPT_MODEL,
	CLI_OPT_EMIT_SNAPSHOT, CLI_OPT_FORCE_SNAPSHOT, CLI_OPT_MAX_MEMBER_BYTES, CLI_OPT_MAX_ELEMENTS,
	CLI_OPT_LAST_COMMON = CLI_OPT_MAX_ELEMENTS
};
#define CLI_ROW_HELP { "help", 'h', CLI_NO_ARG, CLI_OPT_HELP, NULL, "show this help" }
#define CLI_ROW_JSON(help) { "json", 0, CLI_NO_ARG, CLI_OPT_JSON, NULL, help }
#define CLI_ROW_NDJSON(help) { "ndjson", 0, CLI_NO_ARG, CLI_OPT_NDJSON, NULL, help }
#define CLI_ROW_COLOR { "color", 0, CLI_ARG, CLI_OPT_COLOR, "auto|always|never", "colour the text output (default auto)" }
#define CLI_ROW_EXIT_CODE(help) { "exit-code", 0, CLI_NO_ARG, CLI_OPT_EXIT_CODE, NULL, help }
#define CLI_ROW_MODEL(help) { "model", 'm', CLI_ARG, CLI_OPT_MODEL, "c2bc58f9|7bb3e125", help }
#define CLI_ROW_EMIT_SNAPSHOT \
	{ "emit-snapshot", 0, CLI_ARG, CLI_OPT_EMIT_SNAPSHOT, "DIR", "write a snapshot skeleton per crash with registers" }
#define CLI_ROW_FORCE_SNAPSHOT \
	{ "force", 0, CLI_NO_ARG, CLI_OPT_FORCE_SNAPSHOT, NULL, "with --emit-snapshot: replace existing snapshots" }
/* what: "a file" (scan), "a member" (bundles). */
#define CLI_ROW_MAX_MEMBER_BYTES(what) { "max-member-bytes", 0, CLI_ARG, CLI_OPT_MAX_MEMBER_BYTES, "BYTES", \
	"stop reading " what " after BYTES decompressed, with a warning (default 4 GiB; 0: no cap)" }
/* The ceiling of every replay, which a snapshot's limits.max_elements can only lower. */
#define CLI_ROW_MAX_ELEMENTS { "max-elements", 0, CLI_ARG, CLI_OPT_MAX_ELEMENTS, "N", \
	"stop after at most N elements (default 1000000; limits.max_elements can only lower it)" }
#define CLI_ROW_END { NULL, 0, 0, 0, NULL, NULL }

struct cli_common {
	bool help, exit_code;
	enum vt_format format;        /* --json or --ndjson (not both: a usage error) */
	enum cli_color color;
	const struct vt_model *model; /* --model, NULL without */
	const char *snapshot_dir;     /* --emit-snapshot: made (or found) by cli_parse; NULL without */
	bool snapshot_force;          /* --force: --emit-snapshot replaces existing files */
	uint64_t max_member_bytes;    /* --max-member-bytes, default VT_SOURCE_MAX_MEMBER */
	uint64_t max_elements;        /* --max-elements; 0 without: the library's default */
	struct vt_style style;        /* set by cli_parse from color and the environment */
};

/* A command's interface: what cli_parse accepts and what --help prints. */
struct cli_spec {
	const char *name;                 /* "scan", "corpus gate": in messages and the usage */
	const char *const *synopsis;      /* usage lines, after "vmtriage NAME " */
	const char *description;
	const struct cli_option *options; /* ends with CLI_ROW_END */
	cli_handler handler;              /* the command's own options; NULL when it has none */
	const char *exit1;                /* what exit status 1 means without --exit-code, or NULL */
	const struct cli_group *group;    /* the group it is a row (or the fallback) of, or NULL */
	/* The operands it takes, checked by cli_parse when `operands` is set:
	 * from min_operands to max_operands (CLI_MANY: no limit), named in the
	 * message ("needs SNAPSHOT.json..."). */
	const char *operands;
	unsigned min_operands, max_operands;
};
#define CLI_MANY UINT_MAX

/* Parse argv[1..] (argv[0] is the command name) by spec. Options and
 * operands may be mixed; "--" ends options; "-" is an operand. Operands are
 * moved to the front of argv: on return *nops holds their count and
 * argv[0..*nops) them. The CLI_ROW_* options land in *common. With --help
 * it prints the usage and sets common->help: the command returns the exit
 * code then. Returns 0, or the handler's or a usage exit code (message
 * printed; the operand count too, when the spec says it):
 * `if ((rc = cli_parse(...)) != 0 || co.help) return rc;`. */
int cli_parse(const struct cli_spec *spec, int argc, char **argv, void *state, struct cli_common *common,
	      int *nops);

/* The word of names[0..n) closest to `word` (a typo: edit distance at most
 * 2, or a shared prefix of 3 letters), or NULL. */
const char *cli_closest(const char *word, const char *const *names, size_t n);
/* "vmtriage: <cmd>: no <what> '<word>'; did you mean '<x>'?" (or the list of
 * names when nothing is close); returns VT_EXIT_USAGE. */
int cli_unknown_word(const char *cmd, const char *what, const char *word, const char *const *names, size_t n);

/* usage: lines, the description, one line per option, the exit statuses;
 * for a group's fallback, its subcommands too. */
void cli_usage(FILE *fp, const struct cli_spec *spec);

/* Option values that are numbers, checked with one message: 0 with *out
 * set, or the usage exit code. A count is decimal (or 0x hex), from min to
 * max: "--threads takes 1 to 256, not \"0\"" (unit, when not NULL, after
 * max: "1 to 86400 seconds"). A byte count says so: "--max-line takes a
 * byte count from 64 to 1073741824"; max UINT64_MAX is no upper bound ("a
 * byte count", "a positive byte count", "a byte count of at least 64"). */
int cli_count_option(const char *cmd, const char *opt, const char *arg, uint64_t min, uint64_t max,
		     const char *unit, uint64_t *out);
int cli_bytes_option(const char *cmd, const char *opt, const char *arg, uint64_t min, uint64_t max,
		     uint64_t *out);

/* "vmtriage: <cmd>: <message>" on stderr; returns VT_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) VT_PRINTF(2, 3);
/* "vmtriage: <message>" on stderr. */
void cli_errorf(const char *fmt, ...) VT_PRINTF(1, 2);
void cli_warnf(const char *fmt, ...) VT_PRINTF(1, 2);

struct vt_style cli_style(enum cli_color color);
/* Parse "auto|always|never"; -1 when it is none of them. */
int cli_color_parse(const char *s);
/* Handle --color ARG for cmd: 0, or the usage exit code (message printed). */
int cli_color_option(const char *cmd, const char *arg, enum cli_color *out);

/* Handle --model NAME for cmd: 0 with *out set, or the usage exit code
 * (message printed, naming the built-in models). */
int cli_model_option(const char *cmd, const char *arg, const struct vt_model **out);

/* Reading stdin that is a terminal: say so on stderr (like bc or python),
 * so a command given no operands does not seem to hang. */
void cli_note_stdin(const char *cmd, const char *what);

/* Handle --class NAME for cmd: 0 with *out the class id, or the usage exit
 * code (message printed: the closest class, or all of them). */
int cli_class_option(const char *cmd, const char *arg, int *out);

/* Flush stdout and report a failed write (EPIPE, full disk) as a runtime error. */
int cli_finish_output(int rc);

/* --emit-snapshot (cli_snapshot.c): make DIR if needed (0 or an exit code);
 * write one crash's skeleton, named from where it was found, `from` saying
 * so in its description. A crash without registers or bytes is a warning;
 * an existing file is an error, never replaced. 0 or VT_EXIT_RUNTIME. */
struct vt_crash;
struct vt_crash_where;
int cli_snapshot_dir(const char *dir);
/* force: replace an existing file (atomically), else it is an error. */
int cli_snapshot_emit(const char *dir, const struct vt_crash *c, const struct vt_crash_where *where,
		      const char *from, bool force);

#endif
