#!/bin/sh
# Attack: a zip bomb. A support-bundle zip whose rotated propolis log member
# inflates to 256 MiB from ~256 KiB must stop at the decompressed-bytes cap
# (--max-member-bytes) with a warning; the crash in the zip's other member is
# still reported.
. "$2/tests/shell/lib/hostile.sh"
need_python
crashlog >"$t/crash.log"
"$py" - "$t/bundle.zip" "$t/crash.log" <<'PY'
import sys, zipfile
out, crash = sys.argv[1], sys.argv[2]
z = "logs/oxz_propolis-server_7e7e7e7e-8f8f-4a0a-9b1b-2c2c2c2c2c2c/"
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
    zf.writestr(z + "system-illumos-propolis-server:default.log.1", b"\0" * (256 << 20))
    zf.write(crash, z + "system-illumos-propolis-server:default.log")
PY
run 60 "$bin" bundles --ndjson --max-member-bytes 16777216 "$t/bundle.zip"
[ "$rc" = 0 ] || { echo "FAIL: bundles exited $rc"; fail=1; }
expect_err 'default.log.1: .*16777216-byte limit' "the bomb member gives a cap warning"
expect_out '"member":"logs/[^"]*default.log","line":2' "the other member's crash is reported"
finish
