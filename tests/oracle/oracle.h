/* Differential oracle: random string-I/O snapshots run on the reference
 * emulator and on Unicorn (QEMU TCG), compared with vt_result_diff(). */
#ifndef VT_ORACLE_H
#define VT_ORACLE_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "vmtriage/output.h"
#include "vmtriage/replay.h"
#include "vmtriage/replay_report.h"
#include "vmtriage/snapshot.h"

/* Pages Unicorn uses besides the snapshot's memory (never touched by data). */
#define ORACLE_PROLOGUE 0xFFFFD000ull /* compat32: 64-bit code that enters it */
#define ORACLE_GDT 0xFFFFE000ull
#define ORACLE_CODE 0xFFFFF000ull
#define ORACLE_REAL_CS 0xF000u /* real16 code at F000:0100 */
#define ORACLE_REAL_IP 0x100u

struct rng {
	uint64_t s;
};
uint64_t rng_next(struct rng *r);
uint64_t rng_below(struct rng *r, uint64_t n);

/* A random snapshot (cJSON, caller frees) for case `index` of `seed`. */
cJSON *oracle_generate(uint64_t seed, uint64_t index);

uint64_t oracle_code_linear(const struct vt_cpu *c);

/* Run the snapshot's instruction on Unicorn; fills *out like the reference
 * (verdict emulated when it completes). 0, or -1 with a message in why. */
int oracle_unicorn(const struct vt_snapshot *snap, struct vt_result *out, char *why, size_t n);

#endif
