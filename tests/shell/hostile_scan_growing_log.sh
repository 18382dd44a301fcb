#!/bin/sh
# Attack: `vmtriage scan FILE` on a log a writer appends to as fast as it
# can for the whole scan. A regular file is read up to the size it had when
# opened, with a warning, so the scan ends while the writer is still going
# (before this was fixed, scan chased the writer for as long as it ran),
# and the crash at the start of the log is reported. A compressed log that
# grows is bounded the same way (the bound is on the file, not the data).
. "$2/tests/shell/lib/hostile.sh"
log="$t/propolis.log"
crashlog >"$log"
timeout 60 sh -c 'yes "18:41:28.637Z INFO still writing" >>"$1"' sh "$log" &
writer=$!
sleep 0.5
start=$(date +%s)
run 30 "$bin" scan --ndjson "$log"
secs=$(( $(date +%s) - start ))
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
[ "$rc" = 0 ] || { echo "FAIL: scan exited $rc"; fail=1; }
[ "$secs" -lt 20 ] || { echo "FAIL: the scan took ${secs}s: it chased the writer"; fail=1; }
expect_err 'propolis.log: grew while being read: only the [0-9]* bytes it had when opened are read' \
	"the growing log gives a warning"
expect_out '"exit_kind":"InstEmul"' "the crash at the start of the log is reported"
# The same log read from a pipe has no size to stop at: it is read to its end.
run 30 sh -c "head -c 100000 '$log' | '$bin' scan --ndjson -"
[ "$rc" = 0 ] || { echo "FAIL: scan of a pipe exited $rc"; fail=1; }
expect_out '"exit_kind":"InstEmul"' "the crash is found on stdin too"
finish
