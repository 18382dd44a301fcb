#!/bin/sh
# Attack: zips whose first member cannot be read (encrypted, an unsupported
# method, a truncated zstd stream) before a good log, and a zip with two
# members of the same name (deflate, then zstd), each holding a crash.
# The unreadable member hid every later one (0 crashes) and the second
# same-named member was read through the first one's entry. Each member is
# now read by its own index: the bad one is warned, the others are read.
. "$2/tests/shell/lib/hostile.sh"
need_python
command -v zstd >/dev/null || { echo "zstd not installed: skipped"; exit 77; }
log=system-illumos-propolis-server:default.log
crashlog >"$t/a.log"
# The same crash text, 5 lines further down: a second, distinct crash.
{ printf 'x\nx\nx\nx\nx\n'; crashlog; } >"$t/b.log"
zstd -q -19 -c "$t/b.log" >"$t/b.zst"
head -c 40 "$t/b.zst" >"$t/cut.zst"
"$py" - "$t" "$log" <<'PY'
import struct, sys, zlib
t, log = sys.argv[1], sys.argv[2]
def raw(path): return open(path, "rb").read()
def deflate(d):
    c = zlib.compressobj(6, zlib.DEFLATED, -15); return c.compress(d) + c.flush()
def write(out, members):
    """members: (name, method, flags, stored bytes, crc, uncompressed size)"""
    body, cd = b"", b""
    for name, method, flags, data, crc, usize in members:
        n = name.encode()
        off = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034b50, 63, flags, method, 0, 0x21, crc,
                            len(data), usize, len(n), 0) + n + data
        cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 63, 63, flags, method, 0, 0x21, crc,
                          len(data), usize, len(n), 0, 0, 0, 0, 0o100644 << 16, off) + n
    end = struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, len(members), len(members), len(cd), len(body), 0)
    open(out, "wb").write(body + cd + end)
a, b = raw(t + "/a.log"), raw(t + "/b.log")
good = ("logs/z/" + log, 8, 0, deflate(a), zlib.crc32(a), len(a))
write(t + "/enc-first.zip", [("logs/z/secret.log", 8, 1, deflate(b), zlib.crc32(b), len(b)), good])
write(t + "/method-first.zip", [("logs/z/odd.log", 97, 0, b"\0" * 64, 0, 64), good])
write(t + "/cutzstd-first.zip", [("logs/z/cut.log", 93, 0, raw(t + "/cut.zst"), zlib.crc32(b), len(b)), good])
write(t + "/same-name.zip", [good, ("logs/z/" + log, 93, 0, raw(t + "/b.zst"), zlib.crc32(b), len(b))])
PY
for z in enc-first method-first cutzstd-first; do
	run 30 "$bin" bundles --ndjson "$t/$z.zip"
	[ "$(grep -c '"line":' "$t/out")" = 1 ] || { echo "FAIL: $z.zip: the good member's crash is lost"; cat "$t/err"; fail=1; }
	expect_err "$z.zip: logs/z/[a-z]*.log: .*the next members are still read" "$z.zip: the bad member is warned"
done
expect_err 'cutzstd-first.zip: logs/z/cut.log' "the truncated zstd member is named"
run 30 "$bin" bundles --ndjson "$t/same-name.zip"
[ "$(grep -c '"line":' "$t/out")" = 2 ] || { echo "FAIL: same-name.zip: both members' crashes (lines 2 and 7)"; cat "$t/out"; fail=1; }
expect_out '"line":7' "the second member is read through its own entry"
finish
