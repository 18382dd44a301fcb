/* Test helpers for the scanner: run it over a sample file or a string and
 * keep copies of the crashes it reports. */
#ifndef VT_TEST_SCAN_HELPERS_H
#define VT_TEST_SCAN_HELPERS_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "vmtriage/scan.h"

#define MAX_CRASHES 64

struct found {
	struct vt_crash c[MAX_CRASHES];
	int n;
	int warnings;
	char last_warning[256];
};

static int keep(void *ctx, const struct vt_crash *c)
{
	struct found *f = ctx;
	if (f->n < MAX_CRASHES)
		f->c[f->n] = *c;
	f->n++;
	return 0;
}

static void note(void *ctx, const char *source, uint64_t line, const char *msg)
{
	struct found *f = ctx;
	(void)source;
	(void)line;
	f->warnings++;
	snprintf(f->last_warning, sizeof f->last_warning, "%s", msg);
}

static struct vt_scanner *scanner_for(struct found *f, bool all_panics)
{
	struct vt_scan_opts o = { .all_panics = all_panics, .on_crash = keep, .on_warn = note, .ctx = f };
	struct vt_error err;
	struct vt_scanner *s = vt_scan_new(NULL, &o, &err);
	cr_assert_not_null(s, "%s", err.msg);
	return s;
}

static int scan_text(struct found *f, const char *text, bool all_panics)
{
	struct vt_scanner *s = scanner_for(f, all_panics);
	struct vt_mem_stream m = { (const uint8_t *)text, strlen(text), 0 };
	struct vt_error err;
	memset(f, 0, sizeof *f);
	int rc = vt_scan_stream(s, "text", vt_stream_mem(&m), &err);
	vt_scan_free(s);
	return rc;
}

static int scan_sample(struct found *f, const char *name, bool all_panics)
{
	char path[512];
	snprintf(path, sizeof path, "%s/logs/%s", VT_SAMPLES_DIR, name);
	int fd = open(path, O_RDONLY);
	cr_assert(fd >= 0, "cannot open %s", path);
	struct vt_scanner *s = scanner_for(f, all_panics);
	struct vt_error err;
	memset(f, 0, sizeof *f);
	int rc = vt_scan_stream(s, name, vt_stream_fd(&fd), &err);
	vt_scan_free(s);
	close(fd);
	return rc;
}

#endif
