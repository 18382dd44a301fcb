/* The text report: what an operator reads first. */
#include "vmtriage/bundles_report.h"

#include <limits.h>
#include <string.h>

static void date_of(int64_t t, char *buf, size_t n)
{
	char full[32];
	if (t == VT_TIME_UNKNOWN) {
		snprintf(buf, n, "-");
		return;
	}
	vt_bundle_time_format(t, full, sizeof full);
	snprintf(buf, n, "%.10s", full);
}

/* Print s (escaped: it may come from input) in exactly w columns, cut
 * with "..." when longer. */
static void cell(FILE *fp, const char *raw, int w)
{
	char s[1024];
	int len = (int)strlen(vt_text_safe(raw, s, sizeof s));
	if (len <= w)
		fprintf(fp, "%-*s", w, s);
	else if (w > 3)
		fprintf(fp, "%.*s...", w - 3, s);
	else
		fprintf(fp, "%.*s", w, s);
}

/* Whether the summary table has its date columns, and the signature's width. */
struct layout {
	bool dates;
	int sigw;
};

/* COUNT ZONES ID SIGNATURE [FIRST LAST]: the ID always stays (merge and
 * fleet reports are compared by it); the dates go when the longest
 * signature would not fit, and then the signature is last and never cut. */
static struct layout choose_layout(const struct vt_style *st, const struct vt_cluster *clusters, size_t n)
{
	int width = st && st->width ? (int)st->width : INT_MAX / 2, longest = 9;
	struct layout l = { true, 0 };
	for (size_t i = 0; i < n; i++)
		if ((int)strlen(clusters[i].signature) > longest)
			longest = (int)strlen(clusters[i].signature);
	l.sigw = width - 12 - 13 - 22;
	if (l.sigw >= longest)
		l.sigw = longest; /* no wider than needed */
	else
		l.dates = false;
	return l;
}

void vt_bundles_summary_table(FILE *fp, const struct vt_style *st, const struct vt_cluster *clusters, size_t n)
{
	struct layout l = choose_layout(st, clusters, n);
	fprintf(fp, "%s%5s %5s %-12s ", vt_sgr(st, VT_SGR_BOLD), "COUNT", "ZONES", "ID");
	if (l.dates) {
		cell(fp, "SIGNATURE", l.sigw);
		fprintf(fp, " %-10s %s", "FIRST", "LAST");
	} else {
		fprintf(fp, "SIGNATURE");
	}
	fprintf(fp, "%s\n", vt_sgr(st, VT_SGR_RESET));
	for (size_t i = 0; i < n; i++) {
		const struct vt_cluster *c = &clusters[i];
		char first[16], last[16];
		fprintf(fp, "%5zu %5zu %-12s ", c->count, c->nzones, c->id);
		if (!l.dates) {
			fprintf(fp, "%s\n", c->signature);
			continue;
		}
		cell(fp, c->signature, l.sigw);
		date_of(c->first, first, sizeof first);
		date_of(c->last, last, sizeof last);
		fprintf(fp, " %-10s %s\n", first, last);
	}
}

/* Zones, bundle ids, member names and paths come from the tree (a tar
 * member name can hold any byte): each is escaped. */
static void location(FILE *fp, const struct vt_found *f)
{
	vt_text_puts(fp, f->zone ? f->zone : "-");
	if (f->bundle_id) {
		fputc('/', fp);
		vt_text_puts(fp, f->bundle_id);
	}
	fputs(": ", fp);
	vt_text_puts(fp, f->member);
	fprintf(fp, ":%llu", (unsigned long long)f->line);
	if (f->evidence != VT_EVIDENCE_BUNDLE) {
		fprintf(fp, " (%s ", vt_evidence_name(f->evidence));
		vt_text_puts(fp, f->path);
		fputc(')', fp);
	}
}

static void cluster_detail(FILE *fp, const struct vt_style *st, const struct vt_bundles_result *r, size_t i)
{
	const struct vt_cluster *c = &r->clusters[i];
	const struct vt_class *cls = vt_class_for(c->cls, c->count ? r->crashes[c->crashes[0]].hypervisor : VT_HV_UNKNOWN);
	char first[32] = "-", last[32] = "-", hex[64];

	if (c->first != VT_TIME_UNKNOWN)
		vt_bundle_time_format(c->first, first, sizeof first);
	if (c->last != VT_TIME_UNKNOWN)
		vt_bundle_time_format(c->last, last, sizeof last);
	fprintf(fp, "\n%s", vt_sgr(st, VT_SGR_BOLD));
	vt_text_puts(fp, c->signature);
	fprintf(fp, "%s  [%s]\n", vt_sgr(st, VT_SGR_RESET), c->id);
	fprintf(fp, "  %zu crash%s, %zu zone%s, %zu bundle%s or log%s; first %s, last %s\n", c->count,
		c->count == 1 ? "" : "es", c->nzones, c->nzones == 1 ? "" : "s", c->nbundles,
		c->nbundles == 1 ? "" : "s", c->nbundles == 1 ? "" : "s", first, last);
	for (size_t k = 0; k < c->nvariants; k++) {
		const struct vt_cluster_variant *v = &c->variants[k];
		if (!v->nbytes && !v->redacted)
			continue;
		vt_hex_bytes(v->bytes, v->nbytes, ' ', hex, sizeof hex);
		fprintf(fp, "  bytes %s: %zu\n", v->redacted ? "<redacted>" : hex, v->count);
	}
	if (r->assessments)
		fprintf(fp, "  %s: %s\n", r->model,
			r->assessments[i].reason[0] ? r->assessments[i].reason
						    : vt_assess_name(r->assessments[i].verdict));
	for (size_t k = 0; k < c->count && k < 3; k++) {
		fprintf(fp, "  at ");
		location(fp, &r->crashes[c->crashes[k]]);
		fputc('\n', fp);
	}
	if (cls) {
		fprintf(fp, "  what:");
		vt_out_wrap(fp, st, 8, 7, cls->explanation);
		fprintf(fp, "  todo:");
		vt_out_wrap(fp, st, 8, 7, cls->advice);
	}
}

