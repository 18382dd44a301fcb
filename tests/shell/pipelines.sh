#!/bin/sh
# The workflows of issue 15, end to end, on the samples and on a support
# bundle: a crash out of bundles/scan (a --json document, one object cut out
# with jq, an NDJSON row) into `corpus add`; bundles --json and --ndjson into
# `merge`, which must count what bundles counts. (bundles --ndjson into
# `fleet load` with no labels runs against a real server in clickhouse.sh.)
# Usage: sh pipelines.sh BIN SRCDIR BUILDDIR
set -u
bin=$1 src=$2
. "$src/tests/shell/lib/check.sh"
dir=$(mktemp -d "${TMPDIR:-/tmp}/vt-pipelines.XXXXXX") || exit 3
trap 'rm -rf "$dir"' EXIT
cd "$src" || exit 3


added() { # NAME FILE [ARGS]: corpus add succeeds and the skeleton replays
	name=$1 from=$2
	shift 2
	if "$bin" corpus add "$dir/corp" --from "$from" --name "$name" "$@" >"$dir/add.out" 2>&1 &&
		"$bin" replay "$dir/corp/$name.json" >/dev/null 2>&1; [ $? -le 1 ]; then
		check "corpus add from $name" "wrote $dir/corp/$name.json" "$(head -1 "$dir/add.out")"
	else
		echo "FAIL corpus add from $name:"
		cat "$dir/add.out"
		fails=$((fails + 1))
	fi
}
mkdir "$dir/corp"

# corpus add from every form a crash comes in.
log=samples/logs/propolis-795-bunyan.log
[ -f "$log" ] || log=$(ls samples/logs/*795* | head -1)
"$bin" scan --json "$log" >"$dir/scan.json"
added scan-document "$dir/scan.json"
jq 'if type == "array" then .[0] else .crashes[0] end' "$dir/scan.json" >"$dir/scan-one.json"
added scan-record "$dir/scan-one.json"
"$bin" scan --ndjson "$log" | head -1 >"$dir/row.ndjson"
added ndjson-row "$dir/row.ndjson"
"$bin" bundles --json samples/pool/int 2>/dev/null >"$dir/pool.json"
n=$(jq '.crashes | length' "$dir/pool.json")
i=0 with_regs=
while [ "$i" -lt "$n" ]; do
	if [ "$(jq ".crashes[$i] | (.exit_kind == \"InstEmul\" and (.registers.rip // null) != null)" "$dir/pool.json")" = true ]; then
		with_regs=$i
		break
	fi
	i=$((i + 1))
done
if [ -n "$with_regs" ]; then
	jq ".crashes[$with_regs]" "$dir/pool.json" >"$dir/one.json"
	added bundles-crash "$dir/one.json"
	added bundles-document "$dir/pool.json" --index "$with_regs"
else
	echo "FAIL bundles --json crashes carry no registers: corpus add cannot start a snapshot from them"
	fails=$((fails + 1))
fi
"$bin" corpus add "$dir/corp" --from "$dir/pool.json" --index 999 2>"$dir/err" >/dev/null
check "corpus add --index past the end: usage error" 2 $?
check "and it says how many there are" 1 "$(grep -c "holds $n crashes" "$dir/err")"

# bundles -> merge, --json and --ndjson, stdin: the same count as bundles.
want=$(jq '.crashes | length' "$dir/pool.json")
"$bin" bundles --ndjson samples/pool/int 2>/dev/null >"$dir/pool.ndjson"
for form in pool.json pool.ndjson; do
	got=$("$bin" merge --json - <"$dir/$form" | jq '.crashes | length')
	check "bundles ($form) | merge -: $want crashes" "$want" "$got"
done
check "merge of both forms: each crash once" "$want" \
	"$("$bin" merge --json "$dir/pool.json" "$dir/pool.ndjson" | jq '.crashes | length')"
"$bin" bundles --json samples/pool/int samples/support 2>/dev/null >"$dir/both.json"
check "merge of one report writes its crash records unchanged (one reader, one writer)" \
	"$(jq -cS '.crashes' "$dir/both.json" | cksum)" "$("$bin" merge --json "$dir/both.json" | jq -cS '.crashes' | cksum)"
check "and its clusters" "$(jq -cS '.clusters' "$dir/both.json" | cksum)" \
	"$("$bin" merge --json "$dir/both.json" | jq -cS '[.clusters[] | del(.sleds)]' | cksum)"
check "and its bundles" "$(jq -cS '.bundles' "$dir/both.json" | cksum)" \
	"$("$bin" merge --json "$dir/both.json" | jq -cS '.bundles' | cksum)"
check "merge: schema" '"vmtriage.merge.v2"' "$("$bin" merge --json "$dir/pool.ndjson" | jq '.schema')"

# A support bundle: its sled and rack travel through bundles into merge.
"$bin" bundles --ndjson samples/support 2>/dev/null | "$bin" merge --json - >"$dir/support.json"
check "support bundle | merge: the sled of rack/<rack>/sled/<sled>/" \
	'["","f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9"]' "$(jq -c '.sleds' "$dir/support.json")"
check "support bundle | merge: bundle_id.txt's id on its crash" '"9b0c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e"' \
	"$(jq '[.crashes[] | select(.sled == "f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9") | .bundle_id][0]' "$dir/support.json")"

# The same support bundle extracted (as `unzip` leaves it): the path says the sled and rack.
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
	samples/support/support-bundle-9b0c8d7e.zip "$dir/sb"
check "extracted support bundle: sled and rack from rack/<rack>/sled/<sled>/" \
	'"f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9 de2b3f2c-1111-4a4a-9b9b-123456789abc"' \
	"$("$bin" bundles --ndjson "$dir/sb" 2>/dev/null | jq '.sled + " " + .rack' | sort -u)"

if [ $fails -ne 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
echo "all pipeline checks passed"
