# check --json: summary counts, one difference shape with JSON values (never
# JSON text in a string), and "missing" for a case without expectation, as
# the text report's MISSING.
ln -s "$VT_SOURCE_DIR/samples/corpus" corpus
mkdir k
cp corpus/rcx0-rep-outsb.json corpus/f2-repne-outsb.json corpus/ovmf-debugcon-rep-outsb.json k/
sed '/registers_after/,$s/"0x7fc7b4a3"/"0x7fc7b4a1"/' corpus/rcx0-rep-outsb.expect.json >k/rcx0-rep-outsb.expect.json
awk '!d && /"value":\t108$/ { sub(/108$/, "76"); d = 1 } 1' corpus/ovmf-debugcon-rep-outsb.expect.json >k/ovmf-debugcon-rep-outsb.expect.json
"$VMTRIAGE" corpus check k
echo "exit $?"
"$VMTRIAGE" corpus check --json k >out.json
echo "exit $?"
python3 - <<'PY'
import json
d = json.load(open("out.json"))
print(d["schema"], d["passed"], json.dumps(d["summary"], sort_keys=True))
for c in d["cases"]:
    print(c["name"], c["status"], json.dumps(c["difference"], sort_keys=True))
PY
