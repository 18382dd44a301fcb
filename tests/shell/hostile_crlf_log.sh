#!/bin/sh
# Attack: CRLF line endings (a log copied through Windows or a serial
# console). Every sample log gives the same crash records with CRLF as with
# LF: no "\r" leaks into bytes, messages, times or classes.
. "$2/tests/shell/lib/hostile.sh"
for f in "$src"/samples/logs/*.log; do
	b=$(basename "$f")
	cp "$f" "$t/$b"
	sed 's/$/\r/' "$f" >"$t/crlf-$b"
	(cd "$t" && timeout 60 "$bin" scan --ndjson "$b" >"lf.out" 2>/dev/null)
	(cd "$t" && timeout 60 "$bin" scan --ndjson "crlf-$b" 2>/dev/null | sed 's/"crlf-/"/' >"crlf.out")
	if ! cmp -s "$t/lf.out" "$t/crlf.out"; then
		echo "FAIL: $b differs with CRLF line endings"
		diff "$t/lf.out" "$t/crlf.out" | head -6
		fail=1
	fi
	if grep -q '\\r' "$t/crlf.out"; then echo "FAIL: $b: a \\r in the output"; fail=1; fi
done
[ -s "$t/lf.out" ] || [ "$fail" = 1 ] || true
finish
