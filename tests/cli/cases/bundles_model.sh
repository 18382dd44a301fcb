# --model: each cluster says whether the c2bc58f9 patch would handle its
# instruction form (decided from the bytes; mode unknown in these logs).
cd "$VT_SOURCE_DIR" || exit 3
"$VMTRIAGE" bundles samples/pool/int -q --model c2bc58f9 --json |
	python3 -c 'import json, sys
for c in json.load(sys.stdin)["clusters"]:
    m = c["model"]
    print(c["signature"], "|", m["name"], m["verdict"], "|", m["reason"])'
