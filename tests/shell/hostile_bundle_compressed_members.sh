#!/bin/sh
# Attack (a silent loss): a rotated, compressed propolis log inside a bundle:
# "system-illumos-propolis-server:default.log.1.gz" as a tar member, as a
# file of an extracted bundle directory, and as a support-bundle zip member
# (gzip bytes stored, and a zstd one). They were scanned as raw bytes: 0
# crashes, no warning. Members are decompressed by content, as scan does.
. "$2/tests/shell/lib/hostile.sh"
need_python
log=system-illumos-propolis-server:default.log
crashlog | gzip -c >"$t/rot.gz"
crashlog | xz -c >"$t/rot.xz"
d=$(zonedir oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33)
mkbundle "$d/e2c1b0a9-aaaa-4bbb-8ccc-000000000001.tar.gz" "$log.1.gz=$t/rot.gz"
run 30 "$bin" bundles --ndjson "$t/pool/int"
expect_out "\"member\":\"$log.1.gz\",\"line\":2" "a .gz tar member is decompressed"
mkdir -p "$t/x"
tar -xzf "$d/e2c1b0a9-aaaa-4bbb-8ccc-000000000001.tar.gz" -C "$t/x"
cp "$t/rot.xz" "$t/x/$log.2.xz"
run 30 "$bin" bundles --ndjson "$t/x"
[ "$(grep -c '"line":2' "$t/out")" = 2 ] || { echo "FAIL: an extracted bundle's .gz and .xz logs"; cat "$t/out" "$t/err"; fail=1; }
"$py" - "$t/support.zip" "$t/rot.gz" "$t/rot.xz" "$log" <<'PY'
import sys, zipfile
out, gz, xz, log = sys.argv[1:]
with zipfile.ZipFile(out, "w") as z:
    z.write(gz, "logs/oxz_propolis-server_1/%s.1.gz" % log, zipfile.ZIP_STORED)
    z.write(xz, "logs/oxz_propolis-server_1/%s.2.xz" % log, zipfile.ZIP_DEFLATED)
PY
run 30 "$bin" bundles --ndjson "$t/support.zip"
[ "$(grep -c '"line":2' "$t/out")" = 2 ] || { echo "FAIL: a support zip's .gz and .xz members"; cat "$t/out" "$t/err"; fail=1; }
finish
