#!/bin/sh
# Guarantee: peak RSS stays under 64 MiB on the bomb and huge-line cases,
# measured here (getrusage(RUSAGE_CHILDREN) in lib/peak_rss.py) with the
# default caps. Inputs are generated, streamed into `scan -` where possible,
# never kept big on disk:
#   a 2 GiB single-line log piped into scan -
#   a 1 GiB gzip stream piped into scan - (decompressed in the scan)
#   a zone bundle whose log member inflates to 1 GiB, through bundles
#   a support-bundle zip whose member inflates to 1 GiB, through bundles
. "$2/tests/shell/lib/hostile.sh"
need_python
max_kib=65536
rss() {
	# rss NAME CMD...: stdin is the caller's; stdout/stderr to $t/out, $t/err.
	name=$1; shift
	"$py" "$src/tests/shell/lib/peak_rss.py" 300 "$@" >"$t/out" 2>"$t/err"
	rc=$?
	kib=$(tail -n 1 "$t/err")
	echo "$name: ${kib} KiB peak, exit $rc"
	[ "$rc" -lt 124 ] || { echo "FAIL: $name: exit $rc"; fail=1; }
	[ "$kib" -lt "$max_kib" ] || { echo "FAIL: $name: peak RSS ${kib} KiB >= 64 MiB"; fail=1; }
}
crashlog >"$t/crash.log"

{ head -c 2147483648 /dev/zero | tr '\0' 'A'; printf '\n'; cat "$t/crash.log"; } |
	rss "2 GiB line, scan -" "$bin" scan --ndjson -
expect_out '"rip":"0x859f60"' "the crash after the 2 GiB line"

"$py" -c 'import sys,zlib
c=zlib.compressobj(1,zlib.DEFLATED,31); o=sys.stdout.buffer; z=b"18:41:28.637Z INFO x\n"*50000
for _ in range((1<<30)//len(z)): o.write(c.compress(z))
o.write(c.compress(open(sys.argv[1],"rb").read())); o.write(c.flush())' "$t/crash.log" |
	rss "1 GiB gzip stream, scan -" "$bin" scan --ndjson -
expect_out '"rip":"0x859f60"' "the crash at the end of the 1 GiB stream"

z=$(zonedir oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33)
"$py" - "$z/13131313-1313-4313-8313-131313131313.tar.gz" "$t/bundle.zip" <<'PY'
import io, sys, tarfile, zipfile, zlib
tgz, zp = sys.argv[1:3]
class Zeros(io.RawIOBase):
    """1 GiB of zeros, read in pieces: the bomb is never in memory."""
    def __init__(self, n): self.left = n
    def readable(self): return True
    def readinto(self, b):
        n = min(len(b), self.left); b[:n] = bytes(n); self.left -= n; return n
meta = b'[id]\nzone_name = "oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33"\nbundle_id = "13131313-1313-4313-8313-131313131313"\n'
with tarfile.open(tgz, "w:gz", compresslevel=1) as tf:
    ti = tarfile.TarInfo("metadata.toml"); ti.size = len(meta); tf.addfile(ti, io.BytesIO(meta))
    ti = tarfile.TarInfo("system-illumos-propolis-server:default.log"); ti.size = 1 << 30
    tf.addfile(ti, io.BufferedReader(Zeros(1 << 30), 1 << 20))
with zipfile.ZipFile(zp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
    with zf.open("logs/oxz_propolis-server_7e7e7e7e-8f8f-4a0a-9b1b-2c2c2c2c2c2c/system-illumos-propolis-server:default.log", "w", force_zip64=True) as w:
        chunk = bytes(1 << 20)
        for _ in range(1024): w.write(chunk)
PY
rss "1 GiB tar.gz member, bundles" "$bin" bundles --ndjson --ext none "$t/pool/int" </dev/null
rss "1 GiB zip member, bundles" "$bin" bundles --ndjson "$t/bundle.zip" </dev/null
finish
