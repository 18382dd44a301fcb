# Any command's bytes -> decode: a bundles crash's bytes decode to its
# cluster's signature id, and a scan record's, a firmware site's, a replay
# result's and a QEMU dump line's bytes read back as they were printed.
S=$VT_SOURCE_DIR/samples
"$VMTRIAGE" bundles --ndjson "$S/pool/int" >crashes.ndjson 2>/dev/null # damage warnings: not the point here
python3 - "$VMTRIAGE" <<'PY'
import json, subprocess, sys
vt = sys.argv[1]
def decode(arg):
    out = subprocess.run([vt, "decode", "--json", arg], capture_output=True, text=True, check=True).stdout
    return json.loads(out)["decodes"][0]
seen = set()
for line in open("crashes.ndjson"):
    c = json.loads(line)
    if c["bytes"] is None or c["exit_kind"] != "InstEmul" or c["signature_id"] in seen:
        continue
    seen.add(c["signature_id"])
    # as printed: the JSON string, and the whole member
    for arg in (json.dumps(c["bytes"]), '"bytes": ' + json.dumps(c["bytes"])):
        d = decode(arg)
        print(c["signature_id"], d["signature_id"], d["signature"] == c["signature"], d["bytes"] == c["bytes"])
PY
"$VMTRIAGE" firmware --json --context 0 "$S/firmware/plain.fd" | python3 -c '
import json, sys
for s in json.load(sys.stdin)["images"][0]["sites"]:
    print(s["instruction"]["bytes"], s["bits"])' | while read -r b bits; do
	"$VMTRIAGE" decode --mode "$bits" --ndjson "\"$b\"" | python3 -c '
import json, sys; d = json.loads(sys.stdin.read()); print("firmware", d["bytes"], d["instruction"]["text"])'
done
"$VMTRIAGE" replay --json "$S/snapshots/real-mode-rep-outsw.json" | python3 -c '
import json, sys; print(json.dumps(json.load(sys.stdin)["results"][0]["instruction"]["bytes"]))' >insn.txt
"$VMTRIAGE" decode --mode 16 --ndjson <insn.txt | python3 -c '
import json, sys; d = json.loads(sys.stdin.read()); print("replay", d["bytes"], d["instruction"]["text"])'
grep -h 'Code=' "$S/logs/qemu-interleaved.log" | head -2 | "$VMTRIAGE" decode --ndjson | python3 -c '
import json, sys
for l in sys.stdin:
    d = json.loads(l); print("qemu", d["form"], d["bytes"][:4], d["instruction"]["text"] if d["instruction"] else None)'
