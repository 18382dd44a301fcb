#include "vmtriage/error.h"

#include <stdio.h>
#include <string.h>

int vt_error_set(struct vt_error *err, int status, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->status = status;
	}
	return status;
}

void vt_error_prefix(struct vt_error *err, const char *fmt, ...)
{
	char where[256], old[sizeof err->msg];
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(where, sizeof where, fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	snprintf(err->msg, sizeof err->msg, "%s: %s", where, old);
}

int vt_status_exit(int status)
{
	switch (status) {
	case VT_OK:
		return VT_EXIT_OK;
	case VT_ERR_INPUT:
		return VT_EXIT_USAGE;
	default:
		return VT_EXIT_RUNTIME;
	}
}
