#!/bin/sh
# Attack: NUL bytes and invalid UTF-8 (overlong, lone continuation, truncated
# sequences, 0xff) on the lines around and inside a crash. The crash is still
# found, and every output format stays valid: the JSON parses and holds no raw
# NUL or invalid UTF-8.
. "$2/tests/shell/lib/hostile.sh"
need_python
"$py" - "$t/bad.log" "$src/samples/logs/propolis-standalone-1168.log" <<'PY'
import sys
out, crash = sys.argv[1:3]
junk = b"\x00\xff\xfe\xc0\xaf\x80\xe2\x82 \xf0\x9f\x98 nul\x00inside\n"
lines = open(crash, "rb").read().splitlines(True)
body = junk + b"".join(l if i != 4 else l.rstrip(b"\n") + b" \xff\x00\xc3(\n" for i, l in enumerate(lines)) + junk
open(out, "wb").write(junk * 3 + body)
PY
run 60 "$bin" scan --ndjson "$t/bad.log"
[ "$rc" = 0 ] || { echo "FAIL: scan exited $rc"; fail=1; }
expect_out '"rip":"0x859f60"' "the crash among NULs and bad UTF-8 is found"
"$py" - "$t/out" <<'PY' || fail=1
import json, sys
raw = open(sys.argv[1], "rb").read()
if b"\x00" in raw: sys.exit("FAIL: a raw NUL in the NDJSON output")
try: text = raw.decode("utf-8")
except UnicodeDecodeError as e: sys.exit("FAIL: invalid UTF-8 in the output: %s" % e)
for line in text.splitlines(): json.loads(line)
PY
run 60 "$bin" scan --json "$t/bad.log"
"$py" -c 'import json,sys; json.loads(open(sys.argv[1],"rb").read().decode("utf-8"))' "$t/out" || { echo "FAIL: --json output is not valid UTF-8 JSON"; fail=1; }
run 60 "$bin" scan "$t/bad.log"
expect_out '1 crash in 1 source' "the text report counts the crash"
finish
