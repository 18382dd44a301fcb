# replay --json is one {schema, results, warnings} document for one snapshot
# or several; --ndjson lines are result records.
s=$VT_SOURCE_DIR/samples/snapshots
"$VMTRIAGE" replay --json "$s/rcx-zero-rep-outsb.json" >one.json
"$VMTRIAGE" replay --json "$s/rcx-zero-rep-outsb.json" "$s/real-mode-rep-outsw.json" >two.json
"$VMTRIAGE" replay --ndjson "$s/rcx-zero-rep-outsb.json" "$s/real-mode-rep-outsw.json" >two.ndjson
python3 - <<'PY'
import json
for f in ("one.json", "two.json"):
    d = json.load(open(f))
    print(f, list(d), d["schema"], [(r["schema"], r["snapshot"], r["verdict"]) for r in d["results"]])
for line in open("two.ndjson"):
    r = json.loads(line)
    print("ndjson", list(r)[:4], r["io"][:1], r["registers_before"]["rip"], r["registers_after"]["rip"])
print("same record:", json.load(open("one.json"))["results"][0] == json.load(open("two.json"))["results"][0])
PY
