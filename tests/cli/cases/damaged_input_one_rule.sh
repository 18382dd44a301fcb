# One rule for damaged input, in scan and bundles alike: a warning names the
# damage, the crashes before it are reported, and the exit status is 2.
cd "$VT_SOURCE_DIR" || exit 3
log=samples/logs/propolis-795-bunyan.log
{ cat "$log"; i=0; while [ $i -lt 3000 ]; do echo "filler line $i: the log goes on after the crash"; i=$((i + 1)); done; } |
	gzip -c >"$OLDPWD/whole.gz"
cd "$OLDPWD" || exit 3
size=$(wc -c <whole.gz)
head -c $((size / 2)) whole.gz >damaged.gz
$VMTRIAGE scan --ndjson damaged.gz | wc -l | tr -d " "
$VMTRIAGE scan damaged.gz >/dev/null; echo "scan exit $?"
$VMTRIAGE scan damaged.gz 2>/dev/null | tail -1
# The damage is placed where the compressed input ends, the same for both
# inflate backends (how many bytes each inflates before a cut differs: ISA-L
# withholds the last literals of a table lookup it cannot finish); both
# builds run this. The offset is the file's size, named so here.
mask() { sed "s/at compressed offset $((size / 2)):/at compressed offset SIZE:/" err >&2; }
$VMTRIAGE bundles -q --ndjson damaged.gz 2>err | wc -l | tr -d ' '
mask
$VMTRIAGE bundles -q damaged.gz >/dev/null 2>err; echo "bundles exit $?"
mask
# --exit-code does not hide the damage: 2 outranks 1.
$VMTRIAGE scan --exit-code damaged.gz >/dev/null 2>&1; echo "scan --exit-code exit $?"
$VMTRIAGE bundles -q --exit-code damaged.gz >/dev/null 2>&1; echo "bundles --exit-code exit $?"
# The whole file: no warning, exit 0.
$VMTRIAGE scan whole.gz >/dev/null; echo "whole exit $?"
