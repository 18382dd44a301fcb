#include "util/util_int.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "vmtriage/error.h"

int util_read_fd(int fd, size_t max, char **buf, size_t *len)
{
	char *b = NULL;
	size_t n = 0, cap = 0;
	int rc = VT_OK;

	*buf = NULL;
	*len = 0;
	for (;;) {
		/* Room for one more byte and the NUL; reading up to one byte
		 * past the cap tells "too big" from "exactly the cap". */
		size_t want = n + 2;
		if (want > cap && util_vec_reserve(&b, &cap, want < 4096 ? 4096 : want, 1) < 0) {
			rc = VT_ERR_NOMEM;
			break;
		}
		size_t room = cap - n - 1;
		if (room > max + 1 - n)
			room = max + 1 - n;
		ssize_t r = read(fd, b + n, room);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rc = VT_ERR_IO;
			break;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			rc = VT_ERR_LIMIT;
			break;
		}
	}
	if (rc != VT_OK) {
		int e = errno;
		free(b);
		errno = e;
		return rc;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return VT_OK;
}
