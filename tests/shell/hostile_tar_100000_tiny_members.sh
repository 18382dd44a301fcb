#!/bin/sh
# Attack: a zone bundle with 100,000 tiny members before its propolis log.
# The archive loop is bounded by the member cap (100,000 by default): the
# bundle is read in bounded time, the cap gives a warning naming it, and a
# normal bundle beside it is still reported.
. "$2/tests/shell/lib/hostile.sh"
need_python
crashlog >"$t/crash.log"
z=$(zonedir oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33)
"$py" - "$z/99999999-9999-4999-8999-999999999999.tar.gz" "$t/crash.log" <<'PY'
import io, sys, tarfile
out, crash = sys.argv[1:3]
meta = b'[id]\nzone_name = "oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33"\nbundle_id = "99999999-9999-4999-8999-999999999999"\n'
with tarfile.open(out, "w:gz", compresslevel=1) as tf:
    ti = tarfile.TarInfo("metadata.toml"); ti.size = len(meta); tf.addfile(ti, io.BytesIO(meta))
    one = io.BytesIO(b"x\n")
    for i in range(100000):
        ti = tarfile.TarInfo("pfiles.%d" % i); ti.size = 2; one.seek(0); tf.addfile(ti, one)
    data = open(crash, "rb").read()
    ti = tarfile.TarInfo("system-illumos-propolis-server:default.log"); ti.size = len(data)
    tf.addfile(ti, io.BytesIO(data))
PY
mkbundle "$z/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa.tar.gz" "system-illumos-propolis-server:default.log=$t/crash.log"
start=$(date +%s)
run 120 "$bin" bundles --ndjson --ext none "$t/pool/int"
secs=$(( $(date +%s) - start ))
[ "$rc" = 0 ] || { echo "FAIL: bundles exited $rc"; fail=1; }
expect_err '99999999-9999-4999-8999-999999999999.tar.gz: more than 100000 members' "the member cap gives a warning"
expect_out '"bundle_id":"aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"' "the normal bundle is reported"
[ "$secs" -le 60 ] || { echo "FAIL: took ${secs}s for 100,001 members"; fail=1; }
finish
