#include "vmtriage/bytes.h"

#include "util/util_int.h"

#include <stdio.h>
#include <string.h>

#define MAX_TOKENS 64

enum token_kind {
	TOK_SHORT,   /* 1-2 hex digits, no prefix: "6e", "10", "7" */
	TOK_DIG3,    /* exactly three decimal digits: "243" */
	TOK_0X,      /* 0x + 1-2 hex digits */
	TOK_BSX,     /* one or more \xHH */
	TOK_HEXRUN,  /* an unseparated run of hex digit pairs: "f36eeb0a" */
	TOK_BAD
};

struct token {
	const char *s;
	size_t n;
	enum token_kind kind;
};

/* A table: tokenizing tests every byte of every pasted line. */
static inline bool is_sep(char c)
{
	static const bool sep[256] = {
		[' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, [','] = 1, [';'] = 1,
		[':'] = 1, ['['] = 1, [']'] = 1, ['"'] = 1, ['{'] = 1, ['}'] = 1,
	};
	return sep[(unsigned char)c];
}

static bool is_dec(char c) { return c >= '0' && c <= '9'; }

static bool all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (util_hex_digit(s[i]) < 0)
			return false;
	return n > 0;
}

static bool all_dec(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_dec(s[i]))
			return false;
	return n > 0;
}

static bool has_letter(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (util_hex_digit(s[i]) >= 10)
			return true;
	return false;
}

static bool is_bsx(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (n - i < 3 || s[i] != '\\' || (s[i + 1] != 'x' && s[i + 1] != 'X'))
			return false;
		i += 2;
		size_t d = 0;
		while (i < n && d < 2 && util_hex_digit(s[i]) >= 0)
			i++, d++;
		if (d == 0)
			return false;
	}
	return n > 0;
}

static enum token_kind classify_token(const char *s, size_t n)
{
	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return (n <= 4 && all_hex(s + 2, n - 2)) ? TOK_0X : TOK_BAD;
	if (s[0] == '\\')
		return is_bsx(s, n) ? TOK_BSX : TOK_BAD;
	if (!all_hex(s, n))
		return TOK_BAD;
	if (n <= 2)
		return TOK_SHORT;
	if (n == 3 && all_dec(s, n))
		return TOK_DIG3;
	return TOK_HEXRUN;
}

static size_t tokenize(const char *text, size_t n, struct token *toks, size_t max,
		       bool *colon, size_t *total)
{
	size_t count = 0;
	*colon = false;
	*total = 0;
	for (size_t i = 0; i < n;) {
		if (is_sep(text[i])) {
			if (text[i] == ':')
				*colon = true;
			i++;
			continue;
		}
		size_t start = i;
		while (i < n && !is_sep(text[i]))
			i++;
		if (count < max) {
			toks[count].s = text + start;
			toks[count].n = i - start;
			toks[count].kind = classify_token(text + start, i - start);
		}
		count++;
	}
	*total = count;
	return count < max ? count : max;
}

static enum vt_radix auto_radix(const struct token *toks, size_t n, bool colon, bool *ambiguous)
{
	bool any_dig3 = false, any_big = false;
	*ambiguous = false;
	if (colon)
		return VT_RADIX_HEX;
	for (size_t i = 0; i < n; i++) {
		const struct token *t = &toks[i];
		switch (t->kind) {
		case TOK_0X: case TOK_BSX: case TOK_HEXRUN:
			return VT_RADIX_HEX;
		case TOK_SHORT:
			/* Rust Debug never prints letters or zero padding in decimal. */
			if (has_letter(t->s, t->n) || (t->n == 2 && t->s[0] == '0'))
				return VT_RADIX_HEX;
			if (t->n == 2)
				any_big = true;
			break;
		case TOK_DIG3:
			any_dig3 = true;
			break;
		case TOK_BAD:
			break;
		}
	}
	if (!any_dig3 && any_big)
		*ambiguous = true;
	return VT_RADIX_DEC;
}

