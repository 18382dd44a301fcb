/* Scanner internals shared by scan*.c (not installed). */
#ifndef VMTRIAGE_SCAN_INT_H
#define VMTRIAGE_SCAN_INT_H

#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "util/util_int.h"
#include "vmtriage/scan.h"

/* The scanner's own regular expressions (scan_re.c); each format declares
 * its own in its row (struct scan_format: regexes). */
enum scan_core_re {
	CORE_RE_OLD_END = 0,  /* ', file:l:c at the end of an old-style panic (the shared collector) */
	CORE_RE_LINE_TIME,    /* slog pretty / slog-term time prefix */
	CORE_RE_SMF_TIME,     /* [ Nov  5 10:00:01 ... ] */
	CORE_RE_COUNT
};

#define SCAN_FORMATS_MAX 16
#define SCAN_REGEX_MAX 32     /* the core's and every format's together */
#define SCAN_CAPTURES_MAX 9   /* capture groups in one regex (match data holds them) */

/* Compiled once from the core's sources and each row's, in table order;
 * read-only afterwards, so any number of scanners may share it. */
struct vt_scan_patterns {
	pcre2_code *re[SCAN_REGEX_MAX];
	const char *const *rows[SCAN_FORMATS_MAX]; /* scan_formats[f]->regexes ... */
	size_t first[SCAN_FORMATS_MAX];            /* ... whose regex i is re[first[f] + i] */
	size_t n;
	bool jit;
};

/* Captures of the last match: ovector pairs, PCRE2_UNSET when unset. */
struct scan_match {
	const char *subject;
	PCRE2_SIZE *ov;
	int n;
};

#define EXCERPT_LINE_MAX 240
#define MSG_MAX 8192
#define COLLECT_LINES_MAX 80
#define PENDING_MAX 16
#define PAIR_WINDOW 2000   /* lines a record waits for its panic (and vice versa) */

/* One log format is one file (scan_fmt_*.c) and one row of scan_formats[]
 * (scan_formats.c). The scanner calls a row's hooks in this order for each
 * line, stopping at the first that takes it:
 *   collect  every line while the format is busy, before anything else
 *            (a multi-line message it has begun);
 *   json     a JSON line that holds one of the format's keywords;
 *   follow   every text line, keyword or not (continuation lines, register
 *            dumps that may precede their header): gate cheaply;
 *   start    a text line that holds one of the keywords.
 * flush ends what is open (end of source, a restart); expire runs after each
 * line read (report what waited too long); drop frees held crashes without
 * reporting them. Any hook may be NULL. State is per scanner, state_size
 * bytes, zeroed at creation and by drop. Keywords feed the grep-fast
 * pre-filter: while no format is busy, lines without any keyword are
 * skipped unread, so a format must name every line that can begin a crash. */
struct scan_keyword {
	const char *text;  /* the keyword as it stands in the line */
	unsigned at;       /* where in text its anchor is: a byte that is rare in logs */
	/* More to check where text starts at p, or NULL; lo bounds look-behind. */
	bool (*ok)(const char *lo, const char *p, const char *end);
	/* Found also when a terminal's hard wrap cut it in two (one newline
	 * inside): the format then joins the line with the one before. */
	bool wraps;
};

struct scan_format {
	const char *name;
	size_t state_size;
	const struct scan_keyword *keywords;
	size_t nkeywords;
	bool (*collect)(struct vt_scanner *s, void *st, const char *line, size_t len);
	bool (*json)(struct vt_scanner *s, void *st, const char *line, size_t len);
	bool (*follow)(struct vt_scanner *s, void *st, const char *line, size_t len);
	bool (*start)(struct vt_scanner *s, void *st, const char *line, size_t len);
	bool (*busy)(const void *st);
	void (*flush)(struct vt_scanner *s, void *st, bool eof);
	void (*expire)(struct vt_scanner *s, void *st);
	void (*drop)(void *st);
	/* PCRE2 sources (byte mode: invalid UTF-8 in a log must not stop a
	 * match) the format matches with scan_match(s, &its_row, i, ...), i an
	 * index of its own; compiled once for all scanners, JIT when PCRE2 has it. */
	const char *const *regexes;
	size_t nregexes;
};

/* scan_formats.c: the table, in the order the hooks are tried. */
extern const struct scan_format *const scan_formats[];
extern const size_t scan_nformats;
/* Group the formats' keywords by anchor into s->anchors. */
int scan_anchors_init(struct vt_scanner *s);
/* The first keyword in p[0..n) (any line of it), or NULL: the pre-filter. */
const char *scan_prefilter(const struct vt_scanner *s, const char *p, size_t n);
#define SCAN_ANCHORS_MAX 16
#define SCAN_ANCHOR_KEYWORDS 8

