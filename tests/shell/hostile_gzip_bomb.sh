#!/bin/sh
# Attack: a gzip bomb. A zone bundle's log member and a rotated .gz log that
# each inflate to 256 MiB of zeros from ~256 KiB must stop at the
# decompressed-bytes cap (--max-member-bytes) with a warning, while the
# crash in a normal bundle next to them is still reported.
. "$2/tests/shell/lib/hostile.sh"
need_python
"$py" -c 'import sys,zlib
c=zlib.compressobj(9,zlib.DEFLATED,31); z=bytes(1<<20); o=sys.stdout.buffer
for _ in range(256): o.write(c.compress(z))
o.write(c.flush())' >"$t/bomb.gz"
crashlog >"$t/crash.log"
gzip -dc "$t/bomb.gz" | head -c 1 >/dev/null # a real gzip stream
z=$(zonedir oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33)
"$py" - "$t/bomb.gz" "$z/11111111-1111-4111-8111-111111111111.tar.gz" <<'PY'
import gzip, sys, tarfile
# The bomb as a tar member: the .tar.gz itself is the bomb (tar + gzip).
data = gzip.decompress(open(sys.argv[1], "rb").read())
with tarfile.open(sys.argv[2], "w:gz", compresslevel=9) as tf:
    import io
    meta = b'[id]\nzone_name = "oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33"\nbundle_id = "11111111-1111-4111-8111-111111111111"\n'
    ti = tarfile.TarInfo("metadata.toml"); ti.size = len(meta); tf.addfile(ti, io.BytesIO(meta))
    ti = tarfile.TarInfo("system-illumos-propolis-server:default.log"); ti.size = len(data)
    tf.addfile(ti, io.BytesIO(data))
PY
mkbundle "$z/22222222-2222-4222-8222-222222222222.tar.gz" "system-illumos-propolis-server:default.log=$t/crash.log"

run 60 "$bin" bundles --ndjson --ext none --max-member-bytes 16777216 "$t/pool/int"
[ "$rc" = 0 ] || { echo "FAIL: bundles exited $rc"; fail=1; }
expect_err '11111111-1111-4111-8111-111111111111.tar.gz: .*16777216-byte limit' "the bomb member gives a cap warning"
expect_out '"bundle_id":"22222222-2222-4222-8222-222222222222"' "the crash beside the bomb is reported"

cp "$t/bomb.gz" "$t/propolis.log.gz"
run 60 "$bin" scan --ndjson --max-member-bytes 16777216 "$t/propolis.log.gz" "$t/crash.log"
[ "$rc" = 0 ] || { echo "FAIL: scan exited $rc"; fail=1; }
expect_err 'propolis.log.gz: decompressed data exceeds the 16777216-byte limit' "scan warns at the cap"
expect_out '"rip":"0x859f60"' "scan goes on to the next file"
finish
