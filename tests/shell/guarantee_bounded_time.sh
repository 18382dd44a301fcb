#!/bin/sh
# Guarantee: no input makes a command run unbounded. The emulator honours
# max_elements (from the snapshot, the default 1,000,000, or --max-elements)
# on REP INS/OUTS with RCX = 2^64-1, with and without paging, and stops with
# verdict limit-reached and exactly that many elements, fast; the models in
# the corpus gate are bounded on the same input. Archive loops are bounded by
# the member cap (hostile_tar_100000_tiny_members.sh) and reads by the byte
# cap (hostile_gzip_bomb.sh); a growing file by its size at open
# (hostile_bundle_growing_during_scan.sh).
. "$2/tests/shell/lib/hostile.sh"
need_python
mkdir -p "$t/corpus"
snap() {
	# snap NAME INST LIMIT: REP string I/O with RCX = 2^64-1 over a 4 KiB page.
	limits=""
	[ -n "$3" ] && limits=", \"limits\": {\"max_elements\": $3}"
	cat >"$t/$1.json" <<JSON
{"version": 1, "name": "$1", "mode": "long64", "inst": "$2",
 "regs": {"rcx": "0xffffffffffffffff", "rdx": "0x402", "rsi": "0x0", "rdi": "0x0",
          "rip": "0x1000", "rflags": "0x2", "cr0": "0x1", "efer": "0x500"},
 "memory": [{"gpa": "0x0", "len": "0x100000000", "fill": "0x41"}]$limits}
JSON
}
elements() {
	"$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); d=d["results"][0]; print(d["verdict"], d["elements"])' "$t/out"
}
timed() {
	# timed LIMIT_S WANT CMD...: the replay must end within LIMIT_S with WANT.
	lim=$1 want=$2; shift 2
	start=$(date +%s)
	run "$((lim * 4))" "$@"
	secs=$(( $(date +%s) - start ))
	got=$(elements)
	[ "$got" = "$want" ] || { echo "FAIL: '$*': got '$got', want '$want'"; fail=1; }
	[ "$secs" -le "$lim" ] || { echo "FAIL: '$*' took ${secs}s (limit ${lim}s)"; fail=1; }
}
snap outsb-default "f3 6e" ""
snap insb-limit "f3 6c" 5000
snap outsd-limit "f3 6f" 123457
timed 30 "limit-reached 1000000" "$bin" replay --json "$t/outsb-default.json"
timed 10 "limit-reached 5000" "$bin" replay --json "$t/insb-limit.json"
timed 10 "limit-reached 123457" "$bin" replay --json "$t/outsd-limit.json"
timed 10 "limit-reached 777" "$bin" replay --json --max-elements 777 "$t/outsb-default.json"
# The same with paging on: every element walks the page tables.
"$py" - "$t/paged.json" <<'PY'
import json, struct, sys
pt = bytearray(0x3000)
struct.pack_into("<Q", pt, 0x0000, 0x201000 | 3)  # PML4[0] -> PDPT
struct.pack_into("<Q", pt, 0x1000, 0x202000 | 3)  # PDPT[0] -> PD
for i in range(512):
    struct.pack_into("<Q", pt, 0x2000 + 8 * i, (i << 21) | 0x83)  # 2 MiB pages, identity
json.dump({"version": 1, "name": "paged", "mode": "long64", "inst": "f3 6e",
           "regs": {"rcx": "0xffffffffffffffff", "rdx": "0x402", "rsi": "0x1000", "rip": "0x1000",
                    "rflags": "0x2", "cr0": "0x80000011", "cr3": "0x200000", "cr4": "0x20", "efer": "0xd00"},
           "memory": [{"gpa": "0x0", "len": "0x200000", "fill": "0x42"},
                      {"gpa": "0x200000", "hex": pt.hex()}],
           "limits": {"max_elements": 200000}}, open(sys.argv[1], "w"))
PY
timed 20 "limit-reached 200000" "$bin" replay --json "$t/paged.json"
cp "$t/outsb-default.json" "$t/corpus/huge.json"
start=$(date +%s)
run 120 "$bin" corpus gate "$t/corpus" --model c2bc58f9
run 120 "$bin" corpus gate "$t/corpus" --model 7bb3e125
secs=$(( $(date +%s) - start ))
[ "$secs" -le 60 ] || { echo "FAIL: the models took ${secs}s on RCX = 2^64-1"; fail=1; }
finish
