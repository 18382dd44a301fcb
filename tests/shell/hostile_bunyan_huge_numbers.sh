#!/bin/sh
# Attack: a bunyan record whose "code" is 1e300, -1e300 or 0.5. Casting such a
# double to an integer is undefined behaviour (the release build printed
# -9.22e18). scan must report the code as unknown (exit_code null), bundles
# the crash.
. "$2/tests/shell/lib/hostile.sh"
rec='{"msg":"unrecognized exit code on vCPU 0","v":0,"name":"propolis-server","level":50,"time":"2025-02-01T08:00:00.100000000Z","hostname":"h","pid":7,"component":"vcpu_tasks","vcpu":0,"code":CODE}'
for c in 1e300 -1e300 0.5 nan; do
	echo "$rec" | sed "s/CODE/$c/" >"$t/system-illumos-propolis-server:default.log"
	run 20 "$bin" scan --ndjson "$t/system-illumos-propolis-server:default.log"
	[ "$c" = nan ] && continue # not JSON: the record is not read at all
	expect_out '"exit_code":null' "scan: code $c is unknown"
	reject_out 'e\+18|"exit_code":0' "scan: code $c is not cast"
	run 20 "$bin" bundles --ndjson "$t/system-illumos-propolis-server:default.log"
	# bundles prints no code; under the clang UB build the cast aborts here.
	expect_out '"signature":"Unknown/unknown-exit"' "bundles: code $c, the crash is reported"
done
echo "$rec" | sed "s/CODE/48/" >"$t/x.log"
run 20 "$bin" scan --ndjson "$t/x.log"
expect_out '"exit_code":48' "an integral code is kept"
finish
