#!/bin/sh
# Fleet integration: a private ClickHouse server (Debian's 18.16 in CI) on
# 127.0.0.1, the shipped schema, the sample sled's NDJSON split into three
# labelled sleds and loaded twice over, every shipped query through
# `vmtriage fleet`, counts asserted, and `vmtriage merge` agreeing with it.
# Skips (77) without clickhouse-server, FAILS when VT_REQUIRE_CLICKHOUSE=1.
# CLICKHOUSE_SERVER / CLICKHOUSE_CLIENT name other commands (e.g. a current
# release's "clickhouse server" / "clickhouse client").
# Usage: sh clickhouse.sh BIN SRCDIR BUILDDIR
set -u
bin=$1 src=$2
PATH=$PATH:/usr/sbin:/usr/bin
. "$src/tests/shell/lib/check.sh"

server=${CLICKHOUSE_SERVER:-clickhouse-server}
client=${CLICKHOUSE_CLIENT:-clickhouse-client}
if ! command -v "${server%% *}" >/dev/null || ! command -v "${client%% *}" >/dev/null; then
	if [ "${VT_REQUIRE_CLICKHOUSE:-0}" = 1 ]; then
		echo "FAIL: clickhouse-server/clickhouse-client not installed and VT_REQUIRE_CLICKHOUSE=1"
		exit 1
	fi
	echo "SKIP: clickhouse-server not installed"
	exit 77
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/vt-clickhouse.XXXXXX") || exit 3
pid=
stop() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	rm -rf "$dir"
}
trap stop EXIT
trap 'exit 3' INT TERM

write_config() { # HTTP_PORT TCP_PORT
	cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/log/server.log</log><errorlog>$dir/log/err.log</errorlog></logger>
  <http_port>$1</http_port>
  <tcp_port>$2</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/data/user_files/</user_files_path>
  <format_schema_path>$dir/data/format_schemas/</format_schema_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
</yandex>
XML
	cat >"$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks>
    <profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
XML
}

# Start on a port pair nobody holds: try a few, each bounded to 60 s.
start() {
	base=$((20000 + $$ % 20000))
	for try in 0 1 2 3 4; do
		http=$((base + try * 2)) tcp=$((base + try * 2 + 1))
		mkdir -p "$dir/data" "$dir/tmp" "$dir/log"
		write_config "$http" "$tcp"
		$server --config-file="$dir/config.xml" >"$dir/log/stdout" 2>&1 &
		pid=$!
		i=0
		while [ $i -lt 240 ] && kill -0 "$pid" 2>/dev/null; do
			if $client --host 127.0.0.1 --port "$tcp" --query "SELECT 1" >/dev/null 2>&1; then
				return 0
			fi
			sleep 0.25
			i=$((i + 1))
		done
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		pid=
		rm -rf "$dir/data" "$dir/tmp"
	done
	echo "FAIL: clickhouse-server did not start; its log:"
	tail -20 "$dir/log/err.log" "$dir/log/stdout" 2>/dev/null
	return 1
}



sql() {
	$client --host 127.0.0.1 --port "$tcp" --query "$1"
}

start || exit 1
url="http://127.0.0.1:$http/"
$client --host 127.0.0.1 --port "$tcp" --multiquery <"$src/share/clickhouse/schema.sql" ||
	{ echo "FAIL: schema.sql"; exit 1; }
echo "ok   schema.sql is accepted by $(sql 'SELECT version()')"

# The sample sled split by zone into three sleds on two racks (a zone lives on one sled).
pool=$src/samples/pool/int
"$bin" bundles "$pool" -q --ndjson --zone 'oxz_propolis-server_[0-3]*' --sled sled-a --rack rack-1 >"$dir/a.ndjson" 2>/dev/null
"$bin" bundles "$pool" -q --ndjson --zone 'oxz_propolis-server_[4-7]*' --sled sled-b --rack rack-1 >"$dir/b.ndjson" 2>/dev/null
"$bin" bundles "$pool" -q --ndjson --zone 'oxz_propolis-server_[89a-f]*' --sled sled-c --rack rack-2 >"$dir/c.ndjson" 2>/dev/null
check "the three sleds hold the sample's 8 crashes" 8 "$(cat "$dir"/[abc].ndjson | wc -l | tr -d ' ')"

"$bin" fleet load --clickhouse "$url" "$dir/a.ndjson" "$dir/b.ndjson" "$dir/c.ndjson" >"$dir/load.out"
has "fleet load counts what it inserted" "$dir/load.out" "loaded 8 crashes and 7 bundles from 3 files"
"$bin" fleet load --clickhouse "$url" - <"$dir/a.ndjson" >/dev/null
check "a re-load adds rows" 11 "$(sql 'SELECT count() FROM vmtriage.crashes')"
check "but not crashes (dedupe key)" 8 "$(sql 'SELECT uniqExact(zone_key, bundle_key, member, line) FROM vmtriage.crashes')"

