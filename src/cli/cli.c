#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "vmtriage/classes.h"
#include "vmtriage/models.h"
#include "vmtriage/output.h"
#include "vmtriage/snapshot.h"

static const struct cli_option *find_long(const struct cli_option *opts, const char *name, size_t n)
{
	for (; opts->lname || opts->sname; opts++)
		if (opts->lname && strlen(opts->lname) == n && strncmp(opts->lname, name, n) == 0)
			return opts;
	return NULL;
}

static const struct cli_option *find_short(const struct cli_option *opts, char c)
{
	for (; opts->lname || opts->sname; opts++)
		if (opts->sname == c)
			return opts;
	return NULL;
}

/* Edit distance, for "did you mean". */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), prev[64], cur[64];
	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, sizeof cur);
	}
	return prev[lb];
}

const char *cli_closest(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL, *prefixed = NULL;
	size_t bestd = 3;
	for (size_t i = 0; i < n; i++) {
		size_t d = distance(word, names[i]);
		if (d < bestd) {
			bestd = d;
			best = names[i];
		}
		if (!prefixed && strlen(word) >= 3 && strncmp(word, names[i], 3) == 0)
			prefixed = names[i];
	}
	return best ? best : prefixed;
}

int cli_unknown_word(const char *cmd, const char *what, const char *word, const char *const *names, size_t n)
{
	const char *best = cli_closest(word, names, n);
	char list[512] = "";
	size_t at = 0;
	for (size_t i = 0; i < n && at < sizeof list; i++)
		at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", i ? ", " : "", names[i]);
	if (best)
		return cli_usage_error(cmd, "no %s '%s'; did you mean '%s'? (one of: %s)", what, word, best, list);
	return cli_usage_error(cmd, "no %s '%s' (one of: %s)", what, word, list);
}

static int unknown_long(const char *cmd, const char *arg, size_t n, const struct cli_option *opts)
{
	const char *best = NULL;
	size_t bestd = 3;
	char name[64];
	snprintf(name, sizeof name, "%.*s", (int)n, arg);
	for (; opts->lname || opts->sname; opts++) {
		size_t d = opts->lname ? distance(name, opts->lname) : 99;
		if (d < bestd) {
			bestd = d;
			best = opts->lname;
		}
	}
	if (best)
		return cli_usage_error(cmd, "unknown option '--%s'; did you mean '--%s'?", name, best);
	return cli_usage_error(cmd, "unknown option '--%s' (see 'vmtriage %s --help')", name, cmd);
}

/* One cli_parse call: the command's table and handler, and the shared options. */
struct parse {
	const char *cmd;
	const struct cli_option *opts;
	cli_handler handler;
	void *state;
	struct cli_common *common;
	bool json, ndjson;
};

static int common_option(struct parse *p, int id, const char *arg)
{
	struct cli_common *c = p->common;
	switch (id) {
	case CLI_OPT_HELP: c->help = true; return 0;
	case CLI_OPT_EXIT_CODE: c->exit_code = true; return 0;
	case CLI_OPT_JSON: p->json = true; c->format = VT_FORMAT_JSON; return 0;
	case CLI_OPT_NDJSON: p->ndjson = true; c->format = VT_FORMAT_NDJSON; return 0;
	case CLI_OPT_COLOR: return cli_color_option(p->cmd, arg, &c->color);
	case CLI_OPT_MODEL: return cli_model_option(p->cmd, arg, &c->model);
	}
	return VT_EXIT_USAGE;
}

static int dispatch(struct parse *p, const struct cli_option *o, const char *value)
{
	if (o->id <= CLI_OPT_MODEL && o->id >= CLI_OPT_HELP && p->common)
		return common_option(p, o->id, value);
	return p->handler ? p->handler(p->state, o->id, value) : VT_EXIT_USAGE;
}

static int parse_long(struct parse *p, char *arg, int argc, char **argv, int *i)
{
	const char *cmd = p->cmd;
	const struct cli_option *opts = p->opts;
	char *name = arg + 2, *eq = strchr(name, '=');
	size_t n = eq ? (size_t)(eq - name) : strlen(name);
	const struct cli_option *o = find_long(opts, name, n);
	const char *value = NULL;

	if (!o)
		return unknown_long(cmd, name, n, opts);
	if (o->has_arg == CLI_ARG) {
		if (eq)
			value = eq + 1;
		else if (*i + 1 < argc)
			value = argv[++*i];
		else
			return cli_usage_error(cmd, "option '--%s' needs a value (%s)", o->lname, o->argname);
	} else if (eq) {
		return cli_usage_error(cmd, "option '--%s' takes no value", o->lname);
	}
	return dispatch(p, o, value);
}

