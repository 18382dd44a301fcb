/* Signatures, hashes and grouping. */
#include "vmtriage/cluster.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_prefix_word(const char *p, size_t n)
{
	static const char *const words[] = { "rep", "repe", "repne", "repz", "repnz", "lock", "notrack",
					     "bnd", "xacquire", "xrelease", "data16", "addr32", NULL };
	for (int i = 0; words[i]; i++)
		if (strlen(words[i]) == n && strncmp(p, words[i], n) == 0)
			return true;
	return false;
}

/* The length of an operand-size word ("byte ptr ") at p, or 0. Tried
 * only where one can start: this runs for every character of every crash. */
static size_t size_word(const char *p)
{
	static const struct {
		const char *w;
		size_t n;
	} sizes[] = { { "byte ptr ", 9 }, { "word ptr ", 9 }, { "dword ptr ", 10 }, { "qword ptr ", 10 },
		      { "xmmword ptr ", 12 }, { "ymmword ptr ", 12 }, { "tbyte ptr ", 10 }, { "xword ptr ", 10 } };
	if (*p != 'b' && *p != 'w' && *p != 'd' && *p != 'q' && *p != 'x' && *p != 'y' && *p != 't')
		return 0;
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		if (strncmp(p, sizes[i].w, sizes[i].n) == 0)
			return sizes[i].n;
	return 0;
}

/* Operands without sizes and spaces, numbers as N. */
static size_t put_operands(const char *p, char *out, size_t o, size_t size)
{
	while (*p && o + 1 < size) {
		size_t skip = size_word(p);
		if (skip) {
			p += skip;
			continue;
		}
		bool num_start = isdigit((unsigned char)*p) && (o == 0 || !isalnum((unsigned char)out[o - 1]));
		if (num_start) {
			out[o++] = 'N';
			p += (p[0] == '0' && p[1] == 'x') ? 2 : 0;
			while (isxdigit((unsigned char)*p))
				p++;
			continue;
		}
		if (*p != ' ')
			out[o++] = *p;
		p++;
	}
	return o;
}

void vt_cluster_form(const char *text, char *out, size_t size)
{
	size_t o = 0;
	const char *p = text;

	if (!size)
		return;
	/* Prefix words, then the mnemonic, each followed by one space. */
	for (;;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (!n)
			break;
		bool prefix = is_prefix_word(p, n);
		if (o && o + 1 < size)
			out[o++] = ' ';
		for (size_t i = 0; i < n && o + 1 < size; i++)
			out[o++] = p[i];
		p += n;
		if (!prefix)
			break;
	}
	while (*p == ' ')
		p++;
	if (*p && o + 1 < size) {
		out[o++] = ' ';
		o = put_operands(p, out, o, size);
	}
	out[o] = '\0';
}

/* Classes whose meaning depends on the instruction: their form is part of the signature. */
static bool form_matters(enum vt_class_id cls)
{
	return cls == VT_CLASS_STRING_IO || cls == VT_CLASS_MMIO;
}

void vt_cluster_signature(enum vt_exit_kind kind, enum vt_class_id cls, const char *form, char *out,
			  size_t size)
{
	const struct vt_class *c = vt_class_get(cls);
	bool with_form = form && form[0] && form_matters(cls);
	snprintf(out, size, "%s/%s%s%s", vt_exit_kind_name(kind), c ? c->name : "unknown",
		 with_form ? "/" : "", with_form ? form : "");
}

void vt_cluster_instruction_text(const struct vt_decoded *dec, char *out, size_t size)
{
	out[0] = '\0';
	if (!dec || !dec->faulting.valid)
		return;
	if (dec->is_string_io)
		vt_string_io_text(&dec->sio, out, size);
	else
		snprintf(out, size, "%s", dec->faulting.text);
}

void vt_cluster_signature_of(enum vt_exit_kind kind, enum vt_class_id cls, const struct vt_decoded *dec,
			     char sig[VT_SIG_MAX], char id[VT_SIG_ID_MAX])
{
	char text[sizeof dec->faulting.text], form[VT_FORM_MAX];
	vt_cluster_instruction_text(dec, text, sizeof text);
	vt_cluster_form(text, form, sizeof form);
	vt_cluster_signature(kind, cls, form, sig, VT_SIG_MAX);
	vt_cluster_hash(sig, NULL, 0, id);
}

void vt_cluster_hash(const char *s, const uint8_t *bytes, size_t n, char out[VT_SIG_ID_MAX])
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 0x100000001b3ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ bytes[i]) * 0x100000001b3ull;
	snprintf(out, VT_SIG_ID_MAX, "%012llx", (unsigned long long)(h >> 16));
}

/* qsort has no context argument in C11/POSIX: the input goes through this
 * file-local pointer, guarded so concurrent builds stay correct. */
static const struct vt_cluster_input *sort_in;
static pthread_mutex_t sort_lock = PTHREAD_MUTEX_INITIALIZER;

static int by_signature(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sort_in[i].signature, sort_in[j].signature);
	return c ? c : (i < j ? -1 : i > j);
}

static int cmp_bytes(const struct vt_cluster_input *x, const struct vt_cluster_input *y)
{
	if (x->redacted != y->redacted)
		return x->redacted ? 1 : -1;
	size_t n = x->nbytes < y->nbytes ? x->nbytes : y->nbytes;
	int c = n ? memcmp(x->bytes, y->bytes, n) : 0;
	if (c)
		return c;
	return x->nbytes < y->nbytes ? -1 : x->nbytes > y->nbytes;
}

static int by_bytes(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = cmp_bytes(&sort_in[i], &sort_in[j]);
	return c ? c : (i < j ? -1 : i > j);
}

