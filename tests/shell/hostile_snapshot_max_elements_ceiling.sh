#!/bin/sh
# Attack: a snapshot that raises its own bound, limits.max_elements =
# 2^64-1, with RCX = 2^64-1 (REP OUTSB and REP INSB over 4 GiB of fill).
# replay ran to 1 GB RSS in 20 s and corpus check used the snapshot's bound.
# The command line's ceiling (--max-elements, default 1000000, for replay and
# corpus check/bless/gate alike) holds; the snapshot can only lower it.
. "$2/tests/shell/lib/hostile.sh"
mkdir -p "$t/c"
for op in "f3 6e" "f3 6c"; do
	n=$(echo "$op" | tr -d ' ')
	cat >"$t/c/huge-$n.json" <<JSON
{"version": 1, "mode": "long64", "inst": "$op", "limits": {"max_elements": "0xffffffffffffffff"},
 "regs": {"rcx": "0xffffffffffffffff", "rdx": "0x402", "rsi": "0x0", "rdi": "0x0", "rip": "0x1000", "cr0": "0x1", "efer": "0x500"},
 "memory": [{"gpa": "0x0", "fill": "0x41", "len": "0x100000000"}]}
JSON
done
# 300 MB of address space is ten times what a million elements need
# (not under a sanitizer build, which reserves terabytes).
lim=300000
(ulimit -v $lim; exec "$bin" version) >/dev/null 2>&1 || lim=unlimited
run 60 sh -c 'ulimit -v $0; exec "$@"' $lim "$bin" replay "$t/c/huge-f36e.json" "$t/c/huge-f36c.json"
[ "$rc" = 0 ] || { echo "FAIL: replay exit $rc"; tail -3 "$t/err"; fail=1; }
[ "$(grep -c 'stopped after max_elements = 1000000;' "$t/out")" = 2 ] ||
	{ echo "FAIL: both replays stop at the default ceiling"; cat "$t/out"; fail=1; }
run 60 "$bin" replay --max-elements 10 "$t/c/huge-f36e.json"
expect_out 'stopped after max_elements = 10;' "--max-elements lowers the ceiling"
sed 's/"0xffffffffffffffff"}/"5"}/' "$t/c/huge-f36e.json" >"$t/c/low.json"
run 60 "$bin" replay --max-elements 100 "$t/c/low.json"
expect_out 'stopped after max_elements = 5;' "the snapshot may lower the bound"
run 60 sh -c 'ulimit -v $0; exec "$@"' $lim "$bin" corpus check "$t/c"
expect_out '3 cases' "corpus check finishes under the ceiling"

# corpus check, bless and gate take the same --max-elements as replay.
mkdir "$t/k" && cp "$t/c/huge-f36e.json" "$t/k/"
run 60 "$bin" corpus bless --max-elements 7 "$t/k"
[ "$rc" = 0 ] || { echo "FAIL: corpus bless --max-elements exit $rc"; cat "$t/err"; fail=1; }
grep -q 'stopped after max_elements = 7;' "$t/k/huge-f36e.expect.json" ||
	{ echo "FAIL: bless --max-elements 7 records the lowered bound"; fail=1; }
run 60 "$bin" corpus check --max-elements 7 "$t/k"
[ "$rc" = 0 ] || { echo "FAIL: corpus check --max-elements 7 exit $rc"; cat "$t/out" "$t/err"; fail=1; }
run 60 "$bin" corpus check "$t/k"
[ "$rc" = 1 ] || { echo "FAIL: corpus check with the default ceiling drifts (exit $rc)"; fail=1; }
expect_out 'got "stopped after max_elements = 1000000;' "the default ceiling is not 7"
run 60 "$bin" corpus gate --model c2bc58f9 --max-elements 7 "$t/k"
expect_out '\(bound 7\)' "corpus gate --max-elements bounds the model's run"
for sub in check bless gate; do
	run 10 "$bin" corpus $sub --max-elements 0 "$t/k"
	[ "$rc" = 2 ] || { echo "FAIL: corpus $sub --max-elements 0 is a usage error (exit $rc)"; fail=1; }
	expect_err 'corpus '$sub': --max-elements takes a positive number, not "0"' "corpus $sub: replay's message"
done
finish