static int parse_shorts(struct parse *ps, char *arg, int argc, char **argv, int *i)
{
	const char *cmd = ps->cmd;
	for (char *p = arg + 1; *p; p++) {
		const struct cli_option *o = find_short(ps->opts, *p);
		int rc;
		if (!o)
			return cli_usage_error(cmd, "unknown option '-%c' (see 'vmtriage %s --help')", *p, cmd);
		if (o->has_arg == CLI_ARG) {
			const char *value = p[1] ? p + 1 : (*i + 1 < argc ? argv[++*i] : NULL);
			if (!value)
				return cli_usage_error(cmd, "option '-%c' needs a value (%s)", *p, o->argname);
			return dispatch(ps, o, value);
		}
		if ((rc = dispatch(ps, o, NULL)) != 0)
			return rc;
	}
	return 0;
}

int cli_parse(const char *cmd, int argc, char **argv, const struct cli_option *opts,
	      cli_handler handler, void *state, struct cli_common *common, int *nops)
{
	struct parse p = { cmd, opts, handler, state, common, false, false };
	int ops = 0, rc;
	bool only_operands = false;

	for (int i = 1; i < argc; i++) {
		char *arg = argv[i];
		if (only_operands || arg[0] != '-' || arg[1] == '\0') {
			argv[ops++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_operands = true;
			continue;
		}
		if (arg[1] == '-')
			rc = parse_long(&p, arg, argc, argv, &i);
		else
			rc = parse_shorts(&p, arg, argc, argv, &i);
		if (rc)
			return rc;
	}
	*nops = ops;
	if (p.json && p.ndjson)
		return cli_usage_error(cmd, "--json and --ndjson exclude each other: pick one");
	if (common)
		common->style = cli_style(common->color);
	return 0;
}

static void option_left(const struct cli_option *o, char *left, size_t size)
{
	int n = snprintf(left, size, o->sname ? "-%c, " : "    ", o->sname);
	snprintf(left + n, size - (size_t)n, "--%s%s%s", o->lname, o->has_arg ? " " : "",
		 o->has_arg ? o->argname : "");
}

/* The exit status 1 means what --exit-code says, when the command has it. */
static bool has_exit_code(const struct cli_option *opts)
{
	for (; opts->lname || opts->sname; opts++)
		if (opts->id == CLI_OPT_EXIT_CODE)
			return true;
	return false;
}

void cli_usage(FILE *fp, const char *cmd, const char *const *synopsis, const char *description,
	       const struct cli_option *opts)
{
	cli_usage_exit1(fp, cmd, synopsis, description, opts, NULL);
}

void cli_usage_exit1(FILE *fp, const char *cmd, const char *const *synopsis, const char *description,
		     const struct cli_option *opts, const char *exit1)
{
	char left[80];
	int width = 0;
	for (int i = 0; synopsis[i]; i++)
		fprintf(fp, "%s vmtriage %s %s\n", i ? "      " : "usage:", cmd, synopsis[i]);
	fprintf(fp, "\n%s\n\noptions:\n", description);
	/* The help column starts after the longest option, so it never drifts. */
	for (const struct cli_option *o = opts; o->lname || o->sname; o++) {
		option_left(o, left, sizeof left);
		if ((int)strlen(left) > width)
			width = (int)strlen(left);
	}
	for (const struct cli_option *o = opts; o->lname || o->sname; o++) {
		option_left(o, left, sizeof left);
		fprintf(fp, "  %-*s  %s\n", width, left, o->help);
	}
	if (exit1 || has_exit_code(opts))
		fprintf(fp, "\nexit status: 0 ok, 1 %s, 2 usage or malformed input, 3 runtime error\n",
			exit1 ? exit1 : "findings (with --exit-code)");
	else
		fprintf(fp, "\nexit status: 0 ok, 2 usage or malformed input, 3 runtime error\n");
}

/* One diagnostic line on stderr: the message carries file names, member
 * names and server answers, so it is escaped as a whole (one newline, no
 * terminal controls from input). */
static void diag(const char *prefix, const char *fmt, va_list ap) VT_PRINTF(2, 0);
static void diag(const char *prefix, const char *fmt, va_list ap)
{
	char msg[8192];
	vsnprintf(msg, sizeof msg, fmt, ap);
	fputs(prefix, stderr);
	vt_text_puts(stderr, msg);
	fputc('\n', stderr);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	char prefix[128];
	va_list ap;
	snprintf(prefix, sizeof prefix, "vmtriage: %s: ", cmd);
	va_start(ap, fmt);
	diag(prefix, fmt, ap);
	va_end(ap);
	return VT_EXIT_USAGE;
}

void cli_errorf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag("vmtriage: ", fmt, ap);
	va_end(ap);
}

