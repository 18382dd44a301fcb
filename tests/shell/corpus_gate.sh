#!/bin/sh
# The CI gate demonstration (docs/ci-gate.md): traces of the reference pass
# the gate on samples/corpus; traces produced by the c2bc58f9 model fail it
# with exit 1, as expected. The JUnit reports validate against the schema.
set -u
bin=$1 src=$2
corpus=$src/samples/corpus
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
mkdir "$tmp/reference" "$tmp/c2bc58f9"

for snap in "$corpus"/*.json; do
	case $snap in *.expect.json) continue ;; esac
	name=$(basename "$snap" .json)
	"$bin" replay --trace "$tmp/reference/$name.trace.ndjson" "$snap" >/dev/null ||
		{ echo "replay $name failed"; fail=1; }
	"$bin" replay --model c2bc58f9 --trace "$tmp/c2bc58f9/$name.trace.ndjson" "$snap" >/dev/null ||
		{ echo "replay --model c2bc58f9 $name failed"; fail=1; }
done

"$bin" corpus check "$corpus" >"$tmp/check.out"
rc=$?
[ $rc -eq 0 ] || { echo "corpus check: exit $rc, expected 0"; cat "$tmp/check.out"; fail=1; }

"$bin" corpus gate "$corpus" --traces "$tmp/reference" --junit "$tmp/pass.xml" >"$tmp/pass.out"
rc=$?
[ $rc -eq 0 ] || { echo "gate with reference traces: exit $rc, expected 0"; cat "$tmp/pass.out"; fail=1; }
grep -q '^gate passed: ' "$tmp/pass.out" || { echo "no 'gate passed' summary"; fail=1; }

"$bin" corpus gate "$corpus" --traces "$tmp/c2bc58f9" --junit "$tmp/fail.xml" >"$tmp/fail.out"
rc=$?
[ $rc -eq 1 ] || { echo "gate with c2bc58f9 traces: exit $rc, expected 1"; cat "$tmp/fail.out"; fail=1; }
grep -q '^gate FAILED: ' "$tmp/fail.out" || { echo "no 'gate FAILED' summary"; fail=1; }
grep -q '^PASS    ovmf-debugcon-rep-outsb$' "$tmp/fail.out" || { echo "c2bc58f9 should pass the blog's case"; fail=1; }
grep -q '^FAIL    real16-rep-outsw: io\[0\]: expected out 0x1f0 size 2' "$tmp/fail.out" ||
	{ echo "real-mode OUTSW should fail on the element size"; fail=1; }

# The model stands in for the traces: the same verdict without a VMM.
"$bin" corpus gate "$corpus" --model c2bc58f9 >/dev/null
rc=$?
[ $rc -eq 1 ] || { echo "gate --model c2bc58f9: exit $rc, expected 1"; fail=1; }

if command -v xmllint >/dev/null; then
	for x in pass fail; do
		xmllint --noout --schema "$src/tests/data/junit.xsd" "$tmp/$x.xml" 2>"$tmp/xmllint.err" ||
			{ echo "$x.xml does not validate:"; cat "$tmp/xmllint.err"; fail=1; }
	done
else
	echo "xmllint not installed: JUnit schema validation skipped"
fi
exit $fail
