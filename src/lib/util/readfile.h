/* The one bounded reader: a whole file or stream into memory, never more
 * than a cap the input cannot raise. Callers word their own errors. */
#ifndef VMTRIAGE_READFILE_H
#define VMTRIAGE_READFILE_H

#include <stddef.h>

/* Read fd to its end into a malloc'ed buffer (a NUL after the data, not
 * counted in *len). Returns VT_OK; VT_ERR_LIMIT when fd holds more than max
 * bytes (max < SIZE_MAX); VT_ERR_IO with errno set; VT_ERR_NOMEM. *buf is NULL
 * on failure. */
int vt_read_fd(int fd, size_t max, char **buf, size_t *len);

#endif
