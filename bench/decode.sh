#!/bin/sh
# Benchmark: `vmtriage decode` over N pasted lines on stdin versus a bare
# cs_disasm loop over the same buffers. Not a test: prints a table for
# docs/PERFORMANCE.md.  Usage: bench/decode.sh [BUILD_DIR] [N]
set -eu
cd "$(dirname "$0")/.."
build=${1:-build} n=${2:-100000}
out=bench/out
mkdir -p "$out"
python3 bench/gen_crashes.py "$n" "$out/crashes.txt" "$out/crashes.bin"
cc -O2 -o "$out/cs_baseline" bench/cs_baseline.c $(pkg-config --cflags --libs capstone)

best() { # best wall time of 5 runs, in seconds
	b=""
	for _ in 1 2 3 4 5; do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
	done
	echo "$b"
}
base=$(best "$out/cs_baseline" "$out/crashes.bin")
ndjson=$(best sh -c "$build/vmtriage decode --ndjson < $out/crashes.txt")
text=$(best sh -c "$build/vmtriage decode < $out/crashes.txt")
printf '| run | seconds | vs bare cs_disasm |\n|---|---|---|\n'
printf '| bare cs_disasm loop, %s buffers | %.3f | 1.00x |\n' "$n" "$base"
printf '| vmtriage decode --ndjson | %.3f | %.2fx |\n' "$ndjson" "$(echo "$ndjson / $base" | bc -l)"
printf '| vmtriage decode (text) | %.3f | %.2fx |\n' "$text" "$(echo "$text / $base" | bc -l)"
