#!/bin/sh
# Attack: a corpus with a symlinked directory (corp/d -> /) and a snapshot
# whose memory "file" region is "d/etc/hostname": a path with no ".." and no
# leading "/" that still leaves the corpus. replay printed the host file and
# corpus bless wrote it into an expectation. The path is now resolved one
# component at a time under the snapshot's directory, never following links.
. "$2/tests/shell/lib/hostile.sh"
mkdir -p "$t/corp/real" "$t/secret"
ln -s / "$t/corp/d"
printf 'SECRETSECRET' >"$t/secret/key"
ln -s "$t/secret" "$t/corp/s"
ln -s "$t/secret/key" "$t/corp/real/key"
printf 'ABCD' >"$t/corp/real/m.bin"
mk() {
	cat >"$t/corp/$1.json" <<JSON
{"version": 1, "mode": "long64", "inst": "f3 6e",
 "regs": {"rcx": "4", "rdx": "0x402", "rsi": "0x0", "rip": "0x1000", "cr0": "0x1", "efer": "0x500"},
 "memory": [{"gpa": "0x0", "file": "$2"}]}
JSON
}
mk root d/etc/hostname
mk dirlink s/key
mk filelink real/key
mk good real/./m.bin
run 20 "$bin" replay --json "$t/corp/root.json" "$t/corp/dirlink.json" "$t/corp/filelink.json" "$t/corp/good.json"
expect_err 'root.json: memory\[0\].file: "d/etc/hostname": "d" is not a directory \(or is a symlink\): not followed' "a symlinked directory to / is refused"
expect_err 'dirlink.json: memory\[0\].file: "s/key": "s" .*not followed' "a symlinked directory inside the tree is refused"
expect_err 'filelink.json: memory\[0\].file: "real/key": "key" is a symlink: not followed' "a symlinked file is refused"
reject_out '"value": ("0x53"|83)' "nothing of the outside file is printed"
expect_out '"value": ("0x44"|68)' "a plain path below the directory is read"
run 60 "$bin" corpus bless "$t/corp"
[ -e "$t/corp/root.expect.json" ] && { echo "FAIL: bless wrote an expectation for an escaping region"; fail=1; }
grep -l SECRET "$t/corp/"*.expect.json 2>/dev/null && { echo "FAIL: the host file reached an expectation"; fail=1; }
finish
