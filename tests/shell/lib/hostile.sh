# Shared by tests/shell/hostile_*.sh and guarantee_*.sh (sourced; not a test:
# ctest globs only tests/shell/*.sh). Sets bin, src, t (a temp dir removed at
# exit), and gives:
#   crashlog           the text of a propolis log with one crash (rip 0x859f60)
#   mkbundle OUT.tar.gz NAME=FILE...   a zone bundle: metadata.toml + members
#   zonedir ZONE       a bundle directory under $t/pool (echoes its path)
#   run TIMEOUT CMD... run with a time bound; fails the test on a hang (124)
#                      or a crash (>128, e.g. a sanitizer abort); output in
#                      $t/out and $t/err, status in $rc
#   expect_out / expect_err / reject_out PATTERN WHY   grep -E checks
#   finish             prints the tally and exits
set -u
bin=$1 src=$2
t=$(mktemp -d "${TMPDIR:-/tmp}/vt-hostile.XXXXXX") || exit 3
trap 'chmod -R u+rwx "$t" 2>/dev/null; rm -rf "$t"' EXIT INT TERM
fail=0
py=$(command -v python3 || true)

crashlog() {
	cat "$src/samples/logs/propolis-standalone-1168.log"
}

zonedir() {
	d="$t/pool/int/a462a7f7-b628-40fe-80ff-4e4189e2d62b/debug/bundle/zone/$1"
	mkdir -p "$d" && echo "$d"
}

# mkbundle OUT NAME=FILE...: members in order; the bundle id is OUT's base name.
mkbundle() {
	out=$1; shift
	id=$(basename "$out" .tar.gz)
	zone=$(basename "$(dirname "$out")")
	"$py" - "$out" "$id" "$zone" "$@" <<'PY'
import io, sys, tarfile
out, bid, zone, members = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
meta = ('time_created = "2026-11-20T10:00:00Z"\nversion = 1\ncause = "other"\n\n'
        '[id]\nzone_name = "%s"\nbundle_id = "%s"\n' % (zone, bid)).encode()
with tarfile.open(out, "w:gz") as tf:
    ti = tarfile.TarInfo("metadata.toml"); ti.size = len(meta)
    tf.addfile(ti, io.BytesIO(meta))
    for m in members:
        name, path = m.split("=", 1)
        data = open(path, "rb").read()
        ti = tarfile.TarInfo(name); ti.size = len(data); ti.mtime = 1763900000
        tf.addfile(ti, io.BytesIO(data))
PY
}

run() {
	limit=$1; shift
	timeout "$limit" "$@" >"$t/out" 2>"$t/err"
	rc=$?
	if [ "$rc" -ge 124 ]; then
		echo "FAIL: '$*' exited $rc (124: hang, >128: crash)"
		tail -n 20 "$t/err"
		fail=1
	fi
}

expect_out() { grep -Eq -- "$1" "$t/out" || { echo "FAIL: $2 (no /$1/ in stdout)"; head -c 2000 "$t/out"; fail=1; }; }
expect_err() { grep -Eq -- "$1" "$t/err" || { echo "FAIL: $2 (no /$1/ in stderr)"; head -c 2000 "$t/err"; fail=1; }; }
reject_out() { ! grep -Eq -- "$1" "$t/out" || { echo "FAIL: $2 (/$1/ in stdout)"; fail=1; }; }

need_python() {
	[ -n "$py" ] || { echo "python3 not installed: skipped"; exit 77; }
}

finish() {
	[ "$fail" = 0 ] && echo "1 passed, 0 failed" || echo "0 passed, 1 failed"
	exit "$fail"
}
