#!/bin/sh
# Valgrind memcheck over the sample runs (the README's commands on samples/):
# no invalid read or write, no use of uninitialised values, no definite or
# indirect leak, in any command. Skips (77) when valgrind is not installed.
# Built without sanitizers (ASan and valgrind do not mix): run on build/.
set -u
bin=$1 src=$2
command -v valgrind >/dev/null 2>&1 || { echo "valgrind not installed: skipped"; exit 77; }
if nm "$bin" 2>/dev/null | grep -q __asan_init; then echo "ASan build: skipped (see build/)"; exit 77; fi
# The clang UB build: instrumented, and its DWARF 5 is more than Debian's valgrind reads.
if nm "$bin" 2>/dev/null | grep -q __ubsan_handle; then echo "UBSan build: skipped (see build/)"; exit 77; fi
t=$(mktemp -d "${TMPDIR:-/tmp}/vt-valgrind.XXXXXX") || exit 3
trap 'rm -rf "$t"' EXIT INT TERM
fail=0 n=0
vg() {
	n=$((n + 1))
	valgrind -q --suppressions="$src/tests/shell/lib/valgrind.supp" --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --track-origins=yes --log-file="$t/vg.$n" \
		"$bin" "$@" </dev/null >/dev/null 2>&1
	rc=$?
	if [ "$rc" = 99 ] || [ -s "$t/vg.$n" ]; then
		echo "FAIL: valgrind: vmtriage $*"
		head -n 40 "$t/vg.$n"
		fail=1
	fi
}
cd "$src" || exit 3
vg decode 243,110,235,10,227,8,138,6,238,72,255,198,226,248,76
vg decode --json 'inst_data: [243, 108, 235, 10, 227, 8, 236, 136, 7, 72, 255, 199, 226, 248, 76]'
vg scan --json samples/logs/*.log samples/logs/*.log.* samples/logs/corrupt-truncated.gz samples/plain/*
vg scan samples/logs/qemu-interleaved.log
vg bundles -j 2 samples/pool/int
vg bundles --json samples/pool samples/support samples/extracted
vg replay --json samples/snapshots/*.json
vg replay samples/snapshots/ovmf-debugcon-rep-outsb.json
vg replay --model 7bb3e125 samples/corpus/df1-rep-outsb-down.json
vg corpus check samples/corpus
vg corpus gate samples/corpus --model c2bc58f9
vg firmware --json samples/firmware/plain.fd samples/firmware/lzma.fd samples/firmware/damaged.fd
vg firmware --context 2 samples/firmware/lzma.fd
vg bundles --json samples/pool/int -q
echo "$n runs"
[ "$fail" = 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit "$fail"
