/* Pieces of `vmtriage corpus` shared by its subcommand files. */
#ifndef VMTRIAGE_CMD_CORPUS_H
#define VMTRIAGE_CMD_CORPUS_H

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"
#include "vmtriage/models.h"

struct corpus_state {
	const char *cmd; /* "corpus gate", ... for messages */
	struct cli_common co; /* --json, --model, --color, --help */
	bool dry_run, force, allow_missing;
	const char *from, *name, *traces, *junit;
	uint64_t index;
};

/* Open DIR (argv[0]; cli_parse checked it is there) and keep the cases named
 * by argv[1..n): an exit code. */
struct vt_corpus;
int corpus_open_cases(char **argv, int n, struct vt_corpus **c);

/* The more severe of two exit codes. */
int worse_exit(int rc, int other);

int corpus_gate(struct corpus_state *st, char **argv, int n);
int corpus_add(struct corpus_state *st, char **argv, int n);

#endif
