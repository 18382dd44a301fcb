#!/bin/sh
# Every --json / --ndjson output, on every relevant sample, validates against
# its schema in share/schema/ (a real validator: python3-jsonschema, formats
# checked), and names it in its first member.
#
# To cover a command: add a row to the table below. A row is
#   SCHEMA FORM ARGS...
# SCHEMA is the name the output must carry ("scan" for vmtriage.scan.v2; an
# NDJSON row names its record, "crash"), FORM is json or ndjson, ARGS are
# vmtriage's arguments; $S is the samples directory, $T a scratch directory
# and shell globs expand. Exit codes 0, 1 (findings) and 2 when stderr says a source
# was damaged (its crashes before the damage still reported) are accepted; any
# other fails the row, as does empty output.
. "$2/tests/shell/lib/hostile.sh"
need_python
"$py" -c 'import jsonschema, referencing' 2>/dev/null || { echo "SKIP: no python3-jsonschema"; exit 77; }
S=$src/samples T=$t
schemas=$src/share/schema

table() {
cat <<'ROWS'
scan     json    scan --json $S/logs/*.log $S/logs/*.log.* $S/plain/*
scan     json    scan --json --all-panics $S/logs/*.log
crash    ndjson  scan --ndjson $S/logs/*.log $S/logs/*.log.* $S/plain/*
crash    ndjson  scan --ndjson --all-panics $S/logs/nexus-other-panic.log
scan     json    scan --json $S/logs/nexus-other-panic.log
bundles  json    bundles --json $S/pool/int
bundles  json    bundles --json --model c2bc58f9 $S/pool/int
bundles  json    bundles --json $S/support/support-bundle-9b0c8d7e.zip $S/support/sled-logs
bundles  json    bundles --json $S/extracted/93a4b5c6-d7e8-4f90-8122-8e9f0a1b2c3d
bundles  json    bundles --json $S/logs/*.log $S/plain
bundles  json    bundles --json --since 2030-01-01 $S/pool/int
crash    ndjson  bundles --ndjson $S/pool/int
crash    ndjson  bundles --ndjson $S/support/support-bundle-9b0c8d7e.zip $S/logs/*.log
crash    ndjson  bundles --ndjson --sled sled-a --rack rack-1 $S/extracted/93a4b5c6-d7e8-4f90-8122-8e9f0a1b2c3d $S/plain
bundles  json    bundles --json --ext $S/pool/ext --zone oxz_propolis-server_* $S/pool/int
bundles  json    bundles --json --since 2026-11-21 --until 2026-11-21 $S/pool/int
decode   json    decode --json f3 6e
decode   json    decode --json '[243, 110, 76, 137, 198, 195, 252, 72, 135, 202, 73, 135, 240, 243, 102]'
decode   json    decode --json '"f36e"'
decode   json    decode --json 'RAX=0 Code=00 00 90 <f3> 6e 4c 89 ?? ??'
decode   json    decode --json '{0xf3, 0x6e, 0x4c}'
decode   json    decode --json '00000010  f3 6e 4c 89 c6 c3 fc 48  87 ca 49 87 f0 f3 66 00  |.nL....H..I...f.|'
decode   json    decode --json 'vCPU 1: Unhandled VM exit: InstEmul(InstEmul { inst_data: <guest data redacted>, len: 15 })'
decode   json    decode --json 'inst_data: [137, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], len: 2'
decode   json    decode --json 'inst_data: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], len: 0'
decode   json    decode --json --mode 16 --rip 7c00 f3 6f
decode   json    decode --json 'unemulated instruction [f3, 6c] as rip:859f60'
decode   json    decode --json 'ERRO Unhandled exit @rip:00859f60 InstEmul(InstEmul { inst_data: [243, 108, 235, 10], len: 15 })'
decode   ndjson  decode --ndjson 0xf3,0x6c
replay   json    replay --json $S/snapshots/*.json
replay   json    replay --json $(ls $S/corpus/*.json | grep -v '[.]expect[.]json$')
replay   json    replay --json --model c2bc58f9 $(ls $S/corpus/*.json | grep -v '[.]expect[.]json$')
result   ndjson  replay --ndjson --model 7bb3e125 $(ls $S/corpus/*.json | grep -v '[.]expect[.]json$')
result   ndjson  replay --ndjson $S/snapshots/*.json
corpus-check json corpus check --json $S/corpus
corpus-gate json corpus gate --json $S/corpus --model c2bc58f9
corpus-gate json corpus gate --json $S/corpus --model 7bb3e125 ovmf-debugcon-rep-outsb df1-rep-outsb-down
firmware json    firmware --json $S/firmware/*.fd
firmware json    firmware --json --all --context 8 --model c2bc58f9 $S/firmware/plain.fd
firmware json    firmware --json $S/firmware/damaged.fd
firmware-image ndjson firmware --ndjson --model 7bb3e125 $S/firmware/*.fd
merge    json    merge --json $T/pool.json $T/pool.ndjson $T/support.ndjson
merge    json    merge --json $T/scan.json
merge    json    merge --json $S/crashes/scan-795-and-340.json
fleet    json    fleet --clickhouse $CH --query top-signatures --json
fleet-row ndjson fleet --clickhouse $CH --query top-signatures --ndjson
fleet-row ndjson fleet --clickhouse $CH --query crashes-per-sled --ndjson
ROWS
}

# fleet's rows: a stand-in ClickHouse on loopback answers every query with
# rows shaped as the shipped queries' (JSONEachRow, counts bare integers).
"$py" - "$T/ch-port" <<'PY' &
import http.server, sys
ROWS = (b'{"signature":"InstEmul/string-io/rep outsb dx,[rsi]","signature_id":"ca8f277c563e","count":3,'
        b'"zones":2,"sleds":1,"first_seen":"2026-11-19T18:41:28Z","last_seen":null,"sled":"sled-a","crashes":3}\n'
        b'{"signature":"InstEmul/mmio/movups","signature_id":"0123456789ab","count":1,"zones":1,"sleds":0,'
        b'"first_seen":null,"last_seen":null,"sled":"","crashes":1}\n')
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Length", str(len(ROWS)))
        self.end_headers()
        self.wfile.write(ROWS)
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1] + ".tmp", "w").write(str(s.server_address[1]))
__import__("os").rename(sys.argv[1] + ".tmp", sys.argv[1])
s.serve_forever()
PY
fake=$!
trap 'kill $fake 2>/dev/null; chmod -R u+rwx "$t" 2>/dev/null; rm -rf "$t"' EXIT
i=0
while [ ! -s "$T/ch-port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
CH=http://127.0.0.1:$(cat "$T/ch-port")/
unset VMTRIAGE_CLICKHOUSE

# merge's inputs: bundles' own output (both forms, a support bundle) and scan's.
"$bin" bundles --json "$S/pool/int" >"$T/pool.json" 2>/dev/null
"$bin" bundles --ndjson "$S/pool/int" >"$T/pool.ndjson" 2>/dev/null
"$bin" bundles --ndjson "$S/support" >"$T/support.ndjson" 2>/dev/null
"$bin" scan --json "$S"/logs/*.log >"$T/scan.json" 2>/dev/null

table | while read -r schema form args; do
	[ -n "$schema" ] || continue
	case $schema in '#'*) continue ;; esac

	# shellcheck disable=SC2086 # the row's words and globs are meant to split
	eval "set -- $args"
	"$bin" "$@" >"$t/out" 2>"$t/err" </dev/null
	rc=$?
	# 2 with damaged sources (the sample sled has three) still writes the whole document.
	if [ "$rc" -gt 1 ] && ! { [ "$rc" = 2 ] && grep -q 'damaged source\|crashes before it are kept' "$t/err"; }; then
		echo "FAIL: vmtriage $args: exit $rc"; sed 's/^/  /' "$t/err" | head -5
		echo fail >>"$t/failed"; continue
	fi
	if [ ! -s "$t/out" ]; then
		echo "FAIL: vmtriage $args: no output"; echo fail >>"$t/failed"; continue
	fi
	if "$py" "$src/tests/shell/lib/schema_check.py" "$schemas" "$form" "vmtriage.$schema.v2" \
		"vmtriage $args" <"$t/out" >"$t/errs"; then
		echo "ok: vmtriage $args"
	else
		echo "FAIL: vmtriage $args"; sed 's/^/  /' "$t/errs"
		echo fail >>"$t/failed"
	fi
done
# A corpus expectation is a replay result record.
for f in "$S"/corpus/*.expect.json; do
	"$py" "$src/tests/shell/lib/schema_check.py" "$schemas" json vmtriage.result.v2 "$f" <"$f" >"$t/errs" ||
		{ echo "FAIL: $f"; sed 's/^/  /' "$t/errs"; echo fail >>"$t/failed"; }
done
[ -f "$t/failed" ] && fail=1
finish
