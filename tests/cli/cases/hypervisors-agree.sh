# scan, bundles and decode give each crash of the other hypervisors' samples
# the same class: decode is fed the bytes, mode, rip and hypervisor scan found.
cd "$VT_SOURCE_DIR/samples/logs" || exit 3
for f in bhyve-vmx-dump.log bhyve-svm-dump.log bhyve-inst-emul.log qemu-entry-failed.log qemu-kvm-012.log \
	qemu-mail-quoted.log qemu-container.log qemu-classes.log lookalikes.log; do
	"$VMTRIAGE" scan --ndjson "$f" >scan.out || exit 3
	"$VMTRIAGE" bundles -q --ndjson --ext none "$f" >bundles.out 2>/dev/null || exit 3
	python3 - "$f" "$VMTRIAGE" <<'PY' || exit 1
import json, subprocess, sys
name, vmtriage = sys.argv[1], sys.argv[2]
scan = [json.loads(l) for l in open("scan.out")]
bundles = {c["line"]: c["class"] for c in map(json.loads, open("bundles.out"))}
print(f"{name}: {len(scan)} crashes")
for c in scan:
    decoded = "-"
    if c["exit_kind"] == "InstEmul" and c["bytes"] and c["len"] != 0:
        args = [vmtriage, "decode", "--ndjson", "--hex", "--mode", str(c["bits"]),
                "--hypervisor", c["hypervisor"]]
        if c["rip"] and c["registers"] is None:
            args += ["--rip", c["rip"]]
        if c["rip"] and c["registers"]:
            cs = c["registers"]["segments"].get("cs", {})
            linear = int(c["rip"], 16) + (int(cs.get("base", "0x0"), 16) if c["bits"] != 64 else 0)
            args += ["--rip", hex(linear)]
        out = subprocess.run(args + [c["bytes"]], capture_output=True, text=True, check=True).stdout
        decoded = json.loads(out)["class"]
    ok = bundles.get(c["line"]) == c["class"] and decoded in ("-", c["class"])
    print(f"  line {c['line']}: {c['hypervisor']} {c['exit_kind']} scan {c['class']}, bundles {bundles.get(c['line'])}, "
          f"decode {decoded}: {'agree' if ok else 'DIFFER'}")
PY
done
rm -f scan.out bundles.out