/* The keywords of every format grouped by anchor byte: one memchr pass per
 * anchor, however many formats share it. */
struct scan_anchor {
	char anchor;
	size_t n;
	const struct scan_keyword *kw[SCAN_ANCHOR_KEYWORDS];
	/* Per keyword, to reject a false hit in a comparison or two: */
	size_t len[SCAN_ANCHOR_KEYWORDS];     /* strlen(text) */
	size_t at[SCAN_ANCHOR_KEYWORDS];      /* the anchor's index in it */
	int next[SCAN_ANCHOR_KEYWORDS];       /* the byte after the anchor, -1 when it ends the keyword */
	uint64_t tail[SCAN_ANCHOR_KEYWORDS];  /* its last 8 bytes (all of it when shorter), as loaded */
	uint8_t follows[32];                  /* bit set: a byte some keyword has after the anchor */
	bool wraps;                           /* some keyword is also found cut by a line break */
};

/* A message being gathered over several lines (scan_collect.c), part of a
 * format's state: a panic, a standalone exit line, a pretty record. */
enum collect_kind { COLLECT_NONE = 0, COLLECT_PANIC, COLLECT_STANDALONE, COLLECT_BARE, COLLECT_RECORD };

struct collector {
	enum collect_kind kind;
	struct vt_crash *crash;   /* being filled */
	char msg[MSG_MAX];        /* panic message / record text, lines joined by '\n' */
	size_t msglen;
	int depth;                /* bracket balance of msg */
	size_t width;             /* columns of the last line taken (tabs to 8) */
	int nlines;
	bool rust_old;            /* panicked at '<msg>', file:l:c */
};

struct vt_scanner {
	const struct vt_scan_patterns *pat;
	struct vt_scan_patterns *own;
	struct vt_scan_opts opts;
	struct vt_decoder *decoder;
	pcre2_match_data *md;
	pcre2_match_data *md_time;  /* settle_time's, so it never clobbers a caller's captures */
	struct vt_scan_stats stats;

	char source[VT_CRASH_SOURCE_MAX];
	uint64_t lineno;
	char last_time[VT_CRASH_TIME_MAX];
	/* The last time printed with its date: it places the times after it
	 * that have none ("18:41:28.637Z") or no year ("Jan 10 06:21:06"). */
	char last_full[VT_CRASH_TIME_MAX];
	/* The start of the last slog text line, parsed into last_time only when
	 * a crash needs it: a regex on every line would cost more than the scan. */
	char raw_time[VT_CRASH_TIME_MAX];
	size_t raw_time_len;
	unsigned starts, restarts;
	int stop;                 /* a callback's nonzero return */

	struct vt_crash *pending[PENDING_MAX];
	size_t npending;

	void *state[SCAN_FORMATS_MAX]; /* scan_formats[i]'s */
	char *unwrapped;          /* an envelope's text (max_line bytes, made on first use) */
	/* The raw line before the one being read, when the stream still holds
	 * it (NULL otherwise): scan_prev_line() gives it unquoted. */
	const char *prev;
	size_t prev_len;
	bool in_envelope;         /* reading an envelope's lines: prev is not theirs */
	struct scan_anchor anchors[SCAN_ANCHORS_MAX];
	size_t nanchors;
};

/* scan_re.c: compile a regex into p (owner and i name it in an error), the
 * core's; match line against regex i of format f (NULL: the core's,
 * enum scan_core_re); the captures stay valid until the next match. */
int scan_re_compile(struct vt_scan_patterns *p, const char *owner, size_t i, const char *src,
		    struct vt_error *err);
int scan_re_compile_core(struct vt_scan_patterns *p, struct vt_error *err);
bool scan_match(struct vt_scanner *s, const struct scan_format *f, unsigned i, const char *line, size_t len,
		struct scan_match *m);
/* Capture i as pointer + length; false when unset. */
bool scan_cap(const struct scan_match *m, int i, const char **p, size_t *n);

/* A line at least this wide may have been cut by a terminal or a mail
 * client (72 to 80 columns); its rest then follows on the next line. */
#define SCAN_WRAP_COLUMNS 72

/* scan_util.c */
/* Columns a line takes on a terminal, tabs to multiples of 8. */
size_t scan_width(const char *line, size_t len);
void scan_excerpt_add(char *excerpt, size_t size, const char *line, size_t len);
void scan_copy(char *dst, size_t size, const char *src, size_t n);
bool scan_json_time(const char *line, size_t len, char *out, size_t size);
/* Whether s stands at p (within end) / ends just before p (after line). */
static inline bool scan_at(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);
	return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

