/* vmtriage decode: pasted exit bytes -> faulting instruction, class, advice. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "vmtriage/decode_report.h"
#include "vmtriage/stream.h"

enum { OPT_MODE = 1, OPT_RIP, OPT_DEC, OPT_HEX, OPT_HYPERVISOR };

static const struct cli_option options[] = {
	{ "mode", 'm', CLI_ARG, OPT_MODE, "16|32|64", "code size to decode as (default 64)" },
	{ "rip", 0, CLI_ARG, OPT_RIP, "ADDR", "address of the first byte (hex); overrides one in the input" },
	{ "hypervisor", 0, CLI_ARG, OPT_HYPERVISOR, "NAME",
	  "explain for propolis, propolis-standalone, bhyve or qemu-kvm (default propolis)" },
	{ "dec", 0, CLI_NO_ARG, OPT_DEC, NULL, "read bare byte lists as decimal" },
	{ "hex", 0, CLI_NO_ARG, OPT_HEX, NULL, "read bare byte lists as hex" },
	CLI_ROW_JSON("one JSON object: {schema, decodes, warnings}"),
	CLI_ROW_NDJSON("one decode record a line (warnings to stderr)"),
	CLI_ROW_COLOR,
	CLI_ROW_HELP,
	CLI_ROW_END,
};

static const char *const synopsis[] = {
	"[options] BYTES...",
	"[options] [-] < crashes.txt",
	NULL,
};

#define DECODE_SCHEMA "vmtriage.decode.v2"
#define WARNINGS_KEPT 1000 /* --json: warnings kept for the document; the rest are counted */

struct decode_warning {
	char where[16];
	unsigned long long line; /* 0: none */
	char message[320];
};

/* All of decode's state: one struct, passed everywhere (bsdtar style). */
struct decode_state {
	struct vt_decode_opts opts;
	struct cli_common co;  /* --json, --ndjson, --color, --help */
	struct vt_decoder *decoder;
	struct vt_jw json;     /* --json / --ndjson writer */
	struct decode_warning *warnings; /* --json: written after the decodes */
	size_t nwarnings, warnings_dropped;
	unsigned emitted;
	unsigned inputs;       /* non-blank inputs seen */
	bool explained[VT_CLASS_COUNT]; /* text: a class's paragraphs are printed once */
	int rc;
};

static int on_option(void *vs, int id, const char *arg)
{
	struct decode_state *st = vs;
	char *end;
	switch (id) {
	case OPT_MODE:
		if (strcmp(arg, "16") && strcmp(arg, "32") && strcmp(arg, "64"))
			return cli_usage_error("decode", "--mode takes 16, 32 or 64, not \"%s\"", arg);
		st->opts.mode = (unsigned)atoi(arg);
		return 0;
	case OPT_RIP:
		errno = 0;
		st->opts.rip = strtoull(arg, &end, 16);
		if (errno || end == arg || *end)
			return cli_usage_error("decode", "--rip takes a hex address, not \"%s\"", arg);
		st->opts.has_rip = true;
		return 0;
	case OPT_HYPERVISOR:
		if (!(st->opts.hypervisor = vt_hypervisor_by_name(arg)))
			return cli_usage_error("decode", "--hypervisor takes propolis, propolis-standalone, bhyve or "
					   "qemu-kvm, not \"%s\"", arg);
		return 0;
	case OPT_DEC:
		st->opts.radix = VT_RADIX_DEC;
		return 0;
	case OPT_HEX:
		st->opts.radix = VT_RADIX_HEX;
		return 0;
	}
	return VT_EXIT_USAGE;
}

/* A warning: stderr for text and NDJSON, the document's warnings for --json. */
static void warn(struct decode_state *st, const char *where, unsigned long long line, const char *fmt, ...)
	VT_PRINTF(4, 5);
static void warn(struct decode_state *st, const char *where, unsigned long long line, const char *fmt, ...)
{
	char msg[320];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (st->co.format != VT_FORMAT_JSON) {
		if (line)
			cli_warnf("%s:%llu: %s", where, line, msg);
		else
			cli_warnf("%s: %s", where, msg);
		return;
	}
	if (!st->warnings && !(st->warnings = calloc(WARNINGS_KEPT, sizeof *st->warnings)))
		st->nwarnings = WARNINGS_KEPT; /* out of memory: count them all as dropped */
	if (st->nwarnings >= WARNINGS_KEPT) {
		st->warnings_dropped++;
		return;
	}
	struct decode_warning *w = &st->warnings[st->nwarnings++];
	snprintf(w->where, sizeof w->where, "%s", where);
	w->line = line;
	memcpy(w->message, msg, sizeof msg);
}

static void warnings_write(struct decode_state *st)
{
	vt_jw_array_begin(&st->json, "warnings");
	for (size_t i = 0; i < st->nwarnings; i++) {
		const struct decode_warning *w = &st->warnings[i];
		vt_jw_object_begin(&st->json, NULL);
		vt_jw_string(&st->json, "where", w->where);
		if (w->line)
			vt_jw_int(&st->json, "line", (long long)w->line);
		else
			vt_jw_null(&st->json, "line");
		vt_jw_string(&st->json, "message", w->message);
		vt_jw_object_end(&st->json);
	}
	if (st->warnings_dropped) {
		char msg[80];
		snprintf(msg, sizeof msg, "%zu more warnings not kept", st->warnings_dropped);
		vt_jw_object_begin(&st->json, NULL);
		vt_jw_string(&st->json, "where", "decode");
		vt_jw_null(&st->json, "line");
		vt_jw_string(&st->json, "message", msg);
		vt_jw_object_end(&st->json);
	}
	vt_jw_array_end(&st->json);
}

