# Malformed snapshots: precise messages naming the JSON path, exit 2.
run() { "$VMTRIAGE" replay "$@"; echo "exit $?"; }
printf '{"inst": "f3 6e", "regs": {"rcx": "0xZZ"}}' >snap.json
run snap.json
printf '{"inst": "f3 6e", "mode": "long32"}' >mode.json
run mode.json
printf '{"regs": {"rcx": "1"}}' >noinst.json
run noinst.json
printf '{"inst": "f3 6e", "memory": [{"gpa": "0x1000", "file": "ram.bin"}]}' >nofile.json
run nofile.json
printf '{"inst": "f3 6e", "regs": {"rbx": 1.5}}' >float.json
run float.json
printf '{"inst": "f3 6e", "regs": {"xmm0": "0"}}' >reg.json
run reg.json
printf '{"inst": "f3 6e",' >trunc.json
run trunc.json
run missing.json
printf '{"inst": "f3 6e", "regs": {"rcx": "0xZZ"}}' >bad.json
run --json bad.json
run
run --max-elements 0 snap.json
printf '{"inst": "0f 01 d9"}' >vmcall.json
run --exit-code vmcall.json
