#!/bin/sh
# Attack: a bundle that is still being written while it is scanned: a writer
# appends to the propolis log of an extracted bundle, and to a plain log,
# as fast as it can for the whole scan. Each file is read up to the size it
# had when opened, with a warning, so the scan ends while the writer is
# still going (before this was fixed it ran for as long as the writer did),
# and the crash at the start of the log is reported.
. "$2/tests/shell/lib/hostile.sh"
b="$t/pool/bundle"
mkdir -p "$b"
cp "$src/samples/extracted/93a4b5c6-d7e8-4f90-8122-8e9f0a1b2c3d/metadata.toml" "$b/"
log="$b/system-illumos-propolis-server:default.log"
crashlog >"$log"
crashlog >"$t/pool/propolis.log"
timeout 60 sh -c 'yes "18:41:28.637Z INFO still writing" | tee -a "$1" >>"$2"' sh "$log" "$t/pool/propolis.log" &
writer=$!
sleep 0.5
start=$(date +%s)
run 30 "$bin" bundles --ndjson --ext none "$t/pool"
secs=$(( $(date +%s) - start ))
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
[ "$rc" = 0 ] || { echo "FAIL: bundles exited $rc"; fail=1; }
[ "$secs" -lt 20 ] || { echo "FAIL: the scan took ${secs}s: it chased the writer"; fail=1; }
expect_err 'default.log: .*grew while being read' "the growing bundle member gives a warning"
expect_err 'propolis.log: .*grew while being read' "the growing log gives a warning"
expect_out '"member":"system-illumos-propolis-server:default.log"' "the crash at the start of the member is reported"
finish