static int token_error(struct vt_error *err, size_t index, const struct token *t, const char *why)
{
	return vt_error_set(err, VT_ERR_INPUT, "token %zu \"%.*s\" is not a %sbyte", index + 1,
			    (int)(t->n > 40 ? 40 : t->n), t->s, why);
}

static int push(uint8_t *bytes, size_t max, size_t *count, unsigned v, struct vt_error *err)
{
	if (*count >= max)
		return vt_error_set(err, VT_ERR_INPUT,
				    "more than %zu bytes given; an instruction exit carries at most %zu",
				    max, max);
	bytes[(*count)++] = (uint8_t)v;
	return VT_OK;
}

static int emit_hex_pairs(const char *s, size_t n, uint8_t *bytes, size_t max, size_t *count,
			  struct vt_error *err)
{
	for (size_t i = 0; i + 1 < n; i += 2) {
		int rc = push(bytes, max, count, (unsigned)(util_hex_digit(s[i]) * 16 + util_hex_digit(s[i + 1])), err);
		if (rc)
			return rc;
	}
	return VT_OK;
}

static int emit_token(const struct token *t, size_t index, enum vt_radix radix, uint8_t *bytes,
		      size_t max, size_t *count, struct vt_error *err)
{
	unsigned v = 0;
	switch (t->kind) {
	case TOK_BAD:
		return token_error(err, index, t, "");
	case TOK_BSX:
		if (radix == VT_RADIX_DEC)
			return token_error(err, index, t, "decimal ");
		for (size_t i = 0; i < t->n;) {
			i += 2; /* "\x" */
			v = 0;
			for (size_t d = 0; d < 2 && i < t->n && t->s[i] != '\\'; d++, i++)
				v = v * 16 + (unsigned)util_hex_digit(t->s[i]);
			int rc = push(bytes, max, count, v, err);
			if (rc)
				return rc;
		}
		return VT_OK;
	case TOK_0X:
		if (radix == VT_RADIX_DEC)
			return token_error(err, index, t, "decimal ");
		for (size_t i = 2; i < t->n; i++)
			v = v * 16 + (unsigned)util_hex_digit(t->s[i]);
		return push(bytes, max, count, v, err);
	case TOK_HEXRUN:
		if (radix == VT_RADIX_DEC)
			return token_error(err, index, t, all_dec(t->s, t->n) ? "" : "decimal ");
		if (t->n % 2)
			return vt_error_set(err, VT_ERR_INPUT,
					    "token %zu \"%.*s\" has an odd number of hex digits",
					    index + 1, (int)(t->n > 40 ? 40 : t->n), t->s);
		return emit_hex_pairs(t->s, t->n, bytes, max, count, err);
	case TOK_SHORT:
	case TOK_DIG3:
		if (radix == VT_RADIX_DEC) {
			if (!all_dec(t->s, t->n))
				return token_error(err, index, t, "decimal ");
			for (size_t i = 0; i < t->n; i++)
				v = v * 10 + (unsigned)(t->s[i] - '0');
			if (v > 255)
				return vt_error_set(err, VT_ERR_INPUT,
						    "token %zu \"%.*s\" is not a byte (decimal bytes run 0-255)",
						    index + 1, (int)t->n, t->s);
		} else {
			if (t->kind == TOK_DIG3)
				return vt_error_set(err, VT_ERR_INPUT,
						    "token %zu \"%.*s\" is not a byte (hex bytes have at most 2 digits)",
						    index + 1, (int)t->n, t->s);
			for (size_t i = 0; i < t->n; i++)
				v = v * 16 + (unsigned)util_hex_digit(t->s[i]);
		}
		return push(bytes, max, count, v, err);
	}
	return VT_ERR_INTERNAL;
}

int vt_bytes_parse_list(const char *text, size_t n, enum vt_radix radix, uint8_t *bytes,
			size_t max, size_t *count, enum vt_radix *chosen, bool *ambiguous,
			struct vt_error *err)
{
	struct token toks[MAX_TOKENS];
	bool colon, amb = false;
	size_t total;
	size_t ntok = tokenize(text, n, toks, MAX_TOKENS, &colon, &total);

