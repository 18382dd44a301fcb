#!/bin/sh
# Attack: tar symlink and hardlink members named like propolis logs that point
# at /etc/shadow, a file outside the bundle, and at another member. Links in
# an archive are never followed to the file system: they have no bytes of
# their own, so nothing outside is read; the real log member's crash is
# reported exactly once, and the run finishes.
. "$2/tests/shell/lib/hostile.sh"
need_python
crashlog >"$t/crash.log"
mkdir -p "$t/outside" && crashlog >"$t/outside/secret.log"
z=$(zonedir oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33)
"$py" - "$z/44444444-4444-4444-8444-444444444444.tar.gz" "$t/crash.log" "$t/outside/secret.log" <<'PY'
import io, sys, tarfile
out, crash, outside = sys.argv[1:4]
data = open(crash, "rb").read()
meta = b'[id]\nzone_name = "oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33"\nbundle_id = "44444444-4444-4444-8444-444444444444"\n'
with tarfile.open(out, "w:gz") as tf:
    ti = tarfile.TarInfo("metadata.toml"); ti.size = len(meta); tf.addfile(ti, io.BytesIO(meta))
    ti = tarfile.TarInfo("system-illumos-propolis-server:default.log"); ti.size = len(data)
    tf.addfile(ti, io.BytesIO(data))
    for name, kind, target in [
        ("system-illumos-propolis-server:default.log.1", tarfile.SYMTYPE, "/etc/shadow"),
        ("system-illumos-propolis-server:default.log.2", tarfile.SYMTYPE, outside),
        ("system-illumos-propolis-server:default.log.3", tarfile.LNKTYPE, "system-illumos-propolis-server:default.log"),
        ("system-illumos-propolis-server:default.log.4", tarfile.LNKTYPE, outside),
    ]:
        ti = tarfile.TarInfo(name); ti.type = kind; ti.linkname = target; tf.addfile(ti)
PY
run 60 "$bin" bundles --ndjson --ext none "$t/pool/int"
[ "$rc" = 0 ] || { echo "FAIL: bundles exited $rc"; fail=1; }
n=$(grep -c '"signature_id"' "$t/out")
[ "$n" = 1 ] || { echo "FAIL: $n crashes, want exactly the real member's 1"; cat "$t/out"; fail=1; }
expect_out '"member":"system-illumos-propolis-server:default.log"' "the regular member's crash"
reject_out 'default\.log\.[1-4]"' "a link member produced a crash"
finish