/* Decode one input and print it; where:line names it in messages (line 0: arguments). */
static void decode_one(struct decode_state *st, const char *text, size_t n, const char *where,
		       unsigned long long line)
{
	struct vt_decode_report rep;
	struct vt_error err;

	if (vt_decode_report_build(st->decoder, text, n, &st->opts, &rep, &err)) {
		if (line)
			cli_errorf("%s:%llu: %s", where, line, err.msg);
		else
			cli_errorf("%s: %s", where, err.msg);
		st->rc = vt_status_exit(err.status);
		return;
	}
	if (rep.eb.warning[0])
		warn(st, where, line, "%s", rep.eb.warning);
	if (rep.eb.ambiguous)
		warn(st, where, line, "\"%.*s\" reads as decimal or hex; read as decimal (--hex to read it as hex)",
		     (int)(n > 60 ? 60 : n), text);
	if (st->co.format == VT_FORMAT_TEXT) {
		if (st->emitted++)
			fputc('\n', stdout);
		vt_decode_report_text(stdout, &st->co.style, &rep, !st->explained[rep.cls.id]);
		st->explained[rep.cls.id] = true;
		return;
	}
	vt_decode_report_write_json(&st->json, &rep, DECODE_SCHEMA); /* records name their schema, in an array too */
	if (st->co.format == VT_FORMAT_NDJSON)
		vt_jw_end_document(&st->json);
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return s[i] == '#'; /* comment lines count as blank */
	return true;
}

static void decode_stdin(struct decode_state *st)
{
	int fd = STDIN_FILENO;
	struct vt_lines *lines = vt_lines_new(vt_stream_fd(&fd), 64 * 1024);
	struct vt_error err;
	const char *line;
	size_t len;
	bool cut;
	int r;

	if (!lines) {
		cli_errorf("out of memory");
		st->rc = VT_EXIT_RUNTIME;
		return;
	}
	while ((r = vt_lines_next(lines, &line, &len, &cut, &err)) > 0) {
		unsigned long long number = (unsigned long long)vt_lines_number(lines);
		if (cut) {
			cli_errorf("<stdin>:%llu: line longer than 64 KiB", number);
			st->rc = VT_EXIT_USAGE;
			continue;
		}
		if (!blank(line, len)) {
			st->inputs++;
			decode_one(st, line, len, "<stdin>", number);
		}
	}
	if (r < 0) {
		cli_errorf("<stdin>: %s", err.msg);
		st->rc = VT_EXIT_RUNTIME;
	} else if (st->inputs == 0) {
		cli_errorf("decode: no input on stdin (give bytes as arguments, or one crash a line)");
		st->rc = VT_EXIT_USAGE;
	}
	vt_lines_free(lines);
}

/* Arguments form one input: a shell splits "f3 6e eb" and pasted panic text. */
static char *join_args(int argc, char **argv)
{
	size_t total = 1;
	for (int i = 0; i < argc; i++)
		total += strlen(argv[i]) + 1;
	char *s = malloc(total), *p = s;
	if (!s)
		return NULL;
	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]);
		if (i)
			*p++ = ' ';
		memcpy(p, argv[i], n);
		p += n;
	}
	*p = '\0';
	return s;
}

static const struct cli_spec spec = {
	.name = "decode",
	.synopsis = synopsis,
	.description = "Decode the instruction bytes of an unhandled VM exit, as pasted: a Rust list\n"
		       "([243, 110, ...]), hex (f3 6e, f36e, 0xf3,0x6e, \\xf3\\x6e, f3:6e) or a whole\n"
		       "panic or log line. Arguments form one crash; stdin holds one crash a line.",
	.options = options,
	.handler = on_option,
};

int cmd_decode(int argc, char **argv)
{
	struct decode_state st = { .opts = { .mode = 64 } };
	struct vt_error err;
	int nops, rc;

	if ((rc = cli_parse(&spec, argc, argv, &st, &st.co, &nops)) != 0 || st.co.help)
		return rc;
	st.decoder = vt_decoder_new(&err);
	if (!st.decoder) {
		cli_errorf("decode: %s", err.msg);
		return VT_EXIT_RUNTIME;
	}
	vt_jw_init(&st.json, stdout, st.co.format == VT_FORMAT_JSON);
	if (st.co.format == VT_FORMAT_JSON) {
		/* One shape whatever the input: arguments or stdin. */
		vt_jw_object_begin(&st.json, NULL);
		vt_jw_literal(&st.json, "schema", DECODE_SCHEMA);
		vt_jw_array_begin(&st.json, "decodes");
	}
	if (nops == 0 || (nops == 1 && strcmp(argv[0], "-") == 0)) {
		if (nops == 0)
			cli_note_stdin("decode", "one crash a line");
		decode_stdin(&st);
	} else {
		char *text = join_args(nops, argv);
		if (!text) {
			cli_errorf("out of memory");
			st.rc = VT_EXIT_RUNTIME;
		} else {
			decode_one(&st, text, strlen(text), "decode", 0);
			free(text);
		}
	}
	if (st.co.format == VT_FORMAT_JSON) {
		vt_jw_array_end(&st.json);
		warnings_write(&st);
		vt_jw_object_end(&st.json);
		vt_jw_end_document(&st.json);
	}
	free(st.warnings);
	vt_decoder_free(st.decoder);
	return cli_finish_output(st.rc);
}