	*count = 0;
	if (ntok == 0)
		return vt_error_set(err, VT_ERR_INPUT, "no bytes given");
	if (radix == VT_RADIX_AUTO)
		radix = auto_radix(toks, ntok, colon, &amb);
	for (size_t i = 0; i < ntok; i++) {
		int rc = emit_token(&toks[i], i, radix, bytes, max, count, err);
		if (rc)
			return rc;
	}
	if (total > ntok)
		return vt_error_set(err, VT_ERR_INPUT,
				    "more than %zu bytes given; an instruction exit carries at most %zu",
				    max, max);
	if (chosen)
		*chosen = radix;
	if (ambiguous)
		*ambiguous = amb;
	return VT_OK;
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

/* A number at *pp (before end); *pp moves past it. */
static bool parse_uint(const char **pp, const char *end, unsigned base, uint64_t *out)
{
	size_t used;
	if (!util_parse_u64(*pp, (size_t)(end - *pp), base, out, &used))
		return false;
	*pp += used;
	return true;
}

static void parse_vcpu(const char *s, size_t n, struct vt_exit_bytes *out)
{
	const char *p = util_memfind(s, n, "vCPU ");
	uint64_t v;
	if (p) {
		p += 5;
		if (parse_uint(&p, s + n, 10, &v) && v < 65536)
			out->vcpu = (int)v;
	}
}

static bool parse_rip_after(const char *s, size_t n, const char *key, struct vt_exit_bytes *out)
{
	const char *p = util_memfind(s, n, key);
	if (!p)
		return false;
	p += strlen(key);
	out->has_rip = parse_uint(&p, s + n, 16, &out->rip); /* "0x" optional */
	return out->has_rip;
}

/* The list inside `[...]` starting at p; returns its end or NULL. */
static const char *bracket_end(const char *p, const char *end)
{
	if (p >= end || *p != '[')
		return NULL;
	for (const char *q = p; q < end; q++)
		if (*q == ']')
			return q;
	return NULL;
}

static int parse_inst_data(const char *s, size_t n, const char *at, enum vt_radix force,
			   struct vt_exit_bytes *out, struct vt_error *err)
{
	const char *end = s + n;
	const char *p = skip_space(at + strlen("inst_data:"), end);
	const char *lenp;
	uint64_t len;

