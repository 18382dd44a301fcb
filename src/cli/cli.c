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
#include "vmtriage/source.h"

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

/* Row c's name when it is a sibling of spec that takes the option. */
static size_t add_sibling(const struct cli_command *c, const struct cli_spec *spec, const char *lname, char sname,
			  char *out, size_t size, size_t at)
{
	const struct cli_spec *s = c->spec;
	if (!s || s == spec || at >= size)
		return at;
	if (lname ? !find_long(s->options, lname, strlen(lname)) : !find_short(s->options, sname))
		return at;
	return at + (size_t)snprintf(out + at, size - at, "%s'%s'", at ? " or " : "", s->name);
}

/* The siblings (rows of the same group) that take an option: "'fleet
 * load'", "'corpus check' or 'corpus gate'", or "" when none does. */
static void siblings_with(const struct cli_spec *spec, const char *lname, char sname, char *out, size_t size)
{
	const struct cli_group *g = spec->group;
	size_t at = 0;
	out[0] = '\0';
	if (!g)
		return;
	if (g->fallback)
		at = add_sibling(g->fallback, spec, lname, sname, out, size, at);
	for (const struct cli_command *c = g->commands; c->name; c++)
		at = add_sibling(c, spec, lname, sname, out, size, at);
}

static int unknown_long(const struct cli_spec *spec, const char *arg, size_t n)
{
	const char *cmd = spec->name, *best = NULL;
	size_t bestd = 3;
	char name[64], others[256];
	snprintf(name, sizeof name, "%.*s", (int)n, arg);
	siblings_with(spec, name, 0, others, sizeof others);
	if (others[0])
		return cli_usage_error(cmd, "'--%s' is for %s, not '%s'", name, others, cmd);
	for (const struct cli_option *opts = spec->options; opts->lname || opts->sname; opts++) {
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

static int unknown_short(const struct cli_spec *spec, char c)
{
	char others[256];
	siblings_with(spec, NULL, c, others, sizeof others);
	if (others[0])
		return cli_usage_error(spec->name, "'-%c' is for %s, not '%s'", c, others, spec->name);
	return cli_usage_error(spec->name, "unknown option '-%c' (see 'vmtriage %s --help')", c, spec->name);
}

/* One cli_parse call: the command's spec and state, and the shared options. */
struct parse {
	const struct cli_spec *spec;
	void *state;
	struct cli_common *common;
	bool json, ndjson;
};

static int common_option(struct parse *p, int id, const char *arg)
{
	struct cli_common *c = p->common;
	const char *cmd = p->spec->name;
	switch (id) {
	case CLI_OPT_HELP: c->help = true; return 0;
	case CLI_OPT_EXIT_CODE: c->exit_code = true; return 0;
	case CLI_OPT_JSON: p->json = true; c->format = VT_FORMAT_JSON; return 0;
	case CLI_OPT_NDJSON: p->ndjson = true; c->format = VT_FORMAT_NDJSON; return 0;
	case CLI_OPT_COLOR: return cli_color_option(cmd, arg, &c->color);
	case CLI_OPT_MODEL: return cli_model_option(cmd, arg, &c->model);
	case CLI_OPT_EMIT_SNAPSHOT: c->snapshot_dir = arg; return 0;
	case CLI_OPT_FORCE_SNAPSHOT: c->snapshot_force = true; return 0;
	case CLI_OPT_MAX_ELEMENTS:
		return cli_count_option(cmd, "--max-elements", arg, 1, UINT64_MAX, NULL, &c->max_elements);
	case CLI_OPT_MAX_MEMBER_BYTES:
		return cli_bytes_option(cmd, "--max-member-bytes", arg, 0, UINT64_MAX, &c->max_member_bytes);
	}
	return VT_EXIT_USAGE;
}

static int dispatch(struct parse *p, const struct cli_option *o, const char *value)
{
	if (o->id <= CLI_OPT_LAST_COMMON && o->id >= CLI_OPT_HELP)
		return common_option(p, o->id, value);
	return p->spec->handler ? p->spec->handler(p->state, o->id, value) : VT_EXIT_USAGE;
}

static int parse_long(struct parse *p, char *arg, int argc, char **argv, int *i)
{
	const char *cmd = p->spec->name;
	char *name = arg + 2, *eq = strchr(name, '=');
	size_t n = eq ? (size_t)(eq - name) : strlen(name);
	const struct cli_option *o = find_long(p->spec->options, name, n);
	const char *value = NULL;

	if (!o)
		return unknown_long(p->spec, name, n);
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
	const char *cmd = ps->spec->name;
	for (char *p = arg + 1; *p; p++) {
		const struct cli_option *o = find_short(ps->spec->options, *p);
		int rc;
		if (!o)
			return unknown_short(ps->spec, *p);
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

/* What the shared options need once all are read: their conflicts, the
 * output style. */
static int finish_common(struct parse *p)
{
	struct cli_common *c = p->common;
	if (p->json && p->ndjson)
		return cli_usage_error(p->spec->name, "--json and --ndjson exclude each other: pick one");
	c->style = cli_style(c->color);
	return 0;
}

/* "needs DIR (see ...)", "takes DIR, not 2 operands", "takes no operands". */
static int check_operands(const struct cli_spec *spec, unsigned n)
{
	const char *cmd = spec->name;
	if (!spec->operands)
		return 0;
	if (n < spec->min_operands)
		return cli_usage_error(cmd, "needs %s (see 'vmtriage %s --help')", spec->operands, cmd);
	if (n > spec->max_operands && spec->max_operands == 0)
		return cli_usage_error(cmd, "takes no operands (see 'vmtriage %s --help')", cmd);
	if (n > spec->max_operands)
		return cli_usage_error(cmd, "takes %s, not %u operands", spec->operands, n);
	return 0;
}

int cli_parse(const struct cli_spec *spec, int argc, char **argv, void *state, struct cli_common *common,
	      int *nops)
{
	struct parse p = { spec, state, common, false, false };
	int ops = 0, rc;
	bool only_operands = false;

	common->max_member_bytes = VT_SOURCE_MAX_MEMBER;
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
	if (common->help) {
		cli_usage(stdout, spec);
		return cli_finish_output(VT_EXIT_OK);
	}
	if ((rc = finish_common(&p)) != 0 || (rc = check_operands(spec, (unsigned)ops)) != 0)
		return rc;
	/* Last: the command line is valid before anything is made. */
	return common->snapshot_dir ? cli_snapshot_dir(common->snapshot_dir) : 0;
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

/* The group spec runs for when no subcommand is named (fleet's query), or NULL. */
static const struct cli_group *fallback_of(const struct cli_spec *spec)
{
	const struct cli_group *g = spec->group;
	return g && g->fallback && g->fallback->spec == spec ? g : NULL;
}

/* usage: lines: the command's, then (for a fallback) its siblings'. */
static void synopsis_lines(FILE *fp, const struct cli_spec *spec)
{
	int n = cli_synopsis_lines(fp, spec, 0);
	if (fallback_of(spec))
		cli_rows_synopses(fp, fallback_of(spec), n);
}

void cli_usage(FILE *fp, const struct cli_spec *spec)
{
	const struct cli_option *opts = spec->options;
	char left[80];
	int width = 0;
	synopsis_lines(fp, spec);
	fprintf(fp, "\n%s\n\noptions:\n", spec->description);
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
	if (fallback_of(spec)) {
		fprintf(fp, "\nsubcommands:\n");
		cli_command_list(fp, fallback_of(spec));
		fprintf(fp, "\n%s\n", fallback_of(spec)->footer);
	}
	if (spec->exit1 || has_exit_code(opts))
		fprintf(fp, "\nexit status: 0 ok, 1 %s, 2 usage or malformed input, 3 runtime error\n",
			spec->exit1 ? spec->exit1 : "findings (with --exit-code)");
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

/* Decimal, or hex after 0x (as snapshot numbers): no sign, no blanks. */
static bool parse_count(const char *arg, uint64_t *out)
{
	return arg[0] >= '0' && arg[0] <= '9' && vt_snapshot_number(arg, out) == 0;
}

/* "--threads takes 1 to 256, not ...", "--max-line takes a byte count of at
 * least 64, not ...": the range said one way for every option. */
static int range_error(const char *cmd, const char *opt, const char *arg, bool bytes, uint64_t min,
		       uint64_t max, const char *unit)
{
	const char *noun = bytes ? "byte count" : "number";
	unsigned long long lo = (unsigned long long)min, hi = (unsigned long long)max;
	char range[128];
	if (max != UINT64_MAX && bytes)
		snprintf(range, sizeof range, "a byte count from %llu to %llu", lo, hi);
	else if (max != UINT64_MAX)
		snprintf(range, sizeof range, "%llu to %llu%s%s", lo, hi, unit ? " " : "", unit ? unit : "");
	else if (min == 0)
		snprintf(range, sizeof range, "a %s", noun);
	else if (min == 1)
		snprintf(range, sizeof range, "a positive %s", noun);
	else
		snprintf(range, sizeof range, "a %s of at least %llu", noun, lo);
	return cli_usage_error(cmd, "%s takes %s, not \"%s\"", opt, range, arg);
}

static int number_option(const char *cmd, const char *opt, const char *arg, bool bytes, uint64_t min,
			 uint64_t max, const char *unit, uint64_t *out)
{
	uint64_t v;
	if (!parse_count(arg, &v) || v < min || v > max)
		return range_error(cmd, opt, arg, bytes, min, max, unit);
	*out = v;
	return 0;
}

int cli_count_option(const char *cmd, const char *opt, const char *arg, uint64_t min, uint64_t max,
		     const char *unit, uint64_t *out)
{
	return number_option(cmd, opt, arg, false, min, max, unit, out);
}

int cli_bytes_option(const char *cmd, const char *opt, const char *arg, uint64_t min, uint64_t max,
		     uint64_t *out)
{
	return number_option(cmd, opt, arg, true, min, max, NULL, out);
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
