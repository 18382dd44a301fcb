# Traces of the reference pass; a wrong value, a missing trace and a broken
# trace give fail (first difference), missing and error; JSON and JUnit reports.
ln -s "$VT_SOURCE_DIR/samples/corpus" corpus
c=corpus
mkdir t
for n in ovmf-debugcon-rep-outsb rcx0-rep-outsb real16-rep-outsw; do
	"$VMTRIAGE" replay --trace t/$n.trace.ndjson "$c/$n.json" >/dev/null
done
"$VMTRIAGE" corpus gate "$c" --traces t ovmf-debugcon-rep-outsb rcx0-rep-outsb real16-rep-outsw
echo "exit $?"
sed '3s/"value":108/"value":76/' t/ovmf-debugcon-rep-outsb.trace.ndjson >t/x && mv t/x t/ovmf-debugcon-rep-outsb.trace.ndjson
rm t/rcx0-rep-outsb.trace.ndjson
echo 'not json' >t/real16-rep-outsw.trace.ndjson
"$VMTRIAGE" corpus gate "$c" --traces t ovmf-debugcon-rep-outsb rcx0-rep-outsb real16-rep-outsw
echo "exit $?"
"$VMTRIAGE" corpus gate "$c" --traces t --allow-missing --json rcx0-rep-outsb
echo "exit $?"
SOURCE_DATE_EPOCH=0 "$VMTRIAGE" corpus gate "$c" --traces t --junit - ovmf-debugcon-rep-outsb rcx0-rep-outsb
# The difference is {path, element, expected, actual} with JSON values.
"$VMTRIAGE" corpus gate "$c" --traces t --json ovmf-debugcon-rep-outsb | python3 -c '
import json, sys
print(json.dumps(json.load(sys.stdin)["cases"][0]["difference"], sort_keys=True))'
