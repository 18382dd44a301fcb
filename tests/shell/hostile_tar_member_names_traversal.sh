#!/bin/sh
# Attack: tar members named "../x", "/etc/passwd" and "../../../tmp/<x>"
# holding a propolis log. Member names are labels, never paths: nothing is
# created or opened at those names, and the crashes they hold are reported
# under the member name as written.
. "$2/tests/shell/lib/hostile.sh"
need_python
crashlog >"$t/crash.log"
mkdir -p "$t/cwd"
probe="vt-hostile-probe-$$"
z=$(zonedir oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33)
mkbundle "$z/33333333-3333-4333-8333-333333333333.tar.gz" \
	"../system-illumos-propolis-server:default.log=$t/crash.log" \
	"/etc/passwd=$t/crash.log" \
	"../../../../../../tmp/$probe/system-illumos-propolis-server:default.log.1=$t/crash.log"
before=$(ls -la /etc/passwd; ls -A "$t/cwd")
cd "$t/cwd" || exit 3
run 60 "$bin" bundles --ndjson --ext none "$t/pool/int"
cd / || exit 3
[ "$rc" = 0 ] || { echo "FAIL: bundles exited $rc"; fail=1; }
expect_out '"member":"\.\./system-illumos-propolis-server:default.log"' "the ../ member is read as a label"
expect_out "\"member\":\"[./]*tmp/$probe/" "the deep ../ member is read as a label"
[ ! -e "/tmp/$probe" ] || { echo "FAIL: /tmp/$probe was created"; rm -rf "/tmp/$probe"; fail=1; }
[ ! -e "$t/system-illumos-propolis-server:default.log" ] || { echo "FAIL: ../ member written"; fail=1; }
after=$(ls -la /etc/passwd; ls -A "$t/cwd")
[ "$before" = "$after" ] || { echo "FAIL: /etc/passwd or the working directory changed"; fail=1; }
finish
