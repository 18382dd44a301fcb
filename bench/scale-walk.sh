#!/bin/sh
# Scaling of the sled walk with the number of zone directories (issue: the
# walk's directory and bundle lookups were linear scans, so a walk of N
# zones cost N^2). Builds, for each N given, a pool of N zone directories
# with one small zone bundle each (no crash), then times
# `vmtriage bundles --ndjson --ext none` over it (best of RUNS).
#   bench/scale-walk.sh [BUILD_DIR] [RUNS] [N...]   (default: build 3 10000 100000)
# EXT=1: half the zones' bundles log a crash, the other half's are empty and
# their crash is in an archived log under /pool/ext (read by the ext phase,
# which checks each ext crash against the bundles' crashes), timed without
# --ext none.
# Figures and what they show: docs/PERFORMANCE.md, "bundles: scaling".
# Needs python3 and bc; uses about 1 KiB per zone under $TMPDIR, default
# /dev/shm when there is one (a disk's metadata speed would dominate).
set -eu
cd "$(dirname "$0")/.."
build=${1:-build} runs=${2:-3}
[ $# -ge 2 ] && shift 2 || shift $#
sizes=${*:-10000 100000}
bin=$build/vmtriage
[ -x "$bin" ] || { echo "no $bin: build first" >&2; exit 2; }
tmp=${TMPDIR:-/tmp}
[ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && tmp=/dev/shm
work=$(mktemp -d "$tmp/vt-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

ext=${EXT:-0}
mkpool() { # mkpool DIR N
	python3 - "$1" "$2" "$ext" <<'PY'
import io, os, sys, tarfile
root, n, ext = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
crash = (b"Jul 08 09:14:03.020 ERRO Unhandled exit @rip:00859f60 InstEmul(InstEmul { inst_data: "
         b"[243, 108, 235, 10, 227, 8, 236, 136, 7, 72, 255, 199, 226, 248, 76], len: 15 })\n")
def bundle(zone, bid, log):
    meta = ('time_created = "2026-11-20T10:00:00Z"\nversion = 1\ncause = "other"\n\n'
            '[id]\nzone_name = "%s"\nbundle_id = "%s"\n' % (zone, bid)).encode()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for name, data in (("metadata.toml", meta), ("system-illumos-propolis-server:default.log", log)):
            ti = tarfile.TarInfo(name); ti.size = len(data); ti.mtime = 1763632800
            tf.addfile(ti, io.BytesIO(data))
    return buf.getvalue()
base = os.path.join(root, "int", "a462a7f7-b628-40fe-80ff-4e4189e2d62b", "debug", "bundle", "zone")
debug = os.path.join(root, "ext", "b573b8f8-b628-40fe-80ff-4e4189e2d62b", "crypt", "debug")
quiet = b"Nov 20 10:00:00 service started\n"
for i in range(n):
    zone = "oxz_propolis-server_%08x-0000-4000-8000-%012x" % (i, i)
    bid = "%08x-1111-4222-8333-%012x" % (i, i)
    d = os.path.join(base, zone)
    os.makedirs(d)
    in_ext = ext and i % 2 == 1
    with open(os.path.join(d, bid + ".tar.gz"), "wb") as f:
        f.write(bundle(zone, bid, crash if ext and not in_ext else quiet))
    if in_ext:
        os.makedirs(os.path.join(debug, zone))
        with open(os.path.join(debug, zone, "system-illumos-propolis-server:default.log.1763632800"), "wb") as f:
            f.write(crash)
PY
}

printf '%-8s %-10s %-12s %s\n' zones "best s" "us per zone" "vs previous size"
prev_n='' prev_t=''
for n in $sizes; do
	mkpool "$work/pool-$n" "$n"
	best=''
	i=0
	while [ "$i" -lt "$runs" ]; do
		s=$(date +%s.%N)
		if [ "$ext" = 1 ]; then
			"$bin" bundles --ndjson "$work/pool-$n/int" >"$work/out" 2>"$work/err" || true
			[ "$(grep -c '"evidence":"ext-log"' "$work/out")" = $((n / 2)) ] ||
				{ echo "EXT=1: expected $((n / 2)) crashes from ext logs" >&2; exit 1; }
		else
			"$bin" bundles --ndjson --ext none "$work/pool-$n/int" >/dev/null 2>"$work/err" || true
		fi
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
		i=$((i + 1))
	done
	per=$(echo "scale=1; $best * 1000000 / $n" | bc)
	ratio=-
	[ -n "$prev_t" ] && ratio=$(echo "scale=2; ($best / $prev_t) / ($n / $prev_n)" | bc)x
	printf '%-8s %-10s %-12s %s\n' "$n" "$best" "$per" "$ratio (1.00x: linear)"
	prev_n=$n prev_t=$best
	rm -rf "$work/pool-$n"
done
