#!/bin/sh
# Attack: gzip whose trailer does not match its data (a flipped bit in the
# CRC-32, or in ISIZE), as a .gz log, as a zone bundle's .tar.gz, and as a
# rotated log.1.gz inside a bundle. Each is damage under the one rule
# (warning, crashes before it kept, exit 2), said the same way by both
# inflate backends (the suite runs on each). A .tar.gz's trailer went
# unchecked: libarchive stops at the tar's end blocks, before it, and the
# CRC-32 was not computed for tar streams.
. "$2/tests/shell/lib/hostile.sh"
need_python
"$py" - "$t" "$src/samples/logs/propolis-795-bunyan.log" <<'PY'
import gzip, io, sys, tarfile
t, log = sys.argv[1], open(sys.argv[2], "rb").read()
def flip(b, at):
    b = bytearray(b); b[at] ^= 1; return bytes(b)
meta = (b'time_created = "2026-11-20T10:00:00Z"\nversion = 1\ncause = "other"\n\n[id]\n'
        b'zone_name = "oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33"\n'
        b'bundle_id = "5e4ce6a3-0000-4000-8000-000000000001"\n')
def tar(members):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name, data in members:
            ti = tarfile.TarInfo(name); ti.size = len(data); ti.mtime = 1763900000
            tf.addfile(ti, io.BytesIO(data))
    return buf.getvalue()
gz = gzip.compress(log, mtime=0)
plain = tar([("metadata.toml", meta), ("system-illumos-propolis-server:default.log", log)])
for what, at in (("crc", -8), ("isize", -4)):
    open("%s/%s.log.gz" % (t, what), "wb").write(flip(gz, at))
    open("%s/%s-bundle.tar.gz" % (t, what), "wb").write(flip(gzip.compress(plain, mtime=0), at))
    inner = tar([("metadata.toml", meta), ("system-illumos-propolis-server:default.log.1.gz", flip(gz, at))])
    open("%s/%s-member.tar.gz" % (t, what), "wb").write(gzip.compress(inner, mtime=0))
open("%s/good.tar.gz" % t, "wb").write(gzip.compress(plain, mtime=0))
PY
for what in crc isize; do
	case $what in
	crc) why='the CRC-32 in the trailer does not match the data' ;;
	isize) why='the size in the trailer does not match the data' ;;
	esac
	for f in $what.log.gz $what-bundle.tar.gz $what-member.tar.gz; do
		run 30 "$bin" bundles -q --ndjson "$t/$f"
		[ "$rc" = 2 ] || { echo "FAIL: bundles $f: exit $rc, want 2 (damage)"; cat "$t/err"; fail=1; }
		expect_err "$f: .*corrupt gzip data \\($why\\); crashes before it are kept" "bundles $f names the damage"
		[ "$(grep -c '"schema":"vmtriage.crash.v2"' "$t/out")" = 1 ] ||
			{ echo "FAIL: bundles $f: the crash before the trailer is kept"; fail=1; }
	done
	run 30 "$bin" scan "$t/$what.log.gz"
	[ "$rc" = 2 ] || { echo "FAIL: scan $what.log.gz: exit $rc, want 2"; fail=1; }
	expect_err "corrupt gzip data \\($why\\)" "scan $what.log.gz names the damage"
done
# Where a bundle's trailer is wrong is said as its compressed offset, the same
# for both backends: the end of the file.
run 30 "$bin" bundles -q --ndjson "$t/crc-bundle.tar.gz"
size=$(wc -c <"$t/crc-bundle.tar.gz" | tr -d ' ')
grep -q "damaged after 2 members, at compressed offset $size: corrupt gzip data" "$t/err" ||
	{ echo "FAIL: the damage is placed at the end of the file ($size)"; cat "$t/err"; fail=1; }
run 30 "$bin" bundles -q --ndjson "$t/good.tar.gz"
[ "$rc" = 0 ] && [ ! -s "$t/err" ] || { echo "FAIL: an intact bundle: exit $rc"; cat "$t/err"; fail=1; }
finish
