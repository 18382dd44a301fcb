#!/bin/sh
# Attack: a directory without read permission in the tree (mode 000). As an
# unprivileged user it cannot be listed: a warning names it and the walk goes
# on to the rest. (As root, permissions do not stop reading, so the test runs
# the binary as nobody via setpriv when it is root; it skips when it cannot.)
. "$2/tests/shell/lib/hostile.sh"
need_python
as=""
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null 2>&1 || { echo "root without setpriv: skipped"; exit 77; }
	as="setpriv --reuid=65534 --regid=65534 --clear-groups"
	chmod 755 "$t"
fi
crashlog >"$t/crash.log"
z=$(zonedir oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33)
mkbundle "$z/eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee.tar.gz" "system-illumos-propolis-server:default.log=$t/crash.log"
locked=$(zonedir oxz_propolis-server_locked)
mkbundle "$locked/ffffffff-ffff-4fff-8fff-ffffffffffff.tar.gz" "system-illumos-propolis-server:default.log=$t/crash.log"
chmod -R a+rX "$t/pool" && chmod 000 "$locked"
# shellcheck disable=SC2086
run 30 $as "$bin" bundles --ndjson --ext none "$t/pool/int"
[ "$rc" = 0 ] || { echo "FAIL: bundles exited $rc"; fail=1; }
expect_err 'oxz_propolis-server_locked: cannot read directory' "the unreadable directory gives a warning"
expect_out '"bundle_id":"eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee"' "the walk goes on past it"
reject_out 'ffffffff-ffff-4fff-8fff-ffffffffffff' "a bundle inside the unreadable directory was read"
finish