q() { # NAME [ARGS]: a shipped query as NDJSON
	name=$1
	shift
	"$bin" fleet --clickhouse "$url" --queries "$src/share/clickhouse/queries" --query "$name" --ndjson "$@" >"$dir/$name.out" ||
		{ echo "FAIL fleet --query $name: exit $?"; fails=$((fails + 1)); }
}

q top-signatures
check "top-signatures: 6 signatures" 6 "$(wc -l <"$dir/top-signatures.out" | tr -d ' ')"
has "top-signatures: REP OUTSB first, 3 crashes, 2 zones, 2 sleds" "$dir/top-signatures.out" \
	'{"schema":"vmtriage.fleet-row.v2","signature":"InstEmul/string-io/rep outsb dx,[rsi]","signature_id":"ca8f277c563e","count":3,"zones":2,"sleds":2,"first_seen":"2026-11-20T10:00:59Z","last_seen":"2026-11-22T14:15:10Z"}'

q new-signatures --param since=2026-11-21
check "new-signatures since 2026-11-21: 2" 2 "$(wc -l <"$dir/new-signatures.out" | tr -d ' ')"
has "new-signatures: the redacted one is new" "$dir/new-signatures.out" '"signature":"InstEmul/redacted"'
q new-signatures --param since=2027-01-01
check "new-signatures since 2027: none" 0 "$(wc -l <"$dir/new-signatures.out" | tr -d ' ')"

q crashes-per-sled
has "crashes-per-sled: sled-a" "$dir/crashes-per-sled.out" '{"schema":"vmtriage.fleet-row.v2","rack":"rack-1","sled":"sled-a","crashes":3,"signatures":2,"zones":2'
has "crashes-per-sled: sled-b" "$dir/crashes-per-sled.out" '{"schema":"vmtriage.fleet-row.v2","rack":"rack-1","sled":"sled-b","crashes":2,"signatures":2,"zones":2'
has "crashes-per-sled: sled-c" "$dir/crashes-per-sled.out" '{"schema":"vmtriage.fleet-row.v2","rack":"rack-2","sled":"sled-c","crashes":3,"signatures":3,"zones":3'

q class-over-time
check "class-over-time: 6 week/class rows" 6 "$(wc -l <"$dir/class-over-time.out" | tr -d ' ')"
has "class-over-time: string-io in the week of 2026-11-16" "$dir/class-over-time.out" \
	'{"schema":"vmtriage.fleet-row.v2","week":"2026-11-16","class":"string-io","crashes":3,"signatures":1,"sleds":2}'

q zones-for-signature --param signature=ca8f277c563e
check "zones-for-signature by id: 2 zones" 2 "$(wc -l <"$dir/zones-for-signature.out" | tr -d ' ')"
has "zones-for-signature: the zone with 2 crashes on sled-a" "$dir/zones-for-signature.out" \
	'{"schema":"vmtriage.fleet-row.v2","zone":"oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33","rack":"rack-1","sled":"sled-a","crashes":2,"bundles":2'
q zones-for-signature --param 'signature=InstEmul/string-io/rep outsb dx,[rsi]'
check "zones-for-signature by text: 2 zones" 2 "$(wc -l <"$dir/zones-for-signature.out" | tr -d ' ')"

check "every shipped query was run" "$(ls "$src/share/clickhouse/queries" | sed 's/\.sql$//' | sort | tr '\n' ' ')" \
	"$(cd "$dir" && ls *.out | grep -v load.out | sed 's/\.out$//' | sort | tr '\n' ' ')"

# The text form is the bundles summary table.
"$bin" fleet --clickhouse "$url" --queries "$src/share/clickhouse/queries" --color never >"$dir/text.out"
has "fleet prints the bundles summary table" "$dir/text.out" "COUNT ZONES ID"
has "fleet text: REP OUTSB row" "$dir/text.out" "    3     2 ca8f277c563e InstEmul/string-io/rep outsb"

# After a merge ClickHouse itself holds each crash once.
sql 'OPTIMIZE TABLE vmtriage.crashes FINAL'
check "ReplacingMergeTree folds the re-load" 8 "$(sql 'SELECT count() FROM vmtriage.crashes')"
check "bundles table: 7 bundles" 7 "$(sql 'SELECT uniqExact(zone, bundle_id) FROM vmtriage.bundles')"