static void missing_logs(FILE *fp, const struct vt_style *st, const struct vt_bundles_result *r)
{
	bool header = false;
	for (size_t i = 0; i < r->nbundles; i++) {
		const struct vt_bundle_rec *b = &r->bundles[i];
		if (b->logs)
			continue;
		if (!header)
			fprintf(fp, "\n%sBundles with no captured log%s\n", vt_sgr(st, VT_SGR_BOLD), vt_sgr(st, VT_SGR_RESET));
		header = true;
		fputs("  ", fp);
		vt_text_puts(fp, b->zone);
		fputc('/', fp);
		vt_text_puts(fp, b->bundle_id);
		fputs(" (", fp);
		vt_text_puts(fp, b->npaths ? b->paths[0] : "-");
		fputs(")\n", fp);
		if (b->ext_crashes)
			fprintf(fp, "    %zu crash%s found in archived logs:\n", b->ext_crashes, b->ext_crashes == 1 ? "" : "es");
		for (size_t k = 0; k < b->next_logs; k++) {
			fputs("    ext log ", fp);
			vt_text_puts(fp, b->ext_logs[k]);
			fputc('\n', fp);
		}
		for (size_t k = 0; k < b->ncores; k++) {
			fputs("    core ", fp);
			vt_text_puts(fp, b->cores[k].path);
			fprintf(fp, " (%llu bytes)\n", (unsigned long long)b->cores[k].size);
		}
		if (!b->ext_crashes && !b->ncores)
			fprintf(fp, "    no archived log or core for this zone\n");
	}
}

static void crash_lines(FILE *fp, const struct vt_style *st, const struct vt_bundles_result *r)
{
	fprintf(fp, "\n%sCrashes%s\n", vt_sgr(st, VT_SGR_BOLD), vt_sgr(st, VT_SGR_RESET));
	for (size_t i = 0; i < r->ncrashes; i++) {
		const struct vt_found *f = &r->crashes[i];
		fprintf(fp, "  ");
		location(fp, f);
		fputs("\n    ", fp);
		vt_text_puts(fp, f->time[0] ? f->time : "-");
		fprintf(fp, " vcpu %d ", f->vcpu);
		vt_text_puts(fp, f->signature);
		fprintf(fp, "%s%s\n", f->instruction[0] ? " = " : "", f->instruction);
	}
}

void vt_bundles_report_text(FILE *fp, const struct vt_style *st, const struct vt_bundles_result *r, bool verbose)
{
	size_t copies = 0;
	for (size_t i = 0; i < r->nbundles; i++)
		copies += r->bundles[i].npaths;
	fprintf(fp, "%zu zone bundle%s (%zu cop%s), %zu source%s read, %.1f MB scanned: %zu crash%s, %zu signature%s\n",
		r->nbundles, r->nbundles == 1 ? "" : "s", copies, copies == 1 ? "y" : "ies", r->units,
		r->units == 1 ? "" : "s", (double)r->bytes / 1e6, r->ncrashes, r->ncrashes == 1 ? "" : "es",
		r->nclusters, r->nclusters == 1 ? "" : "s");
	if (r->nclusters) {
		fputc('\n', fp);
		vt_bundles_summary_table(fp, st, r->clusters, r->nclusters);
		for (size_t i = 0; i < r->nclusters; i++)
			cluster_detail(fp, st, r, i);
	}
	missing_logs(fp, st, r);
	if (verbose && r->ncrashes)
		crash_lines(fp, st, r);
	if (r->warnings.n) {
		fprintf(fp, "\n%sWarnings%s\n", vt_sgr(st, VT_SGR_BOLD), vt_sgr(st, VT_SGR_RESET));
		for (size_t i = 0; i < r->warnings.n; i++) {
			fputs("  ", fp);
			vt_text_puts(fp, r->warnings.v[i].where);
			fputs(": ", fp);
			vt_text_puts(fp, r->warnings.v[i].what);
			fputc('\n', fp);
		}
		if (r->warnings.dropped)
			fprintf(fp, "  (%zu more)\n", r->warnings.dropped);
	}
}
