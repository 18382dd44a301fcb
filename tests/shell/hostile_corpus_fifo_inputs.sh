#!/bin/sh
# Attack: FIFOs planted in a corpus and a trace directory: <case>.json,
# <case>.expect.json and <case>.trace.ndjson. corpus check, bless and gate
# blocked forever in open(); they must refuse each without blocking (it is
# not a regular file) and go on with the other cases.
. "$2/tests/shell/lib/hostile.sh"
mkdir -p "$t/c" "$t/tr"
cp "$src/samples/corpus/compat32-rep-outsb.json" "$src/samples/corpus/compat32-rep-outsb.expect.json" "$t/c/"
cp "$src/samples/corpus/df1-rep-outsb-down.json" "$t/c/"
mkfifo "$t/c/df1-rep-outsb-down.expect.json" "$t/c/fifo.json" "$t/tr/compat32-rep-outsb.trace.ndjson"
run 20 "$bin" corpus check "$t/c"
expect_out '3 cases' "check counts every case"
expect_err 'fifo.json: not a regular file' "check refuses the FIFO snapshot"
expect_err 'df1-rep-outsb-down.expect.json: not a regular file' "check refuses the FIFO expectation"
run 20 "$bin" corpus bless "$t/c"
expect_err 'fifo.json: not a regular file' "bless refuses the FIFO snapshot"
[ -p "$t/c/df1-rep-outsb-down.expect.json" ] || [ -f "$t/c/df1-rep-outsb-down.expect.json" ] ||
	{ echo "FAIL: bless lost the expectation"; fail=1; }
run 20 "$bin" corpus gate "$t/c" --traces "$t/tr"
[ "$rc" = 1 ] || { echo "FAIL: gate exit $rc, want 1"; fail=1; }
expect_out 'compat32-rep-outsb.trace.ndjson: not a regular file|ERROR.*compat32' "gate refuses the FIFO trace"
finish