# Without ClickHouse: merge agrees, overlapping reports included.
for s in a b c; do
	case $s in a) z='[0-3]*' ;; b) z='[4-7]*' ;; c) z='[89a-f]*' ;; esac
	"$bin" bundles "$pool" -q --json --zone "oxz_propolis-server_$z" --sled "sled-$s" >"$dir/$s.json" 2>/dev/null
done
"$bin" merge "$dir/a.json" "$dir/b.json" "$dir/c.json" "$dir/a.json" >"$dir/merge.out"
has "merge: same crash count as ClickHouse" "$dir/merge.out" "4 reports, 3 sleds: 8 crashes (3 duplicates dropped), 6 signatures"
has "merge: same REP OUTSB row as fleet" "$dir/merge.out" "    3     2 ca8f277c563e InstEmul/string-io/rep outsb"

# The issue-15 pipeline: no --sled, no --rack, stdin. Unlabelled rows go in
# with "" (the columns are String: null was an HTTP 400); a support bundle's
# rows carry the sled and rack of its rack/<rack>/sled/<sled>/ directory and
# its bundle_id.txt. Into a second database, so the counts above stand.
sed 's/vmtriage\./vt2./g; s/DATABASE IF NOT EXISTS vmtriage/DATABASE IF NOT EXISTS vt2/' "$src/share/clickhouse/schema.sql" |
	$client --host 127.0.0.1 --port "$tcp" --multiquery || { echo "FAIL: schema.sql as vt2"; exit 1; }
"$bin" bundles --ndjson "$pool" 2>/dev/null | "$bin" fleet load --clickhouse "$url" --database vt2 - >"$dir/nolabel.out"
check "bundles --ndjson | fleet load - with no labels succeeds" 0 $?
has "no labels: every crash loaded" "$dir/nolabel.out" "loaded 8 crashes and 7 bundles from 1 file"
check "no labels: sled and rack are empty strings" 8 "$(sql "SELECT count() FROM vt2.crashes WHERE sled = '' AND rack = ''")"
check "no labels: times placed, text kept" 8 "$(sql "SELECT count() FROM vt2.crashes WHERE time LIKE '20%Z' AND time_text != ''")"
"$bin" bundles --ndjson "$src/samples/support" 2>/dev/null | "$bin" fleet load --clickhouse "$url" --database vt2 - >/dev/null
check "support bundle: loaded" 0 $?
check "support bundle: sled, rack and bundle id from the bundle" \
	"f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9 de2b3f2c-1111-4a4a-9b9b-123456789abc 9b0c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e" \
	"$(sql "SELECT DISTINCT sled, rack, bundle_id FROM vt2.crashes WHERE sled != ''" | tr '\t' ' ')"
printf '%s\n' '{"path":"old.log","member":"old.log","line":9,"time":"Jul 08 09:14:03.020","exit_kind":"Paging","signature":"Paging/paging","class":"paging"}' |
	"$bin" fleet load --clickhouse "$url" --database vt2 - >/dev/null
check "a year-less time is stored as unknown, not the year 2000" "\\N Jul 08 09:14:03.020 1970" \
	"$(sql "SELECT time, time_text, toYear(at) FROM vt2.crashes WHERE path = 'old.log'" | tr '\t' ' ')"
for name in top-signatures crashes-per-sled class-over-time; do
	"$bin" fleet --clickhouse "$url" --queries "$src/share/clickhouse/queries" --query "$name" --json >"$dir/json-$name.out"
	if python3 -c 'import jsonschema, referencing' 2>/dev/null; then
		python3 "$src/tests/shell/lib/schema_check.py" "$src/share/schema" json vmtriage.fleet.v2 "fleet --json -Q $name" \
			<"$dir/json-$name.out" >"$dir/schema.err"
		check "fleet --json -Q $name validates against fleet.schema.json" 0 $?
	fi
done
has "fleet --json: count is an integer" "$dir/json-top-signatures.out" '"count":	3,'

# Merge takes the same NDJSON rows and agrees with ClickHouse.
"$bin" bundles --ndjson "$pool" 2>/dev/null | "$bin" merge - >"$dir/merge-nd.out"
has "merge of NDJSON on stdin: 8 crashes" "$dir/merge-nd.out" "1 report, 1 sled: 8 crashes (0 duplicates dropped), 6 signatures"

# A server error reaches the user as a runtime error with ClickHouse's words.
sql 'DROP TABLE vmtriage.crashes'
"$bin" fleet --clickhouse "$url" --queries "$src/share/clickhouse/queries" >/dev/null 2>"$dir/err.out"
check "a missing table is a runtime error (exit 3)" 3 $?
has "the error carries ClickHouse's message" "$dir/err.out" "vmtriage: fleet: top-signatures"

if [ $fails -ne 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
echo "all fleet checks passed"
