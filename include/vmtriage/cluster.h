/* Crash signatures and clusters: stable strings with a short stable hash,
 * so two runs, or two sleds, can be compared; deterministic order. */
#ifndef VMTRIAGE_CLUSTER_H
#define VMTRIAGE_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/classes.h"
#include "vmtriage/classify.h"
#include "vmtriage/insn.h"
#include "vmtriage/timestamp.h"

#define VT_SIG_MAX 224
#define VT_SIG_ID_MAX 16   /* 12 hex digits + NUL */
#define VT_FORM_MAX 160
#define VT_TIME_UNKNOWN INT64_MIN

/* An instruction's form: Capstone's Intel text without operand sizes, with
 * spaces only after the mnemonic and numbers as N, e.g.
 * "rep outsb dx, byte ptr [rsi]" -> "rep outsb dx,[rsi]",
 * "mov dword ptr [rax + 0x10], ecx" -> "mov [rax+N],ecx". */
void vt_cluster_form(const char *text, char *out, size_t size);

/* "<ExitKind>/<class>[/<form>]": the form only when the class depends on
 * the instruction (string-io, mmio); e.g. "InstEmul/string-io/rep outsb dx,[rsi]". */
void vt_cluster_signature(enum vt_exit_kind kind, enum vt_class_id cls, const char *form, char *out,
			  size_t size);

/* The instruction text a signature's form is made from: the INS/OUTS text
 * when the bytes are string I/O, else Capstone's; "" when nothing decoded
 * (dec NULL) or the bytes are not an instruction. */
void vt_cluster_instruction_text(const struct vt_decoded *dec, char *out, size_t size);

/* The signature and its id for one crash, as bundles clusters it: what
 * scan, bundles and decode print, so one crash gets one id everywhere.
 * dec: its decode, or NULL. */
void vt_cluster_signature_of(enum vt_exit_kind kind, enum vt_class_id cls, const struct vt_decoded *dec,
			     char sig[VT_SIG_MAX], char id[VT_SIG_ID_MAX]);

/* 12 lowercase hex digits of FNV-1a 64 over s (and then the bytes, when n > 0). */
void vt_cluster_hash(const char *s, const uint8_t *bytes, size_t n, char out[VT_SIG_ID_MAX]);

/* What clustering needs to know about one crash. */
struct vt_cluster_input {
	const char *signature;
	enum vt_exit_kind kind;
	enum vt_class_id cls;
	const char *form;        /* "" when none */
	const char *zone;        /* NULL when unknown */
	const char *bundle;      /* "zone/bundle-id" or a path: distinct bundles are counted */
	int64_t when;            /* VT_TIME_UNKNOWN when unknown */
	const uint8_t *bytes;    /* the exit's valid bytes (may be NULL) */
	size_t nbytes;
	bool redacted;
	struct vt_timestamp at;  /* when, with its fraction (known false: use when alone) */
};

/* Exact bytes within a cluster. */
struct vt_cluster_variant {
	uint8_t bytes[VT_INSN_MAX];
	size_t nbytes;
	bool redacted;
	size_t count;
	char id[VT_SIG_ID_MAX];  /* hash of signature + bytes */
};

struct vt_cluster {
	char signature[VT_SIG_MAX];
	char id[VT_SIG_ID_MAX];
	enum vt_exit_kind kind;
	enum vt_class_id cls;
	char form[VT_FORM_MAX];
	size_t count, nzones, nbundles;
	int64_t first, last;             /* VT_TIME_UNKNOWN when no crash had a time */
	struct vt_timestamp first_at, last_at; /* the same with the fraction the logs printed */
	size_t *crashes;                 /* input indexes, ascending */
	struct vt_cluster_variant *variants; /* most frequent first, then by bytes */
	size_t nvariants;
};

/* Group crashes by signature. Order: count descending, then signature.
 * Returns 0, or -1 when out of memory. */
int vt_cluster_build(const struct vt_cluster_input *in, size_t n, struct vt_cluster **out, size_t *nout);
void vt_cluster_free(struct vt_cluster *c, size_t n);

#endif
