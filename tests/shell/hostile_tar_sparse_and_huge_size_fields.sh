#!/bin/sh
# Attack: tar headers whose size fields lie. A member whose octal size says
# 8 GiB but whose data is a few bytes (then EOF), a base-256 size of 2^62,
# and a GNU sparse member mapping 4 GiB of holes. The lying members are
# reported damaged with a warning, the sparse one is read without a hang or
# blow-up, and a good bundle beside them is still reported.
. "$2/tests/shell/lib/hostile.sh"
need_python
crashlog >"$t/crash.log"
z=$(zonedir oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33)
"$py" - "$z" <<'PY'
import gzip, io, sys, tarfile
z = sys.argv[1]
def header(name, size_field, typeflag=b"0", extra=b""):
    h = bytearray(512)
    h[0:len(name)] = name
    h[100:108] = b"0000644\0"; h[108:116] = b"0000000\0"; h[116:124] = b"0000000\0"
    h[124:136] = size_field
    h[136:148] = b"14000000000\0"
    h[156:157] = typeflag
    h[257:263] = b"ustar\0"; h[263:265] = b"00"
    h[345:345 + len(extra)] = extra
    h[148:156] = b" " * 8
    h[148:156] = b"%06o\0 " % sum(h)
    return bytes(h)
log = b"system-illumos-propolis-server:default.log"
meta = lambda bid: (b'[id]\nzone_name = "oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33"\nbundle_id = "%s"\n' % bid)
def bundle(bid, body):
    m = meta(bid)
    data = header(b"metadata.toml", b"%011o\0" % len(m)) + m + bytes(-len(m) % 512) + body
    open("%s/%s.tar.gz" % (z, bid.decode()), "wb").write(gzip.compress(data))
# 8 GiB claimed in octal, 100 bytes present, then the archive ends.
bundle(b"55555555-5555-4555-8555-555555555555", header(log, b"%011o\0" % (8 << 30)) + b"x" * 100)
# base-256 (GNU) size 2^62.
big = bytes([0x80]) + (1 << 62).to_bytes(11, "big")
bundle(b"66666666-6666-4666-8666-666666666666", header(log, big) + b"y" * 512 + bytes(1024))
# Old GNU sparse ('S'): 4 GiB of holes (the most 11 octal digits hold),
# 512 bytes stored at the end: reading it yields 4 GiB of zeros.
sp = b"".join(b"%011o\0%011o\0" % (((i + 1) << 30) - 512, 512 if i == 3 else 0) for i in range(4))
hdr = bytearray(header(log, b"%011o\0" % 512, b"S"))
hdr[386:386 + len(sp)] = sp
hdr[483:495] = b"%011o\0" % (4 << 30)
hdr[148:156] = b" " * 8; hdr[148:156] = b"%06o\0 " % sum(hdr)
bundle(b"77777777-7777-4777-8777-777777777777", bytes(hdr) + b"z" * 512 + bytes(1024))
PY
mkbundle "$z/88888888-8888-4888-8888-888888888888.tar.gz" "system-illumos-propolis-server:default.log=$t/crash.log"
run 60 "$bin" bundles --ndjson --ext none --max-member-bytes 67108864 "$t/pool/int"
# Archives that end inside a member are damaged input: exit 2 (vmtriage(1)).
[ "$rc" = 2 ] || { echo "FAIL: bundles exited $rc, not 2 (damaged input)"; fail=1; }
expect_err '55555555-5555-4555-8555-555555555555.tar.gz' "the short 8 GiB member is reported damaged"
expect_err '66666666-6666-4666-8666-666666666666.tar.gz' "the 2^62 member is reported"
# The sparse member's holes are read as zeros or skipped, never allocated:
# the run stays bounded (checked by run's timeout) and finds nothing there.
reject_out '"bundle_id":"77777777-7777-4777-8777-777777777777"' "a crash from the sparse member"
expect_out '"bundle_id":"88888888-8888-4888-8888-888888888888"' "the good bundle's crash is reported"
finish
