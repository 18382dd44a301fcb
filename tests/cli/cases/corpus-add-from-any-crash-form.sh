# corpus add --from takes a crash however it was written: a bundles crash
# cut out with jq, a bundles --json document with --index, an NDJSON row;
# a hostile record (segments an array, 1e300 line) is malformed input
# (exit 2), never a crash of vmtriage.
cd "$VT_SOURCE_DIR" || exit 3
"$VMTRIAGE" bundles --json samples/pool/int 2>/dev/null >"$OLDPWD/pool.json"
cd "$OLDPWD" || exit 3
mkdir c
jq '.crashes[1]' pool.json >one.json
"$VMTRIAGE" corpus add c --from one.json --name one | head -1
"$VMTRIAGE" corpus add c --from pool.json --index 1 --name doc | head -1
jq -c '.crashes[1]' pool.json | "$VMTRIAGE" corpus add c --from - --name row | head -1
"$VMTRIAGE" corpus add c --from pool.json --index 99
echo "exit $?"
printf '{"line":1,"exit_kind":"InstEmul","bytes":"f36e","registers":{"rip":"0x1","segments":[{"base":"0x0"}]}}' >seg.json
"$VMTRIAGE" corpus add c --from seg.json
echo "exit $?"
printf '{"line":1e300,"exit_kind":"InstEmul","bytes":"f36e","registers":{"rip":"0x1"}}' >big.json
"$VMTRIAGE" corpus add c --from big.json
echo "exit $?"
