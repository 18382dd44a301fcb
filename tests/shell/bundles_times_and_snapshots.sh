#!/bin/sh
# bundles: times normalised and filtered (issue 15, issue 18's --until DATE),
# --emit-snapshot (unique names, never replacing a file).
#   a zone bundle (created 2026-11-20T10:00:00Z) whose log prints times
#   with no date ("18:41:28.637Z"): placed at the latest such time before
#   the creation, 2026-11-19T18:41:28.637Z, and filtered on that;
#   the same log outside a bundle: time null, left out by --since with a
#   warning that counts it;
#   --emit-snapshot twice into one directory: the second run replaces nothing,
#   --force replaces (atomically); two logs of the same name in one bundle
#   (in two directories) get two snapshots, and so do two plain logs of the
#   same name, while two copies of one bundle give the same names.
. "$2/tests/shell/lib/hostile.sh"
need_python
z=$(zonedir oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33)
mkbundle "$z/13131313-1313-4313-8313-131313131313.tar.gz" \
	"system-illumos-propolis-server:default.log=$src/samples/logs/propolis-pretty-795.log"
pool=$t/pool/int
count() { grep -c '"schema":"vmtriage.crash.v2"' "$t/out"; }

run 60 "$bin" bundles --ndjson --ext none "$pool"
expect_out '"time":"2026-11-19T18:41:28.637Z","time_text":"18:41:28.637Z"' "a dateless time is placed before the bundle's creation"
expect_out '"time_created":"2026-11-20T10:00:00Z"' "time_created is RFC 3339 UTC"
all=$(count)
[ "$all" -ge 2 ] || { echo "FAIL: expected the sample's crashes, got $all"; fail=1; }

run 60 "$bin" bundles --ndjson --ext none --until 2026-11-19 "$pool"
[ "$(count)" = "$all" ] || { echo "FAIL: --until 2026-11-19 takes in that whole day"; fail=1; }
run 60 "$bin" bundles --ndjson --ext none --until 2026-11-18 "$pool"
[ "$(count)" = 0 ] || { echo "FAIL: --until 2026-11-18 keeps nothing"; fail=1; }
run 60 "$bin" bundles --ndjson --ext none --since 2026-11-19T18:41:28.637Z "$pool"
[ "$(count)" = "$all" ] || { echo "FAIL: --since takes an RFC 3339 time, inclusive"; fail=1; }
run 60 "$bin" bundles --ndjson --ext none --since 2026-11-19T18:41:28.638Z --until 2026-11-19T18:52:03.118Z "$pool"
[ "$(count)" = 1 ] || { echo "FAIL: a sub-second window keeps one crash, got $(count)"; fail=1; }

run 60 "$bin" bundles --json "$src/samples/logs/propolis-pretty-795.log"
expect_out '"time":	null' "no date anywhere: time is null"
expect_out 'could not|nothing to place' "a warning counts the crashes it could not place"
run 60 "$bin" bundles --json --since 2020-01-01 "$src/samples/logs/propolis-pretty-795.log"
expect_out '"crashes":	\[\]' "unplaced crashes are left out by --since"
expect_out 'left them out' "and the warning says so"

snaps=$t/snaps
run 60 "$bin" bundles -q --ext none --emit-snapshot "$snaps" "$pool"
[ "$rc" = 0 ] || { echo "FAIL: --emit-snapshot: exit $rc"; cat "$t/err"; fail=1; }
n=$(ls "$snaps" | wc -l)
[ "$n" -ge 1 ] || { echo "FAIL: no snapshot written"; fail=1; }
ls "$snaps" | grep -Eq '^oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33-13131313-system-illumos-propolis-server_default.log-L3-vcpu2-[0-9a-f]{12}.json$' ||
	{ echo "FAIL: snapshot names are zone-bundle-member-line-vcpu-hash:"; ls "$snaps"; fail=1; }
for f in "$snaps"/*.json; do
	"$bin" replay "$f" >/dev/null 2>&1; r=$?
	[ "$r" -le 1 ] || { echo "FAIL: $f does not load (replay exit $r)"; fail=1; }
done
sum=$(cat "$snaps"/*.json | cksum)
run 60 "$bin" bundles -q --ext none --emit-snapshot "$snaps" "$pool"
[ "$rc" = 3 ] || { echo "FAIL: a second run into the same directory must fail (exit 3), got $rc"; fail=1; }
expect_err 'exists: not replaced' "the existing file is named"
[ "$(cat "$snaps"/*.json | cksum)" = "$sum" ] || { echo "FAIL: an existing snapshot was changed"; fail=1; }
[ "$(ls -A "$snaps" | wc -l)" = "$n" ] || { echo "FAIL: temporary files left behind"; ls -A "$snaps"; fail=1; }
first=$(ls "$snaps" | head -1)
echo mine >"$snaps/$first"
run 60 "$bin" bundles -q --ext none --force --emit-snapshot "$snaps" "$pool"
[ "$rc" = 0 ] || { echo "FAIL: --force: exit $rc"; cat "$t/err"; fail=1; }
grep -q '"vmtriage_snapshot"' "$snaps/$first" || { echo "FAIL: --force did not replace $first"; fail=1; }
[ "$(ls -A "$snaps" | wc -l)" = "$n" ] || { echo "FAIL: --force wrote other names"; ls -A "$snaps"; fail=1; }

# Two members of one bundle with the same base name, in two directories,
# each with its crash on the same line; and a copy of that bundle elsewhere.
log=system-illumos-propolis-server:default.log
z2=$(zonedir oxz_propolis-server_77777777-7d2f-4c8e-9a41-0f6b2d8e1c33)
mkbundle "$z2/24242424-2424-4424-8424-242424242424.tar.gz" \
	"var/svc/log/$log=$src/samples/logs/propolis-795-bunyan.log" \
	"root/var/svc/log/$log=$src/samples/logs/propolis-795-bunyan.log"
run 60 "$bin" bundles -q --ext none --emit-snapshot "$t/two" "$z2"
[ "$rc" = 0 ] || { echo "FAIL: two same-named members: exit $rc"; cat "$t/err"; fail=1; }
[ "$(ls "$t/two" | grep -c -- '-24242424-system-illumos-propolis-server_default.log-L8-vcpu0-')" = 2 ] ||
	{ echo "FAIL: two same-named members of one bundle, two snapshots:"; ls "$t/two"; fail=1; }
mkdir "$t/copy" && cp "$z2"/*.tar.gz "$t/copy/"
run 60 "$bin" bundles -q --ext none --emit-snapshot "$t/copysnaps" "$t/copy"
[ "$(ls "$t/copysnaps")" = "$(ls "$t/two")" ] ||
	{ echo "FAIL: a copy of a bundle names its snapshots as the original does"; ls "$t/copysnaps" "$t/two"; fail=1; }
# Two plain logs of the same name, outside any bundle.
mkdir -p "$t/p/a" "$t/p/b"
cp "$src/samples/logs/propolis-795-bunyan.log" "$t/p/a/$log"
cp "$src/samples/logs/propolis-795-bunyan.log" "$t/p/b/$log"
run 60 "$bin" bundles -q --ext none --emit-snapshot "$t/plain" "$t/p/a/$log" "$t/p/b/$log"
[ "$rc" = 0 ] || { echo "FAIL: two plain logs of one name: exit $rc"; cat "$t/err"; fail=1; }
[ "$(ls "$t/plain" | wc -l)" = 2 ] || { echo "FAIL: two plain logs of one name, two snapshots:"; ls "$t/plain"; fail=1; }
finish
