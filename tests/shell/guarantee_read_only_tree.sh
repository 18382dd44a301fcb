#!/bin/sh
# Guarantee: reading a tree changes nothing in it. A copy of samples/ plus
# hostile extras (a FIFO, a symlink out of the root, a gzip bomb, a bundle
# with ../ member names, a snapshot whose memory is a "file" region) is
# recorded before and after every reading command (scan, bundles, replay,
# corpus check and gate, firmware, decode): every entry's name, type, size,
# mode, mtime and owner, and every regular file's bytes. Nothing may change
# and no file may appear. (bundles_readonly.sh does the same for bundles on
# the sample sled with a device node and an unreadable directory.)
. "$2/tests/shell/lib/hostile.sh"
need_python
chmod 755 "$t"
mkdir "$t/tree" "$t/elsewhere"
cp -R -P "$src/samples/." "$t/tree/"
tree="$t/tree"
mkfifo "$tree/logs/fifo.log"
ln -s "$t/elsewhere" "$tree/pool/int/out-of-root"
"$py" -c 'import sys,zlib
c=zlib.compressobj(9,zlib.DEFLATED,31); sys.stdout.buffer.write(c.compress(bytes(64<<20))+c.flush())' >"$tree/logs/bomb.log.gz"
z="$tree/pool/int/a462a7f7-b628-40fe-80ff-4e4189e2d62b/debug/bundle/zone/oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33"
crashlog >"$t/crash.log"
mkbundle "$z/14141414-1414-4414-8414-141414141414.tar.gz" "../../escape.log=$t/crash.log" "/etc/vt-ro-probe=$t/crash.log"
printf '\xf3\x6e' >"$tree/snapshots/mem.bin"
cat >"$tree/snapshots/file-region.json" <<'JSON'
{"version": 1, "mode": "long64", "inst": "f3 6e",
 "regs": {"rcx": "2", "rdx": "0x402", "rsi": "0x0", "rip": "0x1000", "cr0": "0x1", "efer": "0x500"},
 "memory": [{"gpa": "0x0", "file": "mem.bin"}]}
JSON
# Old mtimes, so a rewrite with the same bytes would still show.
find "$tree" -exec touch -h -d '2020-01-02 03:04:05' {} +

manifest() {
	find "$t/tree" "$t/elsewhere" -exec stat -c '%n %F %s %a %Y %u:%g' {} + | sort
	find "$t/tree" "$t/elsewhere" -type f -exec cksum {} + | sort
}
before=$(manifest)
cd "$tree" || exit 3 # relative paths, and a working directory inside the tree
check() {
	# check CMD...: run read-only, bounded; exit status 0..3 are all fine here.
	run 120 "$@" </dev/null
	[ "$rc" -le 3 ] || { echo "FAIL: '$*' exited $rc"; fail=1; }
}
check "$bin" scan --ndjson logs/propolis-795-bunyan.log logs/bomb.log.gz logs/corrupt-truncated.gz plain/system-illumos-propolis-server:default.log.1764050000.gz
check "$bin" bundles --ndjson "$tree/pool/int"
check "$bin" bundles --json "$tree/pool" "$tree/support" "$tree/extracted" "$tree/logs"
check "$bin" replay --json snapshots/*.json
check "$bin" corpus check corpus
check "$bin" corpus gate corpus --model c2bc58f9
check "$bin" firmware --json firmware/plain.fd firmware/lzma.fd firmware/damaged.fd
check "$bin" decode 243,110,235,10,227,8,138,6,238,72,255,198,226,248,76
cd / || exit 3
after=$(manifest)
if [ "$before" != "$after" ]; then
	echo "FAIL: the tree changed"
	printf '%s\n' "$before" >"$t/before"; printf '%s\n' "$after" >"$t/after"
	diff "$t/before" "$t/after" | head -20
	fail=1
fi
[ ! -e /etc/vt-ro-probe ] || { echo "FAIL: /etc/vt-ro-probe was created"; fail=1; }
finish