	if (util_memfind(p, (size_t)(end - p), "<guest data redacted>") == p) {
		out->redacted = true;
		p += strlen("<guest data redacted>");
	} else {
		const char *close = bracket_end(p, end);
		if (!close)
			return vt_error_set(err, VT_ERR_INPUT,
					    "inst_data is neither a [...] list nor <guest data redacted>");
		/* Rust's Debug of [u8; 15] is decimal by definition. */
		out->radix = force == VT_RADIX_AUTO ? VT_RADIX_DEC : force;
		int rc = vt_bytes_parse_list(p + 1, (size_t)(close - p - 1), out->radix, out->bytes,
					     VT_INSN_MAX, &out->count, NULL, NULL, err);
		if (rc)
			return rc;
		p = close + 1;
	}
	lenp = util_memfind(p, (size_t)(end - p), "len:");
	if (lenp) {
		lenp = skip_space(lenp + 4, end);
		if (!parse_uint(&lenp, end, 10, &len) || len > 255)
			return vt_error_set(err, VT_ERR_INPUT, "len is not a number");
		if (len > VT_INSN_MAX)
			return vt_error_set(err, VT_ERR_INPUT,
					    "len %u is over the 15-byte instruction limit", (unsigned)len);
		out->len = (int)len;
	}
	return VT_OK;
}

static size_t hex_digits_at(const char *p, const char *end)
{
	size_t d = 0;
	while (p + d < end && util_hex_digit(p[d]) >= 0)
		d++;
	return d;
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* The byte columns of a hexdump line, its offset and text column dropped:
 * xxd "00000010: f36e 4c89  .nL.", hexdump -C "00000010  f3 6e 4c 89  |.nL.|",
 * od -tx1 "0000020 f3 6e", or a pasted "0000: f3 6e". An offset read as bytes
 * would put zeros in front of the instruction, so it is never decoded.
 * Returns 1 when a dump was found (*from, *to set), 0 when not, or an error. */
static int hexdump_columns(const char *text, size_t n, const char **from, const char **to,
			   struct vt_exit_bytes *out, struct vt_error *err)
{
	const char *end = text + n, *p = skip_space(text, end);
	size_t d = hex_digits_at(p, end);
	const char *q = p + d, *bar;
	bool colon = q < end && *q == ':' && (q + 1 == end || is_blank(q[1]));

	if (colon ? d < 4 || d > 16 : d < 6 || d > 16 || q >= end || !is_blank(*q))
		return 0;
	q = skip_space(q + colon, end);
	size_t next = hex_digits_at(q, end);
	if (!colon && d == 7 && next == 4)
		return vt_error_set(err, VT_ERR_INPUT,
				    "this is hexdump's default output, 16-bit words with their bytes swapped: use hexdump -C or xxd");
	if (!colon && (next != 2 || (q + 2 < end && !is_blank(q[2]))))
		return 0; /* a long hex run, not an offset */
	*from = q;
	*to = end;
	if ((bar = memchr(q, '|', (size_t)(end - q))) != NULL)
		*to = bar; /* hexdump -C: |text| */
	else if (colon)
		for (const char *c = q; c + 1 < end; c++)
			if (c[0] == ' ' && c[1] == ' ') { /* xxd: two spaces, then the text */
				*to = c;
				break;
			}
	out->notation = VT_NOTATION_HEXDUMP;
	snprintf(out->warning, sizeof out->warning, "a hexdump line: its offset \"%.*s\"%s not decoded",
		 (int)d, p, *to < end ? " and its text column" : "");
	return 1;
}

/* A C initializer: the list between the braces. */
static bool c_array(const char *text, size_t n, const char **from, const char **to)
{
	const char *open = memchr(text, '{', n);
	const char *close = open ? memchr(open, '}', (size_t)(text + n - open)) : NULL;
	if (!close)
		return false;
	*from = open + 1;
	*to = close;
	return true;
}

/* A JSON member as other commands print it ("bytes": "f36e", "inst_data": [243, 110]):
 * the value alone. */
static const char *json_member_value(const char *text, const char *end)
{
	const char *p = skip_space(text, end), *q;
	if (p >= end || *p != '"' || !(q = memchr(p + 1, '"', (size_t)(end - p - 1))))
		return text;
	for (const char *c = p + 1; c < q; c++)
		if (!((*c >= 'a' && *c <= 'z') || *c == '_'))
			return text;
	q = skip_space(q + 1, end);
	return q < end && *q == ':' ? q + 1 : text;
}

static int parse_bare(const char *text, size_t n, enum vt_radix force, struct vt_exit_bytes *out,
		      struct vt_error *err)
{
	const char *end = text + n, *from = json_member_value(text, end), *to = end;
	int rc;

	if ((rc = hexdump_columns(from, (size_t)(end - from), &from, &to, out, err)) < 0)
		return rc;
	if (rc == 1) {
		/* A dump line holds 16 bytes: the instruction is in the first 15. */
		uint8_t line[MAX_TOKENS];
		size_t count;
		rc = vt_bytes_parse_list(from, (size_t)(to - from), force == VT_RADIX_AUTO ? VT_RADIX_HEX : force,
					 line, sizeof line, &count, &out->radix, &out->ambiguous, err);
		out->count = count < VT_INSN_MAX ? count : VT_INSN_MAX;
		memcpy(out->bytes, line, out->count);
		if (count > VT_INSN_MAX) {
			size_t used = strlen(out->warning);
			snprintf(out->warning + used, sizeof out->warning - used, ", nor %zu byte%s past the 15th",
				 count - VT_INSN_MAX, count - VT_INSN_MAX == 1 ? "" : "s");
		}
		return rc;
	}
	if (c_array(from, (size_t)(end - from), &from, &to))
		out->notation = VT_NOTATION_C_ARRAY;
	return vt_bytes_parse_list(from, (size_t)(to - from), force, out->bytes, VT_INSN_MAX, &out->count,
				   &out->radix, &out->ambiguous, err);
}

int vt_bytes_parse(const char *text, size_t n, enum vt_radix force, struct vt_exit_bytes *out,
		   struct vt_error *err)
{
	const char *at;

	memset(out, 0, sizeof *out);
	out->len = -1;
	out->vcpu = -1;
	out->notation = VT_NOTATION_LIST;

	if ((at = util_memfind(text, n, "inst_data:")) != NULL) {
		out->notation = parse_rip_after(text, n, "@rip:", out) ? VT_NOTATION_STANDALONE : VT_NOTATION_PANIC;
		parse_vcpu(text, n, out);
		return parse_inst_data(text, n, at, force, out, err);
	}
	if ((at = util_memfind(text, n, "unemulated instruction")) != NULL) {
		const char *end = text + n;
		const char *p = skip_space(at + strlen("unemulated instruction"), end);
		const char *close = bracket_end(p, end);
		if (!close)
			return vt_error_set(err, VT_ERR_INPUT, "no [...] byte list after \"unemulated instruction\"");
		out->notation = VT_NOTATION_UNEMULATED;
		/* {:x?} printed only the valid bytes, in hex. */
		out->radix = force == VT_RADIX_AUTO ? VT_RADIX_HEX : force;
		int rc = vt_bytes_parse_list(p + 1, (size_t)(close - p - 1), out->radix, out->bytes,
					     VT_INSN_MAX, &out->count, NULL, NULL, err);
		if (rc)
			return rc;
		out->len = (int)out->count;
		parse_rip_after(close, (size_t)(end - close), "rip:", out);
		parse_vcpu(text, n, out);
		return VT_OK;
	}
	/* QEMU's "Code=" or qemu-kvm 0.12's "code: .. --> ..": one reader, the scanner's too. */
	if ((at = util_memfind(text, n, "Code=")) != NULL ||
	    ((at = util_memfind(text, n, "code:")) != NULL && util_memfind(at, (size_t)(text + n - at), "-->"))) {
		at += strlen("Code=");
		out->notation = VT_NOTATION_QEMU_CODE;
		out->radix = VT_RADIX_HEX; /* QEMU prints %02x */
		out->count = vt_bytes_parse_qemu_code(at, (size_t)(text + n - at), out->bytes, VT_INSN_MAX);
		if (out->count == 0)
			return vt_error_set(err, VT_ERR_INPUT,
					    "the Code= line has no readable byte in <> (the one at RIP)");
		return VT_OK;
	}
	if (util_memfind(text, n, "Unhandled VM exit:") || util_memfind(text, n, "Unhandled exit @rip:"))
		return vt_error_set(err, VT_ERR_INPUT,
				    "this exit carries no instruction bytes (use vmtriage scan for other exit kinds)");
	return parse_bare(text, n, force, out, err);
}

size_t vt_exit_bytes_valid(const struct vt_exit_bytes *eb)
{
	if (eb->len >= 0 && (size_t)eb->len < eb->count)
		return (size_t)eb->len;
	return eb->count;
}

const char *vt_radix_name(enum vt_radix radix)
{
	switch (radix) {
	case VT_RADIX_DEC: return "decimal";
	case VT_RADIX_HEX: return "hex";
	default: return "auto";
	}
}

const char *vt_input_notation_name(enum vt_input_notation form)
{
	switch (form) {
	case VT_NOTATION_PANIC: return "panic";
	case VT_NOTATION_UNEMULATED: return "unemulated";
	case VT_NOTATION_STANDALONE: return "standalone";
	case VT_NOTATION_QEMU_CODE: return "qemu-code";
	case VT_NOTATION_C_ARRAY: return "c-array";
	case VT_NOTATION_HEXDUMP: return "hexdump";
	default: return "list";
	}
}
