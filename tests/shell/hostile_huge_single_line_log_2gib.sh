#!/bin/sh
# Attack: a 2 GiB log line with no newline, streamed into `vmtriage scan -`
# from a generator (never on disk), between two crashes. The line is cut at
# --max-line with a warning and skipped without being held; both crashes
# (before and after it) are reported. Peak memory: guarantee_memory_bounded.sh.
. "$2/tests/shell/lib/hostile.sh"
crashlog >"$t/crash.log"
gen() {
	cat "$t/crash.log"
	head -c 2147483648 /dev/zero | tr '\0' 'A'
	printf '\n'
	cat "$t/crash.log"
}
gen | timeout 300 "$bin" scan --ndjson - >"$t/out" 2>"$t/err"
rc=$?
[ "$rc" = 0 ] || { echo "FAIL: scan exited $rc"; tail "$t/err"; fail=1; }
n=$(grep -c '"rip":"0x859f60"' "$t/out")
[ "$n" = 2 ] || { echo "FAIL: $n crashes, want the 2 around the long line"; fail=1; }
expect_err '<stdin>:[0-9]+: .*(cut|longer|max)' "the long line gives a warning"
finish
