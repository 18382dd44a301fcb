#include "util/util_int.h"

#include <cjson/cJSON.h>

#include "vmtriage/jsonw.h"

#include <stdio.h>
#include <stdlib.h>

cJSON *util_jw_tree(void (*write)(struct vt_jw *w, const void *arg), const void *arg)
{
	struct vt_jw *w = malloc(sizeof *w); /* 16 KiB buffer: not on the stack */
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = w ? open_memstream(&buf, &len) : NULL;
	cJSON *j = NULL;

	if (fp) {
		vt_jw_init(w, fp, false);
		write(w, arg);
		vt_jw_flush(w);
		if (fclose(fp) == 0)
			j = cJSON_ParseWithLength(buf, len);
	}
	free(buf);
	free(w);
	return j;
}
