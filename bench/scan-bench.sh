#!/bin/sh
# Scan benchmark: vmtriage scan vs grep -c 'Unhandled VM exit' on the same
# generated log, side by side, best of N runs each (page cache warm).
#   sh bench/scan-bench.sh VMTRIAGE [SIZE_MIB] [RUNS] [FORMAT]
# FORMAT: json (propolis-server under SMF: bunyan records, the production
# form) or text (slog-term lines, as propolis-standalone prints them).
# Prints one line per tool and the ratio; exits 1 when scan > 1.5x grep.
set -eu
bin=$1 size=${2:-1024} runs=${3:-3} format=${4:-json}
here=$(cd "$(dirname "$0")" && pwd)
log=${TMPDIR:-/tmp}/vmtriage-bench-$size-$format.log
if [ ! -s "$log" ]; then
	if [ "$format" = text ]; then
		sh "$here/gen-log.sh" "$size" | sed -E \
			's/^\{"msg":"([^"]*)".*"component":"([^"]*)","vcpu":([0-9]+).*$/Oct 22 18:41:28.637 INFO \1, vcpu: \3, component: \2/' >"$log"
	else
		sh "$here/gen-log.sh" "$size" >"$log"
	fi
fi
cat "$log" >/dev/null # warm the page cache for both tools alike
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# One run: "wall cpu" seconds (cpu = user + system, from the shell's times).
# Output goes to a file, never /dev/null: GNU grep notices a /dev/null
# stdout and stops at the first match, as -q does, so `grep -c` would read
# only up to the first crash and the comparison would be against a grep
# that did not read the whole log.
run() {
	t0=$(date +%s.%N)
	cpu=$( ( "$@" >"$out" 2>/dev/null; times ) | awk 'NR == 2 {
		t = 0
		for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); t += a[1] * 60 + a[2] }
		print t }')
	t1=$(date +%s.%N)
	echo "$t0 $t1 $cpu" | awk '{ printf "%.3f %.3f\n", $2 - $1, $3 }'
}

# Best wall and best cpu time over $runs runs, the two tools alternating so
# that load from elsewhere hits both alike.
bytes=$(wc -c <"$log")
found=$("$bin" scan --ndjson "$log" | wc -l)
gw=999 gc=999 sw=999 sc=999
for _ in $(seq "$runs"); do
	set -- $(run grep -c 'Unhandled VM exit' "$log") $gw $gc
	counted=$(cat "$out")
	gw=$(echo "$1 $3" | awk '{ print ($1 < $2 ? $1 : $2) }'); gc=$(echo "$2 $4" | awk '{ print ($1 < $2 ? $1 : $2) }')
	set -- $(run "$bin" scan "$log") $sw $sc
	sw=$(echo "$1 $3" | awk '{ print ($1 < $2 ? $1 : $2) }'); sc=$(echo "$2 $4" | awk '{ print ($1 < $2 ? $1 : $2) }')
done
echo "$format log: $bytes bytes, $found crashes ($counted lines for grep), best of $runs runs"
echo "grep -c 'Unhandled VM exit': wall $gw s, cpu $gc s"
echo "vmtriage scan:               wall $sw s, cpu $sc s"
echo "$sw $gw $sc $gc" | awk '{ w = $1 / $2; c = $3 / $4
	printf "ratio: wall %.2f, cpu %.2f (limit 1.50 on wall)\n", w, c; exit (w > 1.5) }'
