#!/bin/sh
# A full stdout (/dev/full) while crashes are found: the report was not
# written, so the exit is 3 (runtime error), not 1 (findings).
. "$2/tests/shell/lib/hostile.sh"
[ -w /dev/full ] || { echo "no /dev/full: skipped"; exit 77; }
for cmd in "bundles --exit-code $src/samples/pool/int" "scan --exit-code $src/samples/logs/propolis-795-bunyan.log" \
	"bundles --exit-code --json $src/samples/pool/int"; do
	# shellcheck disable=SC2086
	"$bin" $cmd >/dev/full 2>"$t/err"
	rc=$?
	[ "$rc" = 3 ] || { echo "FAIL: $cmd >/dev/full: exit $rc, want 3"; fail=1; }
	grep -q 'error writing output' "$t/err" || { echo "FAIL: $cmd: the write error is not reported"; fail=1; }
done
finish
