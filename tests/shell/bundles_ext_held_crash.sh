#!/bin/sh
# bundles' ext phase: an archived log under /pool/ext is read for a zone one
# of whose bundles lacks the propolis log, and a crash in it that a bundle of
# the zone already holds (the archiver copies logs into bundles too: same
# member name, line and signature) is not counted twice; a crash found only
# in the archive is ext-log evidence. (The lookup is hashed:
# EXT=1 bench/scale-walk.sh times it at fleet scale.)
. "$2/tests/shell/lib/hostile.sh"
need_python
zone=oxz_propolis-server_4e1d0000-7d2f-4c8e-9a41-0f6b2d8e1c33
old=system-illumos-propolis-server:default.log.1763632800
new=system-illumos-propolis-server:default.log.1763632900
z=$(zonedir $zone)
crashlog >"$t/held.log"
# Another crash, in an archived file no bundle holds.
sed 's/@rip:00859f60/@rip:00859f70/' "$t/held.log" >"$t/only.log"
mkbundle "$z/0a0a0a0a-0000-4000-8000-000000000001.tar.gz" "$old=$t/held.log"
echo "Nov 20 10:00:00 svcs" >"$t/svcs"
mkbundle "$z/0b0b0b0b-0000-4000-8000-000000000002.tar.gz" "svcs=$t/svcs"
debug=$t/pool/ext/b462a7f7-b628-40fe-80ff-4e4189e2d62b/crypt/debug/$zone
mkdir -p "$debug"
cp "$t/held.log" "$debug/$old"
cp "$t/only.log" "$debug/$new"
run 60 "$bin" bundles --ndjson "$t/pool/int"
[ "$rc" = 0 ] || { echo "FAIL: exit $rc"; cat "$t/err"; fail=1; }
[ "$(grep -c '"evidence":"bundle"' "$t/out")" = 1 ] || { echo "FAIL: one crash from the bundle"; cat "$t/out"; fail=1; }
[ "$(grep -c '"evidence":"ext-log"' "$t/out")" = 1 ] ||
	{ echo "FAIL: one crash from the archive (the held one is not counted twice)"; cat "$t/out"; fail=1; }
grep '"evidence":"ext-log"' "$t/out" | grep -q "\"member\":\"$new\"" ||
	{ echo "FAIL: the ext crash is the one only the archive has"; grep ext-log "$t/out"; fail=1; }
finish
