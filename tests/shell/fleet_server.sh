#!/bin/sh
# The documented way to a fleet database, as a new operator runs it from a
# build tree: `vmtriage fleet server DIR` starts a private ClickHouse on
# loopback with the schema loaded and prints its URL; VMTRIAGE_CLICKHOUSE
# points every fleet command at it (the one line for an existing server,
# with `fleet schema`); the built-in queries answer with no --queries and
# nothing installed; `--stop` ends it and a restart keeps the data.
# Skips (77) without clickhouse-server, FAILS when VT_REQUIRE_CLICKHOUSE=1.
# Usage: sh fleet_server.sh BIN SRCDIR BUILDDIR
set -u
bin=$1 src=$2
PATH=$PATH:/usr/sbin
. "$src/tests/shell/lib/check.sh"
if ! command -v "${CLICKHOUSE_SERVER:-clickhouse-server}" >/dev/null && ! command -v clickhouse >/dev/null; then
	[ "${VT_REQUIRE_CLICKHOUSE:-0}" = 1 ] && { echo "FAIL: no clickhouse-server and VT_REQUIRE_CLICKHOUSE=1"; exit 1; }
	echo "SKIP: clickhouse-server not installed"
	exit 77
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/vt-fleet-server.XXXXXX") || exit 3
trap '"$bin" fleet server --stop "$dir/ch" >/dev/null 2>&1; "$bin" fleet server --stop "$dir/other" >/dev/null 2>&1; "$bin" fleet server --stop "$dir/rel" >/dev/null 2>&1; rm -rf "$dir"' EXIT
trap 'exit 3' INT TERM


unset VMTRIAGE_CLICKHOUSE
url=$("$bin" fleet server "$dir/ch" 2>"$dir/start.err") || { echo "FAIL: fleet server: exit $?"; cat "$dir/start.err" "$dir/ch/log/"* 2>/dev/null; exit 1; }
case $url in http://127.0.0.1:[0-9]*/) echo "ok   fleet server prints a loopback URL ($url)" ;;
*) echo "FAIL: fleet server printed [$url]"; exit 1 ;; esac
has "it says how to point vmtriage at it" "$dir/start.err" "export VMTRIAGE_CLICKHOUSE=$url"
has "the schema is loaded" "$dir/start.err" "schema loaded"
again=$("$bin" fleet server "$dir/ch" 2>"$dir/again.err")
check "a second start finds the running server" "$url" "$again"

# Another server on the port asked for: ours cannot bind it and exits. The
# start-up probe must not take the other server's answer for ours.
port=${url#http://127.0.0.1:}; port=${port%/}
"$bin" fleet server --port "$port" "$dir/other" >"$dir/other.out" 2>"$dir/other.err"
check "a port held by another server is not taken for ours" "3 " "$? $(cat "$dir/other.out")"

export VMTRIAGE_CLICKHOUSE="$url"
"$bin" fleet schema >"$dir/schema.out"
has "fleet schema on an existing server is idempotent" "$dir/schema.out" "schema loaded"
"$bin" bundles -q --ndjson --sled sled-a --rack rack-1 "$src/samples/pool/int" 2>/dev/null >"$dir/a.ndjson"
"$bin" fleet load "$dir/a.ndjson" >"$dir/load.out"
has "fleet load through VMTRIAGE_CLICKHOUSE" "$dir/load.out" "loaded 8 crashes"
# No --queries, nothing installed: the built-in queries.
(cd "$dir" && "$bin" fleet --color never) >"$dir/top.out" 2>&1
has "the default query answers from a build tree" "$dir/top.out" "    3     2 ca8f277c563e InstEmul/string-io/rep outsb"
for q in $(ls "$src/share/clickhouse/queries" | sed 's/\.sql$//'); do
	"$bin" fleet -Q "$q" -p since=2026-11-01 -p signature=ca8f277c563e --ndjson >/dev/null 2>"$dir/q.err"
	check "built-in query $q runs" "0 " "$? $(cat "$dir/q.err")"
done

pid=$(cat "$dir/ch/server.pid")
"$bin" fleet server --stop "$dir/ch" 2>"$dir/stop.err"
check "--stop stops it" 0 $?
# The server's process is gone. (Not "nothing answers on its port": another
# test's server, started in parallel, may take the first free port next.)
state=$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1) # gone, or a zombie no init reaped yet
case $state in "" | Z) state=gone ;; esac
check "its process is gone after --stop" gone "$state"
url=$("$bin" fleet server "$dir/ch" 2>/dev/null)
VMTRIAGE_CLICKHOUSE=$url "$bin" fleet --ndjson -Q crashes-per-sled >"$dir/sleds.out"
has "a restart keeps the data" "$dir/sleds.out" '"sled":"sled-a"'

# A relative DIR: the configuration names absolute paths (the server does not run in our cwd).
(cd "$dir" && "$bin" fleet server rel >/dev/null 2>&1)
check "a relative DIR starts too" 0 $?
has "its configuration names absolute paths" "$dir/rel/config.xml" "<path>/"
(cd "$dir" && "$bin" fleet server --stop rel 2>/dev/null)

[ $fails -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "all fleet server checks passed"
