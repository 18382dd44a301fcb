/* Private to replay/: what the result writers, the difference engine and
 * the corpus share. */
#ifndef VMTRIAGE_REPLAY_INT_H
#define VMTRIAGE_REPLAY_INT_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "vmtriage/replay.h"

/* The first place two JSON documents differ (corpus check: a stored
 * expectation against a fresh one), in the expected one's member order,
 * then members only the actual one has; an absent member is null. The
 * engine and record of vt_result_diff (replay_diff.c), walking members. */
bool replay_json_first_diff(const cJSON *expected, const cJSON *actual, struct vt_diff *d);

#endif
