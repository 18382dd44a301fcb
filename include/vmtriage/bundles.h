/* The sled walk behind `vmtriage bundles`: every zone bundle, support
 * bundle and log under the operands, scanned in parallel (output identical
 * to one thread), crashes tagged with where they were found, replicas
 * deduplicated, archived logs and cores in /pool/ext as extra evidence. */
#ifndef VMTRIAGE_BUNDLES_H
#define VMTRIAGE_BUNDLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/bundle.h"
#include "vmtriage/classes.h"
#include "vmtriage/classify.h"
#include "vmtriage/crash.h"
#include "vmtriage/cluster.h"
#include "vmtriage/models.h"
#include "vmtriage/error.h"
#include "vmtriage/insn.h"
#include "vmtriage/source.h"
#include "vmtriage/warnings.h"

enum vt_evidence {
	VT_EVIDENCE_BUNDLE = 0,   /* a zone bundle (.tar.gz or extracted) */
	VT_EVIDENCE_EXT_LOG,      /* an archived log in /pool/ext/<pool>/crypt/debug/<zone>/ */
	VT_EVIDENCE_SUPPORT,      /* a support bundle or a sled's logs.zip */
	VT_EVIDENCE_LOG           /* a log named on the command line or met in a walk */
};
/* "bundle", "ext-log", "support-bundle", "log" */
const char *vt_evidence_name(enum vt_evidence e);

/* One crash and where it was found. */
struct vt_found {
	char *zone;              /* NULL when unknown */
	char *bundle_id;         /* NULL outside zone bundles */
	size_t bundle;           /* index in result.bundles, or SIZE_MAX */
	char *path;              /* the file read (a bundle's scanned copy) */
	char *member;            /* member inside it; the file name for plain logs */
	uint64_t line;
	char time[VT_TIME_MAX];  /* as the log printed it, "" when unknown */
	struct vt_timestamp at;  /* that time normalised, else the bundle's time_created */
	int64_t when;            /* at's seconds; VT_TIME_UNKNOWN */
	int vcpu;                /* -1 when unknown */
	enum vt_exit_kind kind;
	enum vt_hypervisor hypervisor;
	bool has_inst, redacted;
	uint8_t inst[VT_INSN_MAX];
	size_t ninst;            /* valid bytes in inst */
	int len;                 /* the exit's len, -1 when unknown */
	enum vt_class_id cls;
	char instruction[VT_FORM_MAX]; /* Capstone text of the faulting instruction, "" none */
	char form[VT_FORM_MAX];
	char signature[VT_SIG_MAX];
	char signature_id[VT_SIG_ID_MAX];
	enum vt_evidence evidence;
	unsigned code_bits;      /* 16/32/64 the crash's registers imply, 0 when unknown */
	/* Fleet labels, not owned (the opts' strings, or a merge's); NULL unset. */
	const char *sled, *rack;
	/* The whole record as the scanner made it (registers, decode, exit
	 * details), owned; NULL for a crash read back from a report. */
	struct vt_crash *crash;
};

struct vt_core {
	char *path;
	uint64_t size;
	int64_t time;            /* from the name's timestamp, else the file's mtime */
};

/* One zone bundle, all its copies. */
struct vt_bundle_rec {
	char *zone, *bundle_id;  /* metadata.toml's, else the path's */
	char **paths;            /* every copy, in walk order */
	size_t npaths;
	bool has_meta;
	struct vt_bundle_meta meta;
	unsigned members, logs;
	bool propolis_log;       /* it holds a system-illumos-propolis-server log */
	bool damaged;            /* the scanned copy was truncated or corrupt */
	size_t crashes;          /* crashes found in it */
	size_t ext_crashes;      /* crashes for its zone found in the ext dataset */
	char **ext_logs;         /* ext logs read for its zone */
	size_t next_logs;
	struct vt_core *cores;   /* core files of its zone */
	size_t ncores;
};

typedef void (*vt_bundles_progress_fn)(void *ctx, size_t done, size_t total, uint64_t bytes);

