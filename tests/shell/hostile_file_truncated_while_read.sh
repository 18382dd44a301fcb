#!/bin/sh
# Attack: a file truncated while it is being read (logadm rotating a log,
# a bundle being cleaned up). A 100 MiB log with a crash at its start is cut
# to 4 KiB by another process mid-scan, and so is a zone bundle. The scan
# ends normally (read sees end of file; nothing is mmap'd, so no SIGBUS),
# keeps the crash it had already seen, and warns about the cut bundle.
# (Whether the cut lands mid-read depends on timing; either way the result
# must be the same, which is what is checked.)
. "$2/tests/shell/lib/hostile.sh"
need_python
crashlog >"$t/crash.log"
{ cat "$t/crash.log"; head -c 104857600 /dev/zero | tr '\0' '\n'; } >"$t/big.log"
( sleep 0.2; truncate -s 4096 "$t/big.log" ) &
cutter=$!
run 60 "$bin" scan --ndjson "$t/big.log"
wait "$cutter"
[ "$rc" = 0 ] || { echo "FAIL: scan exited $rc"; cat "$t/err"; fail=1; }
expect_out '"rip":"0x859f60"' "the crash read before the cut is kept"

z=$(zonedir oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33)
head -c 67108864 /dev/urandom >"$t/noise"
mkbundle "$z/56565656-5656-4565-8565-565656565656.tar.gz" \
	"system-illumos-propolis-server:default.log=$t/crash.log" "core.noise=$t/noise" \
	"system-illumos-propolis-server:default.log.1=$t/crash.log"
rm -f "$t/noise"
( sleep 0.1; truncate -s 65536 "$z/56565656-5656-4565-8565-565656565656.tar.gz" ) &
cutter=$!
run 60 "$bin" bundles --ndjson --ext none "$t/pool/int"
wait "$cutter"
# Cut mid-read, the bundle is damaged input: exit 2 (vmtriage(1)); read whole first, 0.
if grep -Eq '56565656-5656-4565-8565-565656565656.tar.gz: .*([Tt]runcated|damaged|ends early)' "$t/err"; then
	[ "$rc" = 2 ] || { echo "FAIL: bundles exited $rc for a cut bundle, not 2"; fail=1; }
else
	[ "$rc" = 0 ] || { echo "FAIL: bundles exited $rc"; fail=1; }
fi
expect_out '"member":"system-illumos-propolis-server:default.log"' "the crash before the cut is kept"
# Either the cut landed before the end of the read and is warned about, or
# the read finished first and then both members' crashes are there.
if ! grep -Eq '56565656-5656-4565-8565-565656565656.tar.gz: .*([Tt]runcated|damaged|ends early)' "$t/err"; then
	expect_out '"member":"system-illumos-propolis-server:default.log.1"' "no cut warning, so the whole bundle was read"
fi
finish
