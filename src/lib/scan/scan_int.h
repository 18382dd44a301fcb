/* Scanner internals shared by scan*.c (not installed). */
#ifndef VMTRIAGE_SCAN_INT_H
#define VMTRIAGE_SCAN_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "util/bytestr.h"
#include "vmtriage/scan.h"

enum scan_re {
	RE_PANIC_HEAD = 0,    /* thread 'NAME' panicked at REST */
	RE_OLD_END,       /* ', file:l:c at the end of an old-style panic */
	RE_BARE,          /* vCPU N: Unhandled ... at line start */
	RE_STANDALONE,    /* Unhandled exit @rip:HEX REST */
	RE_RECORD,        /* PR #795 record messages */
	RE_LINE_TIME,     /* slog pretty / slog-term time prefix */
	RE_SMF_TIME,      /* [ Nov  5 10:00:01 ... ] */
	RE_KVM_HEADER,    /* KVM internal error. Suberror: N */
	RE_EXTRA,         /* extra data[i]: HEX */
	RE_COUNT
};

struct vt_scan_patterns {
	pcre2_code *re[RE_COUNT];
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
#define MERGE_WINDOW 2000   /* lines a record waits for its panic (and vice versa) */
#define QEMU_MAX 8
#define QEMU_WAIT 500        /* lines a KVM header waits for its register dump */

/* A message being gathered over several lines (a panic or a record). */
enum collect_kind { COLLECT_NONE = 0, COLLECT_PANIC, COLLECT_STANDALONE, COLLECT_BARE, COLLECT_RECORD };

struct collector {
	enum collect_kind kind;
	struct vt_crash *crash;   /* being filled */
	char msg[MSG_MAX];        /* panic message / record text, lines joined by '\n' */
	size_t msglen;
	int depth;                /* bracket balance of msg */
	int nlines;
	bool old_form;            /* panicked at '<msg>', file:l:c */
};

struct qemu_header {
	struct vt_crash *crash;   /* header facts so far */
	bool failure_seen;        /* "emulation failure" */
};

struct qemu_dump {
	bool used;
	bool done;                /* Code= seen */
	bool paired;
	int last;                 /* line type of the last line taken */
	int wide;                 /* 1: 64-bit layout (RAX=), 0: 32-bit (EAX=) */
	uint32_t seen;            /* bit per line type */
	bool has_code;
	uint8_t code[VT_INSN_MAX];
	size_t ncode;
	struct vt_regs regs;
	uint64_t line;
	char excerpt[VT_CRASH_EXCERPT_MAX];
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

	struct collector col;
	struct vt_crash *pending[PENDING_MAX];
	size_t npending;

	struct qemu_header qh[QEMU_MAX];
	size_t nqh;
	struct qemu_dump qd[QEMU_MAX];
};

/* scan_re.c */
bool scan_match(struct vt_scanner *s, enum scan_re re, const char *line, size_t len,
		struct scan_match *m);
/* Capture i as pointer + length; false when unset. */
bool scan_cap(const struct scan_match *m, int i, const char **p, size_t *n);

/* scan_util.c */
void scan_excerpt_add(char *excerpt, size_t size, const char *line, size_t len);
void scan_copy(char *dst, size_t size, const char *src, size_t n);
bool scan_json_time(const char *line, size_t len, char *out, size_t size);
/* The first keyword worth a regex in p[0..n), or NULL (cheap prefilter). */
const char *scan_keyword(const char *p, size_t n);

/* scan.c */
struct vt_crash *scan_crash_new(struct vt_scanner *s);
void scan_warn(struct vt_scanner *s, const char *msg);
/* Whether nothing is open (no message, record or QEMU report): lines without
 * keywords can then be skipped wholesale. */
bool scan_idle(const struct vt_scanner *s);
/* Take the time a line carries (JSON, SMF, slog text); false when none. */
bool scan_note_time(struct vt_scanner *s, const char *line, size_t len);
/* Lines skipped unread: count them, keep the merge window moving. */
void scan_skip(struct vt_scanner *s, uint64_t lines, uint64_t bytes);
/* Hand over a finished crash (merges with a pending partner). Takes ownership. */
void scan_submit(struct vt_scanner *s, struct vt_crash *c);

/* scan_propolis.c */
void scan_regs_line(const char *line, size_t len, struct vt_regs *regs);
void scan_regs_text(const char *text, size_t len, struct vt_regs *regs);
/* A complete panic (or standalone line) message -> crash facts. false: not a VM exit. */
bool scan_parse_message(const char *msg, size_t n, struct vt_crash *c);
/* Try a PR #795 JSON record; true when the line was one. */
bool scan_json_record(struct vt_scanner *s, const char *line, size_t len);
/* Start a collector at a plain-text line; true when the line was taken. */
bool scan_text_start(struct vt_scanner *s, const char *line, size_t len);
/* Feed a line to the active collector: true when taken (the collector may have ended). */
bool scan_collect(struct vt_scanner *s, const char *line, size_t len);
/* End the active collector (at end of source: truncated). */
void scan_collect_end(struct vt_scanner *s, bool eof);

/* scan_qemu.c */
bool scan_qemu_line(struct vt_scanner *s, const char *line, size_t len);
bool scan_qemu_text(struct vt_scanner *s, const char *line, size_t len);
void scan_qemu_flush(struct vt_scanner *s);
void scan_qemu_expire(struct vt_scanner *s);

#endif
