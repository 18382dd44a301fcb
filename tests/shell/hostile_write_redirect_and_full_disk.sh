#!/bin/sh
# Attack: symlinks planted where vmtriage writes, and a disk that fills up.
# Every write (corpus bless, corpus add, scan --emit-snapshot, corpus gate
# --junit, replay --trace) goes to a fresh temporary (O_EXCL) renamed into
# place: a planted <case>.expect.json.tmp or a dangling <name>.json symlink
# redirects nothing, an existing file is replaced only with --force, two logs
# with the same base name get two snapshots, and a failed write (RLIMIT_FSIZE
# standing in for a full disk) leaves no 0-byte file.
. "$2/tests/shell/lib/hostile.sh"
log=system-illumos-propolis-server:default.log
mkdir -p "$t/outside" "$t/c" "$t/a" "$t/b"
echo precious >"$t/outside/victim"
cp "$src/samples/logs/propolis-795-bunyan.log" "$t/a/$log"
cp "$src/samples/logs/propolis-795-bunyan.log" "$t/b/$log"

# corpus bless: a planted temporary-name symlink is not followed.
cp "$src/samples/corpus/"*.json "$t/c/" 2>/dev/null
rm -f "$t/c/"*.expect.json
case1=$(cd "$t/c" && ls *.json | head -1 | sed 's/\.json$//')
ln -s "$t/outside/victim" "$t/c/$case1.expect.json.tmp"
run 60 "$bin" corpus bless "$t/c"
grep -qx precious "$t/outside/victim" || { echo "FAIL: bless wrote through $case1.expect.json.tmp"; fail=1; }
[ -f "$t/c/$case1.expect.json" ] && [ ! -L "$t/c/$case1.expect.json" ] ||
	{ echo "FAIL: bless did not write $case1.expect.json"; cat "$t/err"; fail=1; }
# An expectation that is a symlink is replaced, its target untouched.
rm "$t/c/$case1.expect.json"
ln -s "$t/outside/victim" "$t/c/$case1.expect.json"
run 60 "$bin" corpus bless "$t/c"
grep -qx precious "$t/outside/victim" || { echo "FAIL: bless wrote through a symlinked expectation"; fail=1; }

# corpus add: a dangling symlink at the name is refused, then replaced with --force.
scan_json="$t/crash.json"
"$bin" scan --json "$t/a/$log" >"$scan_json"
ln -s "$t/outside/created-by-add" "$t/c/new.json"
run 20 "$bin" corpus add "$t/c" --from "$scan_json" --name new
[ "$rc" = 2 ] || { echo "FAIL: add over a dangling symlink: exit $rc, want 2"; fail=1; }
expect_err 'new.json exists \(--force replaces it\)' "add says why"
[ ! -e "$t/outside/created-by-add" ] || { echo "FAIL: add created a file through a dangling symlink"; fail=1; }
run 20 "$bin" corpus add "$t/c" --from "$scan_json" --name new --force
[ "$rc" = 0 ] && [ -f "$t/c/new.json" ] && [ ! -L "$t/c/new.json" ] && [ ! -e "$t/outside/created-by-add" ] ||
	{ echo "FAIL: add --force did not replace the symlink itself (exit $rc)"; fail=1; }

# scan --emit-snapshot: same base name, same line, two files.
run 20 "$bin" scan --emit-snapshot "$t/s" "$t/a/$log" "$t/b/$log"
[ "$rc" = 0 ] || { echo "FAIL: emit-snapshot exit $rc"; cat "$t/err"; fail=1; }
[ "$(ls "$t/s" | wc -l)" = 2 ] || { echo "FAIL: two crashes, not two snapshots:"; ls "$t/s"; fail=1; }
# A second run replaces nothing without --force, and says so (exit 3).
first=$(ls "$t/s" | head -1)
echo mine >"$t/s/$first"
run 20 "$bin" scan --emit-snapshot "$t/s" "$t/a/$log" "$t/b/$log"
[ "$rc" = 3 ] || { echo "FAIL: emit-snapshot over an existing file: exit $rc, want 3"; fail=1; }
expect_err "$first exists: not replaced \(--force replaces it\)" "scan says why"
grep -qx mine "$t/s/$first" || { echo "FAIL: an existing snapshot was replaced without --force"; fail=1; }
# A planted symlink at the name is not written through, even with --force.
rm "$t/s/$first" && ln -s "$t/outside/victim" "$t/s/$first"
run 20 "$bin" scan --emit-snapshot "$t/s" --force "$t/a/$log" "$t/b/$log"
[ "$rc" = 0 ] || { echo "FAIL: emit-snapshot --force exit $rc"; fail=1; }
grep -qx precious "$t/outside/victim" || { echo "FAIL: emit-snapshot wrote through a symlink"; fail=1; }
[ ! -L "$t/s/$first" ] || { echo "FAIL: --force left the symlink"; fail=1; }

# A full disk (a 1-block file size limit; SIGXFSZ ignored so write fails with EFBIG).
full() { (trap '' XFSZ; ulimit -f 1; exec "$@") >"$t/out" 2>"$t/err"; rc=$?; }
full "$bin" scan --emit-snapshot "$t/full" "$t/a/$log"
[ "$rc" = 3 ] || { echo "FAIL: emit-snapshot on a full disk: exit $rc, want 3"; fail=1; }
[ -z "$(ls -A "$t/full")" ] || { echo "FAIL: a full disk left files:"; ls -la "$t/full"; fail=1; }
full "$bin" corpus add "$t/c" --from "$scan_json" --name full
[ "$rc" = 3 ] || { echo "FAIL: add on a full disk: exit $rc, want 3"; fail=1; }
[ ! -e "$t/c/full.json" ] && [ -z "$(ls -A "$t/c" | grep '^\.')" ] ||
	{ echo "FAIL: add on a full disk left a file"; ls -la "$t/c"; fail=1; }
expect_err 'full.json: write failed' "add says the write failed"
full "$bin" corpus add "$t/c" --from "$scan_json" --name new --force
grep -q '"vmtriage_snapshot"' "$t/c/new.json" || { echo "FAIL: a failed --force emptied the old file"; fail=1; }
finish
