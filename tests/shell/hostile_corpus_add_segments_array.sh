#!/bin/sh
# Attack: a crash record whose registers.segments is an array (or a string,
# or holds unnamed or scalar entries) instead of an object of named segments.
# corpus add crashed on strlen(NULL); it must build the skeleton without the
# segments it cannot name, or refuse the record (exit 2), never crash.
. "$2/tests/shell/lib/hostile.sh"
mkdir -p "$t/c"
i=0
for segs in '[{"base":"0x0"}]' '"cs"' '{"cs":"0x8","ds":[1],"":{}}' '[["cs"]]'; do
	i=$((i + 1))
	cat >"$t/crash$i.json" <<JSON
{"kind": "InstEmul", "source": "x.log", "line": 3, "inst_data": "f3 6e",
 "registers": {"rip": "0x1000", "rcx": "0x2", "rdx": "0x402", "rsi": "0x0",
               "cr0": "0x0", "segments": $segs}}
JSON
	run 20 "$bin" corpus add "$t/c" --from "$t/crash$i.json" --name "s$i"
	# Either the skeleton without the unnamed segments, or a clear refusal.
	case $rc in
	0) expect_out "wrote .*s$i.json" "segments $segs: the skeleton is written" ;;
	2) expect_err "segments" "segments $segs: the refusal names the field" ;;
	*) echo "FAIL: segments $segs: exit $rc"; cat "$t/err"; fail=1 ;;
	esac
done
for f in "$t"/c/*.json; do
	[ -e "$f" ] || continue
	run 20 "$bin" replay "$f"
	[ "$rc" -le 2 ] || { echo "FAIL: $f does not load"; fail=1; }
done
finish
