#!/bin/sh
# scripts/gen-samples reproduces the committed sample sled byte for byte
# (files, symlinks), so the samples can always be regenerated and reviewed.
# usage: sh bundles_samples_regen.sh BIN SRCDIR BUILDDIR
set -u
src=$2
if ! command -v python3 >/dev/null 2>&1 || ! command -v zstd >/dev/null 2>&1; then
	echo "python3 or zstd missing: skipped"
	exit 0
fi
t=$(mktemp -d "${TMPDIR:-/tmp}/vt-regen.XXXXXX") || exit 3
trap 'rm -rf "$t"' EXIT INT TERM
python3 "$src/scripts/gen-samples" "$t" || exit 1
fail=0
for sub in pool support extracted plain; do
	if ! diff -r --no-dereference "$src/samples/$sub" "$t/$sub"; then
		echo "FAIL: samples/$sub differs from a fresh scripts/gen-samples"
		fail=1
	fi
done
[ "$fail" = 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit $fail
