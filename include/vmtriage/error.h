/* Errors and exit codes shared by the library and every subcommand. */
#ifndef VMTRIAGE_ERROR_H
#define VMTRIAGE_ERROR_H

#include <stdarg.h>
#include <stddef.h>

/* Exit codes: one table, documented in vmtriage(1). */
enum vt_exit {
	VT_EXIT_OK = 0,       /* success, or nothing found */
	VT_EXIT_FOUND = 1,    /* findings or mismatches, when a flag asks for it */
	VT_EXIT_USAGE = 2,    /* bad usage or malformed input */
	VT_EXIT_RUNTIME = 3   /* I/O or other runtime error */
};

/* Library status codes. */
enum vt_status {
	VT_OK = 0,
	VT_ERR_INPUT = -1,    /* malformed input: maps to VT_EXIT_USAGE */
	VT_ERR_IO = -2,       /* I/O error: maps to VT_EXIT_RUNTIME */
	VT_ERR_NOMEM = -3,
	VT_ERR_LIMIT = -4,    /* a configured bound was hit */
	VT_ERR_INTERNAL = -5
};

/* A library error: the message says what went wrong and where; only the
 * CLI prints it, prefixed with "vmtriage: ". */
struct vt_error {
	int status;
	char msg[512];
};

#if defined(__GNUC__) || defined(__clang__)
#define VT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define VT_PRINTF(a, b)
#endif

/* Fill err (may be NULL) and return status, so callers can `return vt_error_set(...)`. */
int vt_error_set(struct vt_error *err, int status, const char *fmt, ...) VT_PRINTF(3, 4);
/* Prepend "where: " to an existing message (e.g. a file name and line). */
void vt_error_prefix(struct vt_error *err, const char *fmt, ...) VT_PRINTF(2, 3);
/* The exit code a status maps to. */
int vt_status_exit(int status);

#endif
