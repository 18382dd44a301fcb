/* Zone-bundle layout: what omicron's sled-agent writes and where
 * (described in vmtriage-bundles(1)): metadata.toml, member roles, zone and bundle
 * identity from paths, the /pool/ext debug dataset beside /pool/int. */
#ifndef VMTRIAGE_BUNDLE_H
#define VMTRIAGE_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmtriage/error.h"

#define VT_ZONE_MAX 128
#define VT_ID_MAX 64
#define VT_TIME_MAX 48

/* metadata.toml: top-level time_created, version, cause; [id] zone_name, bundle_id. */
struct vt_bundle_meta {
	char time_created[VT_TIME_MAX];  /* RFC 3339 as written, "" when absent */
	int version;                     /* -1 when absent */
	char cause[48];                  /* as written: other, unexpected_zone, terminated_instance,
					  * historic explicit_request, or anything newer */
	char zone[VT_ZONE_MAX];
	char bundle_id[VT_ID_MAX];
};

/* Parse the TOML subset sled-agent writes (strings, integers, [tables],
 * comments); unknown keys are ignored. VT_ERR_INPUT with "line N: ..." when
 * the text is not that, or when [id] lacks zone_name or bundle_id. */
int vt_bundle_meta_parse(const char *text, size_t n, struct vt_bundle_meta *out, struct vt_error *err);

/* Whether a cause is one omicron has written ("explicit_request" counts: it
 * existed until 2025). Unknown causes are kept and reported as they are. */
bool vt_bundle_cause_known(const char *cause);

enum vt_member_role {
	VT_ROLE_METADATA = 0,   /* metadata.toml */
	VT_ROLE_COMMAND,        /* ptree, uptime, ..., pfiles.<pid>: "Command: [...]" output */
	VT_ROLE_PROPOLIS_LOG,   /* system-illumos-propolis-server:<inst>.log[.N|.<ts>] */
	VT_ROLE_SERVICE_LOG,    /* any other SMF log */
	VT_ROLE_OTHER
};

enum vt_member_role vt_bundle_member_role(const char *name);
/* Whether a role's bytes are worth scanning for crashes. */
bool vt_member_role_scanned(enum vt_member_role role);

/* The zone a path belongs to: the last component that is a zone name
 * (oxz_..., global), the one after "crypt/debug/" or "logs/". false when none. */
bool vt_bundle_zone_of_path(const char *path, char *zone, size_t size);
/* Whether a name looks like a zone name (oxz_<kind>[_<uuid>] or "global"). */
bool vt_bundle_is_zone_name(const char *name);

/* ".../zone/<zone>/<bundle-id>.tar.gz" -> zone and bundle id from the path
 * (the identity replicas share). false when the path has no such shape. */
bool vt_bundle_id_of_path(const char *path, char *zone, size_t zsize, char *id, size_t isize);
/* Whether a path lies in a zone-bundle directory (".../bundle/zone/<zone>/<file>"). */
bool vt_bundle_in_bundle_dir(const char *path);

/* core.<zone>.<process>.<pid>.<unix-ts>: the zone and the time (-1 when the
 * name has none). false when the name is not a core file of that shape. */
bool vt_bundle_core_of_name(const char *name, char *zone, size_t size, int64_t *time);

/* The ext dataset root beside an int one: ".../pool/int[/...]" -> ".../pool/ext".
 * false when the path has no "int" component. */
bool vt_bundle_ext_beside(const char *path, char *out, size_t size);

/* Seconds since the epoch from RFC 3339 ("2023-08-18T18:51:13.78Z",
 * "+02:00" offsets) or a bare date ("2023-08-18", midnight UTC).
 * false when the text is neither. */
bool vt_bundle_time_parse(const char *s, int64_t *out);
/* "2023-08-18T18:51:13Z" */
void vt_bundle_time_format(int64_t t, char *buf, size_t size);

#endif