static inline bool scan_before(const char *line, const char *p, const char *s)
{
	size_t n = strlen(s);
	return (size_t)(p - line) >= n && memcmp(p - n, s, n) == 0;
}

/* scan_core.c */
struct vt_crash *scan_crash_new(struct vt_scanner *s);
void scan_warn(struct vt_scanner *s, const char *msg);
/* Hand over a finished crash (pairs with a pending partner). Takes ownership. */
void scan_submit(struct vt_scanner *s, struct vt_crash *c);
/* Report held crashes that started before line `before` (all: UINT64_MAX), in order. */
void scan_flush_pending(struct vt_scanner *s, uint64_t before);
/* The time at the start of a line (slog pretty / slog-term) as the crash's own. */
void scan_own_time(struct vt_scanner *s, const char *line, size_t len, struct vt_crash *c);
/* The line before the current one, as the formats see lines (mail quoting
 * and CR dropped); false when it is not at hand (line-by-line callers, the
 * first line of a read, a line inside an envelope). */
bool scan_prev_line(const struct vt_scanner *s, const char **line, size_t *len);

/* scan.c */
/* Whether no format is busy: lines without keywords can then be skipped wholesale. */
bool scan_idle(const struct vt_scanner *s);
/* Take the time a line carries (JSON, SMF, slog text); false when none. */
bool scan_note_time(struct vt_scanner *s, const char *line, size_t len);
/* Take a line's time into last_full when it has its date; false when not. */
bool scan_note_full_time(struct vt_scanner *s, const char *line, size_t len);
/* Lines skipped unread: count them, keep the pair window moving. */
void scan_skip(struct vt_scanner *s, uint64_t lines, uint64_t bytes);
/* scan_collect.c: the multi-line message collector propolis' formats share. */
void scan_collect_begin(struct vt_scanner *s, struct collector *col, enum collect_kind kind,
			struct vt_crash *c);
/* Append a line to the message, trimmed, joined by one space. */
void scan_collect_add(struct collector *col, const char *p, size_t n);
/* The message is complete (or cut off): parse it and hand the crash over. */
void scan_collect_finish(struct vt_scanner *s, struct collector *col, bool cut);
/* End the collector (at end of source: truncated when still open). */
void scan_collect_end(struct vt_scanner *s, struct collector *col, bool eof);
/* A line of an open panic / standalone / bare message (a collect hook): true when taken. */
bool scan_collect_message(struct vt_scanner *s, void *st, const char *line, size_t len);
/* A line that can only begin something else (blank, JSON, SMF, a panic). */
bool scan_collect_ends(const char *line, size_t len);
/* A message that starts on this line at `at` (standalone exit line, bare
 * "vCPU N: Unhandled"): collected, and finished at once when its brackets close. */
void scan_collect_line(struct vt_scanner *s, struct collector *col, enum collect_kind kind, struct vt_crash *c,
		       const char *line, size_t at, size_t len);
/* The first line of an old-form panic, after "panicked at '". */
void scan_collect_old_first(struct vt_scanner *s, struct collector *col, const char *p, size_t n);
bool scan_collect_busy(const void *st);
void scan_collect_flush(struct vt_scanner *s, void *st, bool eof);
void scan_collect_drop(void *st);

/* scan_regs.c */
void scan_regs_line(const char *line, size_t len, struct vt_regs *regs);
void scan_regs_text(const char *text, size_t len, struct vt_regs *regs);

/* scan_message.c */
/* A complete panic (or standalone line) message -> crash facts. false: not a VM exit. */
bool scan_parse_message(const char *msg, size_t n, struct vt_crash *c);

/* scan_envelope.c */
/* Strip mail quoting ("> ", ">> ") from the start of a line. */
size_t scan_unquote(const char **line, size_t len);
/* A Docker json-file or journalctl JSON line: its text, unescaped into out
 * (cut at cap); 0 when the line is neither. */
size_t scan_envelope(const char *line, size_t len, char *out, size_t cap);
/* A journal line's __REALTIME_TIMESTAMP as RFC 3339 UTC. */
bool scan_journal_time(const char *line, size_t len, char *out, size_t size);

/* The rows (scan_fmt_*.c). */
extern const struct scan_format scan_fmt_panic, scan_fmt_standalone, scan_fmt_record, scan_fmt_qemu,
	scan_fmt_bhyve;

#endif
