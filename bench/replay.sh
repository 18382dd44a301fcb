#!/bin/sh
# Time `vmtriage replay` of a REP OUTSB of 100,000,000 elements (max_elements
# raised) from a 100 MB buffer loaded from a file, then the library benchmark
# against Unicorn.   bench/replay.sh [BUILD_DIR]
set -eu
build=${1:-build}
out=$(dirname "$0")/out
mkdir -p "$out"
n=100000000
head -c $n /dev/urandom >"$out/ram-100m.bin"
cat >"$out/rep-outsb-100m.json" <<JSON
{"vmtriage_snapshot": 1, "name": "rep-outsb-100m", "mode": "long64", "inst": "f3 6e",
 "regs": {"rsi": "0x10000000", "rcx": "$n", "rdx": "0x402"},
 "memory": [{"gpa": "0x10000000", "file": "ram-100m.bin"}],
 "limits": {"max_elements": $n}}
JSON
for i in 1 2 3; do
	/usr/bin/time -f "vmtriage replay, 10^8 elements: %e s wall, %M KiB max RSS" \
		"$build/vmtriage" replay "$out/rep-outsb-100m.json" >/dev/null
done
"$build/tests/oracle/vt_bench_replay"
rm -f "$out/ram-100m.bin" "$out/rep-outsb-100m.json"
