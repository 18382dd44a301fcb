#!/bin/sh
# Attack: a snapshot that raises its own bound, limits.max_elements =
# 2^64-1, with RCX = 2^64-1 (REP OUTSB and REP INSB over 4 GiB of fill).
# replay ran to 1 GB RSS in 20 s and corpus check used the snapshot's bound.
# The command line's ceiling (--max-elements, default 1000000) holds; the
# snapshot can only lower it.
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
finish
