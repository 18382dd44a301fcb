# Addresses in text output are spelled one way: 0x, lowercase, no zero
# padding (registers, segment bases, rip, decode's address column). Prints
# every value spelled otherwise (none), then samples of the right spelling.
out=$PWD/all.txt # the case's own directory, never the source tree
cd "$VT_SOURCE_DIR" || exit 3
{
	$VMTRIAGE scan samples/logs/*.log samples/logs/rotated-*
	$VMTRIAGE decode --rip ffffffff81001234 f3 6e eb 0a
	$VMTRIAGE replay samples/snapshots/*.json
} 2>/dev/null >"$out"
# (An exit reason is a decimal number, "add" a mnemonic: neither is an address.)
grep -E '\b(r[a-z0-9]{1,5}|e[a-z]{2}|[c-gs]s|[gil]dtr|tr|cr[0-9]|xcr0|efer|base|limit|sel|access|gpa) +[0-9a-f]{2,}\b' "$out" |
	grep -v '^ *|' | grep -vE 'exit reason [0-9]+( |:|,|;)'
grep -E '^(faulting|rip) +[0-9a-f]*[0-9][0-9a-f]*\b|^            \+?[0-9a-f]+  ' "$out"
echo "---"
grep -m1 '^registers' "$out"
grep -m1 'base 0x' "$out"
grep -m1 '^faulting    0x' "$out"
