/* Shared front-end plumbing: the command table, option parsing that also
 * generates --help, message helpers. */
#ifndef VMTRIAGE_CLI_H
#define VMTRIAGE_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "vmtriage/error.h"
#include "vmtriage/output.h"

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

/* The command table (main.c). */
extern const struct cli_command cli_commands[];
const struct cli_command *cli_find_command(const char *name);

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
	CLI_OPT_HELP = -100, CLI_OPT_JSON, CLI_OPT_NDJSON, CLI_OPT_COLOR, CLI_OPT_EXIT_CODE, CLI_OPT_MODEL
};
#define CLI_ROW_HELP { "help", 'h', CLI_NO_ARG, CLI_OPT_HELP, NULL, "show this help" }
#define CLI_ROW_JSON(help) { "json", 0, CLI_NO_ARG, CLI_OPT_JSON, NULL, help }
#define CLI_ROW_NDJSON(help) { "ndjson", 0, CLI_NO_ARG, CLI_OPT_NDJSON, NULL, help }
#define CLI_ROW_COLOR { "color", 0, CLI_ARG, CLI_OPT_COLOR, "auto|always|never", "colour the text output (default auto)" }
#define CLI_ROW_EXIT_CODE(help) { "exit-code", 0, CLI_NO_ARG, CLI_OPT_EXIT_CODE, NULL, help }
#define CLI_ROW_MODEL(help) { "model", 'm', CLI_ARG, CLI_OPT_MODEL, "c2bc58f9|7bb3e125", help }
#define CLI_ROW_END { NULL, 0, 0, 0, NULL, NULL }

struct cli_common {
	bool help, exit_code;
	enum vt_format format;        /* --json or --ndjson (not both: a usage error) */
	enum cli_color color;
	const struct vt_model *model; /* --model, NULL without */
	struct vt_style style;        /* set by cli_parse from color and the environment */
};

/* Parse argv[1..] (argv[0] is the command name). Options and operands may be
 * mixed; "--" ends options; "-" is an operand. Operands are moved to the
 * front of argv: on return *nops holds their count and argv[0..*nops) them.
 * The CLI_ROW_* options land in *common (which may be NULL when opts has
 * none). Returns 0, or the handler's or a usage exit code (message printed). */
int cli_parse(const char *cmd, int argc, char **argv, const struct cli_option *opts,
	      cli_handler handler, void *state, struct cli_common *common, int *nops);

/* The word of names[0..n) closest to `word` (a typo: edit distance at most
 * 2, or a shared prefix of 3 letters), or NULL. */
const char *cli_closest(const char *word, const char *const *names, size_t n);
/* "vmtriage: <cmd>: no <what> '<word>'; did you mean '<x>'?" (or the list of
 * names when nothing is close); returns VT_EXIT_USAGE. */
int cli_unknown_word(const char *cmd, const char *what, const char *word, const char *const *names, size_t n);

/* usage: lines, the summary, then one line per option from the table. */
void cli_usage(FILE *fp, const char *cmd, const char *const *synopsis, const char *description,
	       const struct cli_option *opts);

/* The same, with what exit status 1 means for a command that has no
 * --exit-code but exits 1 on its findings (NULL: derived from opts). */
void cli_usage_exit1(FILE *fp, const char *cmd, const char *const *synopsis, const char *description,
		     const struct cli_option *opts, const char *exit1);

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

/* --max-elements N (replay, corpus check/bless/gate): the ceiling of every
 * replay, which a snapshot's limits.max_elements can only lower. Handle ARG
 * for cmd: 0 with *out set, or the usage exit code (message printed). */
#define CLI_MAX_ELEMENTS_HELP "stop after at most N elements (default 1000000; limits.max_elements can only lower it)"
int cli_max_elements_option(const char *cmd, const char *arg, uint64_t *out);

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
