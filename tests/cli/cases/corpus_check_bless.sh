# check passes on the samples; a drifted expectation is named, bless shows the
# diff and rewrites it, then check passes again.
ln -s "$VT_SOURCE_DIR/samples/corpus" corpus
c=corpus
"$VMTRIAGE" corpus check "$c" | tail -1
mkdir k
cp "$c/rcx0-rep-outsb.json" "$c/f2-repne-outsb.json" "$c/f2-repne-outsb.expect.json" k/
sed 's/"0x7fc7b4a3"/"0x7fc7b4a1"/' "$c/rcx0-rep-outsb.expect.json" >k/rcx0-rep-outsb.expect.json
"$VMTRIAGE" corpus check k
echo "exit $?"
"$VMTRIAGE" corpus bless --dry-run k
"$VMTRIAGE" corpus check k >/dev/null
echo "after dry run: exit $?"
"$VMTRIAGE" corpus bless k rcx0-rep-outsb
"$VMTRIAGE" corpus check --json k
echo "exit $?"
