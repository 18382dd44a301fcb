"""Byte-exact writers for the files a sled holds, shared by the sample
generator (scripts/gen-samples) and the benchmark tree (bench/gen-tree).

Everything is deterministic: fixed mtimes, uids and names, so running a
generator twice gives identical bytes (with the same zlib and zstd)."""

import struct
import subprocess
import tarfile
import zlib

EPOCH = 1732572841  # 2024-11-25T22:14:01Z: every fixed mtime


def tar_member(name, data, mtime=EPOCH, gnu=False):
    """One tar member as tar-rs writes it: ustar headers for data sections
    (metadata.toml, command output), GNU headers for log files."""
    ti = tarfile.TarInfo(name)
    ti.size = len(data)
    ti.mtime = mtime
    ti.mode = 0o444 if not gnu else 0o644
    ti.uid = ti.gid = 0
    ti.uname = ti.gname = "root" if gnu else ""
    ti.type = tarfile.REGTYPE
    fmt = tarfile.GNU_FORMAT if gnu else tarfile.USTAR_FORMAT
    pad = (512 - len(data) % 512) % 512
    return ti.tobuf(fmt, "utf-8", "surrogateescape") + data + b"\0" * pad


def tar_stream(members):
    """members: (name, bytes, gnu) tuples; ends like tar-rs finish(): two zero blocks."""
    return b"".join(tar_member(n, d, gnu=g) for n, d, g in members) + b"\0" * 1024


def gzip_fname(data, fname, level=9, mtime=EPOCH):
    """gzip with the FNAME field set to the full file name, as flate2's
    GzBuilder::filename() writes it (Python's gzip module drops '.gz')."""
    hdr = b"\x1f\x8b\x08\x08" + struct.pack("<I", mtime) + (b"\x02" if level == 9 else b"\x00") + b"\x03"
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    body = c.compress(data) + c.flush()
    return hdr + fname.encode() + b"\0" + body + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)


def metadata_toml(zone, bundle_id, created, cause):
    return (f'time_created = "{created}"\nversion = 0\ncause = "{cause}"\n\n'
            f'[id]\nzone_name = "{zone}"\nbundle_id = "{bundle_id}"\n').encode()


def command_output(argv, body):
    quoted = ", ".join(f'"{a}"' for a in argv)
    return f"Command: [{quoted}]\n{body}".encode()


def gunzip(data):
    return zlib.decompress(data, 16 + zlib.MAX_WBITS)


def zone_bundle(zone, bundle_id, created, cause, logs, pid=21825, level=9):
    """A zone bundle's bytes: metadata, zone-wide commands, per-process
    commands, then the logs (name, bytes) in the order given."""
    members = [("metadata.toml", metadata_toml(zone, bundle_id, created, cause), False)]
    for cmd in (["ptree"], ["uptime"], ["last"], ["who"], ["svcs", "-p"], ["netstat", "-an"]):
        members.append((cmd[0], command_output(cmd, "\n"), False))
    if logs:
        for cmd in ("pfiles", "pstack", "pargs"):
            members.append((f"{cmd}.{pid}", command_output([cmd, str(pid)], f"{pid}: propolis-server\n"), False))
    for name, data in logs:
        members.append((name, data, True))
    return gzip_fname(tar_stream(members), f"{bundle_id}.tar.gz", level=level)


def _zstd(data):
    return subprocess.run(["zstd", "-3", "-q", "-c", "--no-check"], input=data,
                          capture_output=True, check=True).stdout


def _dos_time(ts):
    import time
    t = time.gmtime(ts)
    return ((t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec // 2),
            ((t.tm_year - 1980) << 9) | (t.tm_mon << 5) | t.tm_mday)


def zip_file(entries, method="deflate", mtime=EPOCH):
    """A zip with ZIP64 extra fields on every entry (as the zip crate's
    large_file(true) writes them). entries: (name, bytes); names ending in
    '/' are directory entries. method: 'deflate' (support bundles) or
    'zstd' (method 93, a sled's logs.zip)."""
    out, central = bytearray(), bytearray()
    dtime, ddate = _dos_time(mtime)
    for name, data in entries:
        nb = name.encode()
        if name.endswith("/"):
            meth, comp = 0, b""
        elif method == "zstd":
            meth, comp = 93, _zstd(data)
        else:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            meth, comp = 8, c.compress(data) + c.flush()
        crc = zlib.crc32(data)
        extra = struct.pack("<HHQQ", 1, 16, len(data), len(comp))
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, meth, dtime, ddate, crc,
                           0xFFFFFFFF, 0xFFFFFFFF, len(nb), len(extra)) + nb + extra + comp
        cextra = struct.pack("<HHQQQ", 1, 24, len(data), len(comp), offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x031E, 45, 0, meth, dtime, ddate,
                               crc, 0xFFFFFFFF, 0xFFFFFFFF, len(nb), len(cextra), 0, 0, 0,
                               (0o40755 if name.endswith("/") else 0o100644) << 16,
                               0xFFFFFFFF) + nb + cextra
    cd_off, n = len(out), len(entries)
    out += central
    z64_off = len(out)
    out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, n, n, len(central), cd_off)
    out += struct.pack("<IIQI", 0x07064B50, 0, z64_off, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, min(n, 0xFFFF), min(n, 0xFFFF),
                       len(central), 0xFFFFFFFF, 0)
    return bytes(out)
