/* Opening inputs that come from outside: never blocking on a FIFO or a
 * device, and never leaving a directory through a symlink. */
#ifndef VMTRIAGE_UTIL_OPENFILE_H
#define VMTRIAGE_UTIL_OPENFILE_H

#include "vmtriage/error.h"

/* Open path read-only with O_NONBLOCK (a FIFO cannot block the open) and
 * keep it only when it is a regular file: VT_OK with *fd, or VT_ERR_IO
 * ("not a regular file", or errno's text); the message does not name path. */
int vt_open_regular(const char *path, int *fd, struct vt_error *err);

/* Open the regular file rel under dir one component at a time (openat with
 * O_NOFOLLOW): a symlink anywhere in rel, "..", or a leading '/' is
 * refused (VT_ERR_INPUT), so nothing outside dir can be reached. */
int vt_open_beneath(const char *dir, const char *rel, int *fd, struct vt_error *err);

#endif
