#!/bin/sh
# vmtriage bundles never creates, modifies or extracts anything under a
# scanned root, and never opens FIFOs or devices: a copy of the sample sled
# plus a FIFO, a device and an unreadable directory is hashed (names, types,
# sizes, modes, mtimes, contents) before and after scans; it must not change,
# and every scan must finish (an opened FIFO would block forever).
# usage: sh bundles_readonly.sh BIN SRCDIR BUILDDIR
set -u
bin=$1 src=$2
t=$(mktemp -d "${TMPDIR:-/tmp}/vt-readonly.XXXXXX") || exit 3
trap 'chmod -R u+rwx "$t" 2>/dev/null; rm -rf "$t"' EXIT INT TERM
chmod 755 "$t"
cp -R -P "$src/samples/pool" "$src/samples/support" "$t/"
zone="$t/pool/int/a462a7f7-b628-40fe-80ff-4e4189e2d62b/debug/bundle/zone"
mkfifo "$zone/oxz_switch/fifo.tar.gz"
mkfifo "$t/pool/ext/0d2805da-6d24-4e57-a700-0c3865c05544/crypt/debug/system-illumos-propolis-server:default.log"
if [ "$(id -u)" = 0 ]; then mknod "$zone/oxz_switch/null.tar.gz" c 1 3 2>/dev/null; fi
mkdir "$zone/oxz_locked" && echo x >"$zone/oxz_locked/secret.tar.gz" && chmod 000 "$zone/oxz_locked"

manifest() {
	# Every entry's metadata, then every readable regular file's bytes.
	find "$t" -exec stat -c '%n %F %s %a %Y' {} + | sort
	find "$t" -type f -perm -u+r -exec cksum {} + 2>/dev/null | sort
}
before=$(manifest)
fail=0
scan() {
	if ! timeout 60 "$@" >"$t.out" 2>"$t.err"; then
		code=$?
		# 0 is expected; only a hang (124) or a crash (>128) is a failure.
		if [ "$code" -ge 124 ]; then echo "FAIL: '$*' exited $code"; cat "$t.err"; fail=1; fi
	fi
}
scan "$bin" bundles --ndjson "$t/pool/int"
grep -q 'fifo.tar.gz: a FIFO: never opened' "$t.err" || { echo "FAIL: no FIFO warning"; fail=1; }
grep -q '"signature_id"' "$t.out" || { echo "FAIL: no crash found"; fail=1; }
scan "$bin" bundles --json "$t/pool/int"
scan "$bin" bundles -j 1 --ndjson "$t/pool" "$t/support"
scan "$bin" bundles "$zone"
# As an unprivileged user the locked directory is unreadable: a warning, not a stop.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	setpriv --reuid=65534 --regid=65534 --clear-groups timeout 60 "$bin" bundles --ndjson "$t/pool/int" >"$t.out" 2>"$t.err"
	grep -q 'oxz_locked: cannot read directory' "$t.err" || { echo "FAIL: no unreadable-directory warning"; fail=1; }
	grep -q '"signature_id"' "$t.out" || { echo "FAIL: the walk stopped at the unreadable directory"; fail=1; }
elif [ "$(id -u)" != 0 ]; then
	scan "$bin" bundles --ndjson "$t/pool/int"
	grep -q 'oxz_locked: cannot read directory' "$t.err" || { echo "FAIL: no unreadable-directory warning"; fail=1; }
fi
rm -f "$t.out" "$t.err"
after=$(manifest)
if [ "$before" != "$after" ]; then
	echo "FAIL: the scanned tree changed"
	printf '%s\n' "$before" >"$t.before"; printf '%s\n' "$after" >"$t.after"
	diff "$t.before" "$t.after" | head -20
	rm -f "$t.before" "$t.after"
	fail=1
fi
[ "$fail" = 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
exit $fail
