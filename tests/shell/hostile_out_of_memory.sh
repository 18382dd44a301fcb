#!/bin/sh
# Attack: too little memory (ulimit -v). Out of memory turned into warnings
# and "0 crashes", exit 0, under `bundles --exit-code` on the sample sled,
# which has crashes. A resource failure is an error (exit 3) that says what
# was not read; the only other honest answer is the full report (exit 1, or
# 2 for the sample sled's damaged bundles).
# Limits are swept because the smallest workable one depends on the host.
. "$2/tests/shell/lib/hostile.sh"
# A sanitizer build reserves terabytes of address space: no ulimit -v there.
(ulimit -v 400000; exec "$bin" version) >/dev/null 2>&1 ||
	{ echo "address-space limits do not work with this build: skipped"; exit 77; }
seen3=0
for kb in 48000 56000 62000 66000 72000 80000 96000 128000 200000; do
	(ulimit -v $kb; exec "$bin" bundles --exit-code "$src/samples/pool/int") >"$t/out" 2>"$t/err"
	rc=$?
	case $rc in
	1 | 2) grep -q ' [1-9][0-9]* crash' "$t/out" || { echo "FAIL: $kb KiB: exit $rc without the crashes"; fail=1; } ;; # the full report (2: the samples' damaged bundles)
	3) seen3=1
	   grep -q 'out of memory.*not \(read\|made\)' "$t/err" || { echo "FAIL: $kb KiB: exit 3 without saying what was not read"; cat "$t/err"; fail=1; } ;;
	127) ;; # the loader could not map the binary's libraries: nothing ran
	*) echo "FAIL: $kb KiB: exit $rc (0 is a false '0 crashes', >128 a crash)"; head -3 "$t/out" "$t/err"; fail=1 ;;
	esac
done
echo "an out-of-memory exit 3 was seen: $seen3"
finish
