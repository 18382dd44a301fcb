# decode --json is one object {schema, decodes, warnings} whether the bytes
# come from arguments or stdin; a warning is in the document, not on stderr.
"$VMTRIAGE" decode --json f3 6e >args.json
echo 'f3 6e' | "$VMTRIAGE" decode --json >stdin.json
printf '0000: f3 6e\n' | "$VMTRIAGE" decode --json >dump.json
python3 - <<'PY'
import json
a, s, d = (json.load(open(f)) for f in ("args.json", "stdin.json", "dump.json"))
for name, doc in (("args", a), ("stdin", s), ("dump", d)):
    print(name, list(doc), doc["schema"], len(doc["decodes"]))
print("same record:", a["decodes"][0] == {**s["decodes"][0], "input": a["decodes"][0]["input"]})
print(d["warnings"])
PY
