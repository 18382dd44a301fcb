#!/bin/sh
# Attack: symlinks in a scanned tree that loop (a directory link to its own
# parent, two links naming each other) and that lead out of the root (to a
# crash log and a bundle directory elsewhere). Loops end with a warning, not
# a hang or a depth blow-up; links out of the root are not followed, so the
# crash outside is not reported; the crash inside is, once.
. "$2/tests/shell/lib/hostile.sh"
need_python
crashlog >"$t/crash.log"
mkdir -p "$t/outside"
crashlog >"$t/outside/system-illumos-propolis-server:default.log"
z=$(zonedir oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33)
mkbundle "$z/12121212-1212-4212-8212-121212121212.tar.gz" "system-illumos-propolis-server:default.log=$t/crash.log"
mkbundle "$t/outside/34343434-3434-4434-8434-343434343434.tar.gz" "system-illumos-propolis-server:default.log=$t/crash.log"
ln -s .. "$z/loop"
ln -s b.log "$z/a.log" && ln -s a.log "$z/b.log"
ln -s "$t/outside/system-illumos-propolis-server:default.log" "$z/system-illumos-propolis-server:default.log"
ln -s "$t/outside/34343434-3434-4434-8434-343434343434.tar.gz" "$z/34343434-3434-4434-8434-343434343434.tar.gz"
ln -s "$t/outside" "$z/out-dir"
run 30 "$bin" bundles --ndjson --ext none "$t/pool/int"
[ "$rc" = 0 ] || { echo "FAIL: bundles exited $rc"; fail=1; }
n=$(grep -c '"signature_id"' "$t/out")
[ "$n" = 1 ] || { echo "FAIL: $n crashes, want only the one inside the root"; cat "$t/err"; fail=1; }
expect_out '"bundle_id":"12121212-1212-4212-8212-121212121212"' "the crash inside the root"
reject_out '34343434-3434-4434-8434-343434343434' "the bundle outside the root was read"
expect_err 'out-dir: symlink to .* points outside the scanned root: not followed' "the directory link out of the root gives a warning"
expect_err 'default.log: symlink to .* points outside the scanned root: not followed' "the log link out of the root gives a warning"
expect_err '/a\.log: symlink cannot be resolved' "the a -> b -> a loop gives a warning"
expect_err '/loop: symlink loop' "the link to its own parent gives a warning"
finish
