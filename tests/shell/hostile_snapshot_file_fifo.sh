#!/bin/sh
# Attack: a snapshot from an outside corpus whose memory "file" region names
# a FIFO (open() would block forever), /dev/zero (an endless read, 1 GiB
# into memory before the data cap) or a host file outside the corpus
# (../ or an absolute path, to read it into the replay output). replay and
# corpus check refuse each region at once and go on with the other snapshots.
. "$2/tests/shell/lib/hostile.sh"
mkdir -p "$t/corpus"
mkfifo "$t/corpus/mem.bin"
for f in mem.bin /dev/zero ../../etc/passwd; do
	n=$(basename "$f")
	cat >"$t/corpus/hostile-$n.json" <<JSON
{"version": 1, "mode": "long64", "inst": "f3 6e",
 "regs": {"rcx": "2", "rdx": "0x402", "rsi": "0x0", "rip": "0x1000", "cr0": "0x1", "efer": "0x500"},
 "memory": [{"gpa": "0x0", "file": "$f"}]}
JSON
done
cp "$src/samples/snapshots/rcx-zero-rep-outsb.json" "$t/corpus/"
run 20 "$bin" replay --json "$t/corpus/hostile-mem.bin.json" "$t/corpus/hostile-zero.json" \
	"$t/corpus/hostile-passwd.json" "$t/corpus/rcx-zero-rep-outsb.json"
expect_err 'hostile-mem.bin.json: memory\[0\].file: "mem.bin": not a regular file' "the FIFO region is refused"
expect_err 'hostile-zero.json: memory\[0\].file: "/dev/zero": must be a relative path inside' "an absolute region is refused"
expect_err 'hostile-passwd.json: memory\[0\].file: "../../etc/passwd": must be a relative path inside' "a ../ region is refused"
expect_out '"snapshot": "rcx-zero-rep-outsb"' "the good snapshot is replayed"
run 20 "$bin" corpus check "$t/corpus"
expect_out '4 cases: .* 3 errors' "corpus check counts the hostile cases as errors, without hanging"
expect_err 'not a regular file' "corpus check says why"
finish
