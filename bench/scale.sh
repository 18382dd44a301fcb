#!/bin/sh
# How merge and fleet load grow with the number of zone bundles: N distinct
# bundles of one crash each (the signatures of the sample sled, rotated),
# as one `bundles --json` report and as NDJSON rows; then the wall time and
# peak RSS of `merge` over each, and of `fleet load` of the rows into a
# local HTTP sink (bench/http-sink.py: answers 200 to every POST, so the
# figure is vmtriage's own work, not a server's). Linear growth is the
# point: the time per bundle should stay flat from 10k to 100k.
# Needs python3 and GNU time. Not a test: figures go to docs/PERFORMANCE.md.
# usage: bench/scale.sh [VMTRIAGE] [N...]   (default N: 10000 20000 40000 100000)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/vmtriage}
[ $# -gt 0 ] && shift
sizes=${*:-10000 20000 40000 100000}
out=$here/out/scale
mkdir -p "$out"

rm -f "$out/sink.port" # a stale one would be read before the new sink truncates it
python3 "$here/http-sink.py" >"$out/sink.port" 2>/dev/null &
sink=$!
trap 'kill $sink 2>/dev/null' EXIT
i=0
while [ ! -s "$out/sink.port" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$out/sink.port" ] || { echo "bench/http-sink.py did not start"; exit 1; }
url="http://127.0.0.1:$(cat "$out/sink.port")/"

measure() { # LABEL N CMD...: one run, wall seconds and peak RSS
	label=$1 n=$2
	shift 2
	/usr/bin/time -f '%e %M' -o "$out/t" "$@" >/dev/null 2>"$out/err" || { cat "$out/err"; exit 1; }
	read -r wall rss <"$out/t"
	awk -v l="$label" -v n="$n" -v w="$wall" -v r="$rss" \
		'BEGIN { printf "| %s | %d | %.2f | %.1f | %d |\n", l, n, w, w * 1e6 / n, r / 1024 }'
}

echo "| run | bundles | wall s | µs per bundle | peak RSS MiB |"
echo "|---|---|---|---|---|"
for n in $sizes; do
	python3 "$here/gen_fleet.py" "$n" "$out/report-$n.json" "$out/rows-$n.ndjson"
	measure "merge (one --json report)" "$n" "$bin" merge "$out/report-$n.json"
	measure "merge (NDJSON rows)" "$n" "$bin" merge "$out/rows-$n.ndjson"
	measure "fleet load (NDJSON rows)" "$n" "$bin" fleet load --clickhouse "$url" "$out/rows-$n.ndjson"
done
