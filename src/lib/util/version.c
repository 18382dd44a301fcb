#include "vmtriage/version.h"

#include <archive.h>
#include <capstone/capstone.h>
#include <cjson/cJSON.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <zip.h>

#ifndef VT_VERSION
#define VT_VERSION "unknown"
#endif

const char *vt_version(void)
{
	return VT_VERSION;
}

const char *vt_capstone_version(void)
{
	static char buf[32];
	int major, minor;
	cs_version(&major, &minor);
	/* cs_version gives major.minor only; the patch level comes from the header. */
	if (major == CS_API_MAJOR && minor == CS_API_MINOR)
		snprintf(buf, sizeof buf, "%d.%d.%d", major, minor, CS_VERSION_EXTRA);
	else
		snprintf(buf, sizeof buf, "%d.%d", major, minor);
	return buf;
}

void vt_version_print(FILE *fp)
{
	char pcre[64] = "?";
	pcre2_config(PCRE2_CONFIG_VERSION, pcre);
	fprintf(fp, "vmtriage %s\n", vt_version());
	/* The versions actually loaded at run time, not the headers built against. */
	fprintf(fp, "capstone %s\n", vt_capstone_version());
	fprintf(fp, "pcre2 %s\n", pcre);
	fprintf(fp, "%s\n", archive_version_string()); /* "libarchive 3.6.2" */
	fprintf(fp, "libzip %s\n", zip_libzip_version());
	fprintf(fp, "cjson %s\n", cJSON_Version());
}
