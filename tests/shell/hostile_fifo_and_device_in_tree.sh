#!/bin/sh
# Attack: a FIFO and a character device named like logs and bundles inside a
# scanned tree (a FIFO nobody writes to blocks open() and read() forever; a
# device like /dev/zero never ends). They are reported and never opened: the
# walk finishes, and the crash in the real bundle beside them is reported.
. "$2/tests/shell/lib/hostile.sh"
need_python
crashlog >"$t/crash.log"
z=$(zonedir oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33)
mkbundle "$z/bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb.tar.gz" "system-illumos-propolis-server:default.log=$t/crash.log"
mkfifo "$z/cccccccc-cccc-4ccc-8ccc-cccccccccccc.tar.gz" "$t/pool/system-illumos-propolis-server:default.log"
dev=no
if [ "$(id -u)" = 0 ] && mknod "$z/dddddddd-dddd-4ddd-8ddd-dddddddddddd.tar.gz" c 1 5 2>/dev/null; then
	dev=yes # /dev/zero's numbers: an endless stream if it were read
fi
run 30 "$bin" bundles --ndjson --ext none "$t/pool"
[ "$rc" = 0 ] || { echo "FAIL: bundles exited $rc"; fail=1; }
expect_err 'cccccccc-cccc-4ccc-8ccc-cccccccccccc.tar.gz: a FIFO: never opened' "the FIFO bundle is reported, not opened"
expect_err 'pool/system-illumos-propolis-server:default.log: a FIFO: never opened' "the FIFO log is reported, not opened"
[ "$dev" = no ] || expect_err 'dddddddd-dddd-4ddd-8ddd-dddddddddddd.tar.gz: a (character )?device' "the device is reported, not opened"
expect_out '"bundle_id":"bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"' "the real bundle's crash is reported"
finish