static int cmp_str(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	return strcmp(x, y);
}

/* Distinct non-NULL strings among in[idx[..]].field. */
static size_t distinct(const size_t *idx, size_t n, bool zones)
{
	const char **v = malloc((n ? n : 1) * sizeof *v);
	size_t m = 0, d = 0;
	if (!v)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const char *s = zones ? sort_in[idx[i]].zone : sort_in[idx[i]].bundle;
		if (s)
			v[m++] = s;
	}
	qsort(v, m, sizeof *v, cmp_str);
	for (size_t i = 0; i < m; i++)
		d += i == 0 || strcmp(v[i - 1], v[i]) != 0;
	free(v);
	return d;
}

static int cmp_variant(const void *a, const void *b)
{
	const struct vt_cluster_variant *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->redacted != y->redacted)
		return x->redacted ? 1 : -1;
	size_t n = x->nbytes < y->nbytes ? x->nbytes : y->nbytes;
	int c = n ? memcmp(x->bytes, y->bytes, n) : 0;
	return c ? c : (x->nbytes < y->nbytes ? -1 : x->nbytes > y->nbytes);
}

static int fill_variants(struct vt_cluster *c, size_t *idx, size_t n)
{
	qsort(idx, n, sizeof *idx, by_bytes);
	c->variants = calloc(n ? n : 1, sizeof *c->variants);
	if (!c->variants)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct vt_cluster_input *x = &sort_in[idx[i]];
		if (i && cmp_bytes(&sort_in[idx[i - 1]], x) == 0) {
			c->variants[c->nvariants - 1].count++;
			continue;
		}
		struct vt_cluster_variant *v = &c->variants[c->nvariants++];
		v->nbytes = x->nbytes < VT_INSN_MAX ? x->nbytes : VT_INSN_MAX;
		if (v->nbytes)
			memcpy(v->bytes, x->bytes, v->nbytes);
		v->redacted = x->redacted;
		v->count = 1;
		vt_cluster_hash(c->signature, v->bytes, v->nbytes, v->id);
	}
	qsort(c->variants, c->nvariants, sizeof *c->variants, cmp_variant);
	return 0;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static int fill_cluster(struct vt_cluster *c, const size_t *group, size_t n)
{
	const struct vt_cluster_input *first = &sort_in[group[0]];
	snprintf(c->signature, sizeof c->signature, "%s", first->signature);
	vt_cluster_hash(c->signature, NULL, 0, c->id);
	c->kind = first->kind;
	c->cls = first->cls;
	snprintf(c->form, sizeof c->form, "%s", first->form && form_matters(c->cls) ? first->form : "");
	c->count = n;
	c->first = c->last = VT_TIME_UNKNOWN;
	memset(&c->first_at, 0, sizeof c->first_at);
	memset(&c->last_at, 0, sizeof c->last_at);
	for (size_t i = 0; i < n; i++) {
		const struct vt_cluster_input *x = &sort_in[group[i]];
		struct vt_timestamp t = x->at;
		if (!t.known && x->when != VT_TIME_UNKNOWN)
			t = (struct vt_timestamp){ .sec = x->when, .known = true };
		if (!t.known)
			continue;
		if (!c->first_at.known || vt_timestamp_cmp(&t, &c->first_at) < 0)
			c->first_at = t;
		if (!c->last_at.known || vt_timestamp_cmp(&t, &c->last_at) > 0)
			c->last_at = t;
	}
	if (c->first_at.known) {
		c->first = c->first_at.sec;
		c->last = c->last_at.sec;
	}
	c->nzones = distinct(group, n, true);
	c->nbundles = distinct(group, n, false);
	c->crashes = malloc(n * sizeof *c->crashes);
	size_t *tmp = malloc(n * sizeof *tmp);
	if (!c->crashes || !tmp) {
		free(tmp);
		return -1;
	}
	memcpy(c->crashes, group, n * sizeof *group);
	qsort(c->crashes, n, sizeof *c->crashes, cmp_size);
	memcpy(tmp, group, n * sizeof *group);
	int rc = fill_variants(c, tmp, n);
	free(tmp);
	return rc;
}

static int by_count(const void *a, const void *b)
{
	const struct vt_cluster *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->signature, y->signature);
}

int vt_cluster_build(const struct vt_cluster_input *in, size_t n, struct vt_cluster **out, size_t *nout)
{
	size_t *idx = malloc((n ? n : 1) * sizeof *idx), nc = 0;
	struct vt_cluster *cl = calloc(n ? n : 1, sizeof *cl);

	*out = NULL;
	*nout = 0;
	if (!idx || !cl) {
		free(idx);
		free(cl);
		return -1;
	}
	pthread_mutex_lock(&sort_lock);
	sort_in = in;
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	qsort(idx, n, sizeof *idx, by_signature);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && strcmp(in[idx[i]].signature, in[idx[j]].signature) == 0)
			j++;
		if (fill_cluster(&cl[nc++], idx + i, j - i) < 0) {
			pthread_mutex_unlock(&sort_lock);
			vt_cluster_free(cl, nc);
			free(idx);
			return -1;
		}
		i = j;
	}
	pthread_mutex_unlock(&sort_lock);
	free(idx);
	qsort(cl, nc, sizeof *cl, by_count);
	*out = cl;
	*nout = nc;
	return 0;
}

void vt_cluster_free(struct vt_cluster *c, size_t n)
{
	for (size_t i = 0; c && i < n; i++) {
		free(c[i].crashes);
		free(c[i].variants);
	}
	free(c);
}