struct vt_bundles_opts {
	const char *const *paths;
	size_t npaths;
	const char *ext;         /* NULL: the "ext" beside each ".../int" operand; "": none */
	unsigned threads;        /* 0: one per online CPU */
	struct vt_source_limits limits;
	const char *zone_glob;   /* fnmatch(3) pattern or NULL */
	struct vt_timestamp since, until; /* known false: no bound */
	int cls;                 /* enum vt_class_id, or -1 for any */
	const char *sled, *rack; /* labels put on every crash (NULL: none) but those
	                            found under a support bundle's rack/<r>/sled/<s>/ */
	vt_bundles_progress_fn progress;
	void *progress_ctx;
};

void vt_bundles_opts_default(struct vt_bundles_opts *o);

/* What a run cost, so a user sees whether it was I/O, inflate or scan
 * bound (`bundles --stats`). Byte counts always; the CPU times (the reading
 * threads' own, summed over threads) only with opts.limits.timing set. */
struct vt_bundles_stats {
	uint64_t bytes_read;     /* bytes read from archives and logs (compressed as stored) */
	uint64_t bytes_inflated; /* bytes vmtriage decompressed (gzip, zstd, xz; zip members
				  * are inflated inside libarchive: counted as read and scanned) */
	uint64_t read_ns;        /* CPU time in reads of the files */
	uint64_t inflate_ns;     /* CPU time decompressing */
	uint64_t scan_ns;        /* the rest of the readers' CPU time: tar walk, scanning, results */
	uint64_t wall_ns;        /* the whole run, from the walk to the clusters */
	unsigned threads;        /* reading threads */
	bool cpu_is_wall;        /* no per-thread CPU clock: the times are wall time */
};

struct vt_bundles_result {
	struct vt_found *crashes;
	size_t ncrashes;
	struct vt_bundle_rec *bundles;
	size_t nbundles;
	struct vt_cluster *clusters;
	size_t nclusters;
	struct vt_warnings warnings;
	size_t missing;          /* operands that could not be read */
	size_t unplaced;         /* crashes whose time could not be placed (a warning says so) */
	size_t damaged;          /* sources no copy of which could be read to its end (warnings say
				    where): their crashes before the damage are kept */
	size_t units;            /* archives and logs read */
	uint64_t bytes;          /* uncompressed bytes scanned */
	char **labels;           /* sled/rack labels read from support bundles */
	size_t nlabels;
	struct vt_bundles_stats stats;
	/* --model: a patch model's verdict per cluster (vt_bundles_assess), else NULL. */
	const char *model;
	struct vt_model_assessment *assessments; /* one per cluster */
};

/* Walk, scan, dedupe, filter and cluster. VT_OK even when sources were
 * damaged (those are warnings); an error only for memory or a broken scanner. */
int vt_bundles_run(const struct vt_bundles_opts *o, struct vt_bundles_result *r, struct vt_error *err);
void vt_bundles_result_release(struct vt_bundles_result *r);
/* Free what one crash record owns (not f itself) and zero it. */
void vt_found_release(struct vt_found *f);
/* The duplicate rule of bundles, merge and the fleet table: a crash is
 * zone, bundle id (else, with no zone, the path), member and line.
 * vt_found_key gives that key as one string (free() it; NULL when out of
 * memory); vt_found_dedupe drops every later copy of a key, keeping the
 * order, *dropped saying how many: VT_OK or VT_ERR_NOMEM. */
char *vt_found_key(const struct vt_found *f);
/* Copy what clustering reads from a crash (line, time as printed, vCPU,
 * exit kind, valid bytes, len, class, code size) into f. */
void vt_found_set_crash(struct vt_found *f, const struct vt_crash *c);
int vt_found_dedupe(struct vt_found *v, size_t *n, size_t *dropped);


/* Group r's crashes into r->clusters (replacing any there) by signature,
 * counting distinct bundles (zone/bundle id, or the file for other
 * evidence): what vt_bundles_run ends with, and what a merge of several
 * reports does again over the merged crashes. VT_OK or VT_ERR_NOMEM. */
int vt_bundles_cluster(struct vt_bundles_result *r);

/* For every cluster, whether patch model m would handle its instruction
 * form, from its most frequent bytes and the code size of its crashes
 * (vt_model_assess_insn). VT_OK or VT_ERR_NOMEM. */
int vt_bundles_assess(struct vt_bundles_result *r, const struct vt_model *m);

#endif
