# --json is one object {schema, images, warnings} for one image or several;
# damage goes to its warnings {where, line, message}, not stderr; --model puts
# {name, verdict, reason} on each site; sizes and offsets are integers.
cd "$VT_SOURCE_DIR/samples/firmware" || exit 3
for args in "plain.fd" "plain.fd lzma.fd" "damaged.fd"; do
	$VMTRIAGE firmware --json --context 0 $args >"$OLDPWD/out.json"
	python3 - "$OLDPWD/out.json" "$args" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(sys.argv[2], "->", list(d), d["schema"], [i["image"] for i in d["images"]],
      [(type(i["size"]).__name__, len(i["sites"])) for i in d["images"]])
for w in d["warnings"]:
    print("  warning", sorted(w), w["where"], w["line"])
PY
done
$VMTRIAGE firmware --json --model c2bc58f9 --context 0 plain.fd | python3 -c '
import json, sys
d = json.load(sys.stdin)
for s in d["images"][0]["sites"]:
    print(s["offset"], s["address"], s["instruction"]["bytes"], s["instruction"]["text"], s["bits"], json.dumps(s["model"]))
print(d["images"][0]["summary"]["model_name"], d["images"][0]["summary"]["by_verdict"])'
