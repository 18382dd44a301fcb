/* Versions of vmtriage and of the libraries it runs with. */
#ifndef VMTRIAGE_VERSION_H
#define VMTRIAGE_VERSION_H

#include <stdio.h>

const char *vt_version(void);
/* "vmtriage 0.1.0" then one "<library> <version>" line per dependency. */
void vt_version_print(FILE *fp);
/* "4.0.2": the Capstone library actually linked. */
const char *vt_capstone_version(void);

#endif
