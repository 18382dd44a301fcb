/* Output helpers shared by every report: output formats, wrapped
 * paragraphs, hex bytes, text made safe for a terminal, colour. (JSON
 * values: vmtriage/json.h and vmtriage/jsonw.h.) */
#ifndef VMTRIAGE_OUTPUT_H
#define VMTRIAGE_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum vt_format { VT_FORMAT_TEXT = 0, VT_FORMAT_JSON, VT_FORMAT_NDJSON };

/* How text reports are laid out. */
struct vt_style {
	bool color;      /* ANSI colour (decided by the CLI: TTY, NO_COLOR, --color) */
	unsigned width;  /* terminal width for tables and prose; 0: no limit (not a terminal) */
};

/* Prose wraps at the terminal's width, but never wider than this: long
 * lines are hard to read, and piped output has no width of its own. */
#define VT_PROSE_WIDTH 100

/* Write `text` wrapped to style->width (at most VT_PROSE_WIDTH), every line indented by `indent`
 * columns, the first one after `first_col` columns already written. */
void vt_out_wrap(FILE *fp, const struct vt_style *style, unsigned indent, unsigned first_col,
		 const char *text);

/* "f3 6e eb" (sep ' ') or "f36eeb" (sep 0) into buf. */
void vt_hex_bytes(const uint8_t *bytes, size_t n, char sep, char *buf, size_t bufsize);

/* Lowercase hex of v without leading zeros or "0x" into out (at most 16
 * characters, not NUL-terminated); returns the length. */
size_t vt_hex_u64(uint64_t v, char out[16]);

/* Untrusted text (file and member names, log lines and excerpts, table
 * cells, server error bodies) made safe for a terminal: C0 (but tab) and C1
 * control characters, DEL, bidi controls (U+202E...), line separators and invalid
 * UTF-8 become visible escapes ("\x1b", "\u{202e}"); all else is unchanged.
 * Every text report passes input-derived strings through one of these. */
/* Escape s[0..n) into out (always NUL-terminated when size > 0); returns
 * the escaped length, as snprintf does. */
size_t vt_text_escape(const char *s, size_t n, char *out, size_t size);
/* The NUL-terminated s escaped into buf; returns buf ("" for NULL). */
const char *vt_text_safe(const char *s, char *buf, size_t size);
/* Write s[0..n) (or NUL-terminated s) escaped; 0, or -1 on a write error. */
int vt_text_write(FILE *fp, const char *s, size_t n);
int vt_text_puts(FILE *fp, const char *s);

/* SGR colour wrappers: return "" when colour is off. */
const char *vt_sgr(const struct vt_style *style, const char *code);
#define VT_SGR_BOLD "1"
#define VT_SGR_RED "31"
#define VT_SGR_GREEN "32"
#define VT_SGR_YELLOW "33"
#define VT_SGR_CYAN "36"
#define VT_SGR_DIM "2"
#define VT_SGR_RESET "0"

#endif
