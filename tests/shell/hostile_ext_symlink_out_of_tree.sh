#!/bin/sh
# Attack: /pool/ext/<pool>/crypt/debug/<zone> is a symlink to a directory
# outside the tree (here: a copy of the zone's archived logs elsewhere). It
# was followed and its crashes reported as the zone's. The rule under
# /pool/int holds here too: not followed, warned.
. "$2/tests/shell/lib/hostile.sh"
cp -R "$src/samples/pool" "$t/pool"
zone=oxz_propolis-server_c0ffee00-1234-4567-89ab-cdef01234567
debug=$(echo "$t"/pool/ext/*/crypt/debug)
run 60 "$bin" bundles --ndjson "$t/pool/int"
expect_out '"evidence":"ext-log"' "the ext logs are read while they are inside the tree"
mkdir -p "$t/outside"
mv "$debug/$zone" "$t/outside/$zone"
ln -s "$t/outside/$zone" "$debug/$zone"
run 60 "$bin" bundles --ndjson "$t/pool/int"
reject_out '"evidence":"ext-log"' "nothing is read through the symlink"
expect_err "$zone: symlink to .*outside.* points outside the ext root: not followed" "the symlink is warned"
# A symlinked pool directory is the same.
rm "$debug/$zone" && mv "$t/outside/$zone" "$debug/$zone"
pool=$(dirname "$(dirname "$debug")")
mv "$pool" "$t/outside/pool" && ln -s "$t/outside/pool" "$pool"
run 60 "$bin" bundles --ndjson "$t/pool/int"
reject_out '"evidence":"ext-log"' "nothing is read through a symlinked pool"
finish