void cli_warnf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag("vmtriage: warning: ", fmt, ap);
	va_end(ap);
}

int cli_color_parse(const char *s)
{
	if (strcmp(s, "auto") == 0)
		return CLI_COLOR_AUTO;
	if (strcmp(s, "always") == 0)
		return CLI_COLOR_ALWAYS;
	if (strcmp(s, "never") == 0)
		return CLI_COLOR_NEVER;
	return -1;
}

int cli_color_option(const char *cmd, const char *arg, enum cli_color *out)
{
	int c = cli_color_parse(arg);
	if (c < 0)
		return cli_usage_error(cmd, "--color takes auto, always or never, not \"%s\"", arg);
	*out = (enum cli_color)c;
	return 0;
}

int cli_class_option(const char *cmd, const char *arg, int *out)
{
	const char *names[VT_CLASS_COUNT];
	const struct vt_class *c = vt_class_by_name(arg);
	if (c) {
		*out = (int)c->id;
		return 0;
	}
	for (size_t i = 0; i < VT_CLASS_COUNT; i++)
		names[i] = vt_class_get((enum vt_class_id)i)->name;
	return cli_unknown_word(cmd, "class", arg, names, VT_CLASS_COUNT);
}

int cli_model_option(const char *cmd, const char *arg, const struct vt_model **out)
{
	char known[256] = "";
	size_t n = 0;
	if ((*out = vt_model_find(arg)) != NULL)
		return 0;
	for (size_t i = 0; vt_model_at(i) && n < sizeof known; i++)
		n += (size_t)snprintf(known + n, sizeof known - n, "%s%s", i ? ", " : "",
				      vt_model_name(vt_model_at(i)));
	return cli_usage_error(cmd, "--model: no model \"%s\" (known: %s)", arg, known);
}

int cli_max_elements_option(const char *cmd, const char *arg, uint64_t *out)
{
	if (vt_snapshot_number(arg, out) || *out == 0)
		return cli_usage_error(cmd, "--max-elements takes a positive number, not \"%s\"", arg);
	return 0;
}

/* Whether the terminal on stdout is one that should get colour. */
static bool colour_terminal(void)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
	if (no_color && no_color[0])
		return false; /* https://no-color.org */
	if (!term || !term[0] || strcmp(term, "dumb") == 0)
		return false;
	return isatty(STDOUT_FILENO);
}

/* Width 0 means no limit: piped output keeps every table column (the
 * reader's pager or editor decides), prose wraps at VT_PROSE_WIDTH. */
struct vt_style cli_style(enum cli_color color)
{
	struct vt_style st = { false, 0 };
	const char *cols = getenv("COLUMNS");
	bool tty = isatty(STDOUT_FILENO);

	if (color == CLI_COLOR_ALWAYS)
		st.color = true;
	else if (color == CLI_COLOR_AUTO)
		st.color = colour_terminal();
	if (cols && atoi(cols) >= 40)
		st.width = (unsigned)atoi(cols);
#ifdef TIOCGWINSZ
	else if (tty) {
		struct winsize ws;
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
			st.width = ws.ws_col;
	}
#endif
	return st;
}

void cli_note_stdin(const char *cmd, const char *what)
{
	if (isatty(STDIN_FILENO))
		fprintf(stderr, "vmtriage: %s: reading %s from standard input (end with Ctrl-D; "
				"'vmtriage %s --help' for usage)\n", cmd, what, cmd);
}

int cli_finish_output(int rc)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		if (errno == EPIPE) /* the reader went away: it has what it wanted */
			return rc ? rc : VT_EXIT_RUNTIME;
		cli_errorf("error writing output: %s", strerror(errno));
		/* A runtime error outranks findings (1) and damaged input (2):
		 * the report was not written. */
		return rc > VT_EXIT_RUNTIME ? rc : VT_EXIT_RUNTIME;
	}
	return rc;
}
