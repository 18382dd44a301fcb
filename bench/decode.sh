#!/bin/sh
# Benchmark: `vmtriage decode` over N pasted lines on stdin versus a bare
# cs_disasm loop over the same buffers. Not a test: prints a table for
# docs/PERFORMANCE.md.  Usage: bench/decode.sh [BUILD_DIR] [N] [RUNS]
# The three contenders run in turn, RUNS rounds (default 5), so load from
# elsewhere hits them alike; best wall and best CPU (user + system) time.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build} n=${2:-100000} runs=${3:-5}
out=bench/out
mkdir -p "$out"
python3 bench/gen_crashes.py "$n" "$out/crashes.txt" "$out/crashes.bin"
cc -O2 -o "$out/cs_baseline" bench/cs_baseline.c $(pkg-config --cflags --libs capstone)

# One run: "wall cpu" seconds (cpu from the shell's times for the child).
run() {
	t0=$(date +%s.%N)
	cpu=$( ( "$@" >/dev/null 2>&1; times ) | awk 'NR == 2 {
		t = 0
		for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); t += a[1] * 60 + a[2] }
		print t }')
	t1=$(date +%s.%N)
	echo "$t0 $t1 $cpu" | awk '{ printf "%.3f %.3f\n", $2 - $1, $3 }'
}
min() { echo "$1 $2" | awk '{ print ($1 < $2 ? $1 : $2) }'; }

bw=999 bc=999 nw=999 nc=999 tw=999 tc=999
for _ in $(seq "$runs"); do
	set -- $(run "$out/cs_baseline" "$out/crashes.bin"); bw=$(min "$1" "$bw"); bc=$(min "$2" "$bc")
	set -- $(run sh -c "$build/vmtriage decode --ndjson < $out/crashes.txt"); nw=$(min "$1" "$nw"); nc=$(min "$2" "$nc")
	set -- $(run sh -c "$build/vmtriage decode < $out/crashes.txt"); tw=$(min "$1" "$tw"); tc=$(min "$2" "$tc")
done
printf '| run | wall s | CPU s | vs bare cs_disasm (wall / CPU) |\n|---|---|---|---|\n'
printf '| bare cs_disasm loop, %s buffers | %.3f | %.2f | 1.00x / 1.00x |\n' "$n" "$bw" "$bc"
echo "$nw $nc $bw $bc" | awk '{ printf "| vmtriage decode --ndjson | %.3f | %.2f | %.2fx / %.2fx |\n", $1, $2, $1 / $3, $2 / $4 }'
echo "$tw $tc $bw $bc" | awk '{ printf "| vmtriage decode (text) | %.3f | %.2f | %.2fx / %.2fx |\n", $1, $2, $1 / $3, $2 / $4 }'
