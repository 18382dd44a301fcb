# merge takes bundles --ndjson rows as well as --json reports, from files
# or stdin, and counts a crash found in both once; sled ids as given.
cd "$VT_SOURCE_DIR" || exit 3
"$VMTRIAGE" bundles samples/pool/int -q --ndjson --zone 'oxz_propolis-server_[0-7]*' --sled BRM42220017 >"$OLDPWD/a.ndjson" 2>/dev/null
"$VMTRIAGE" bundles samples/pool/int -q --json --zone 'oxz_propolis-server_[4-9a-f]*' --sled 7f3e2a10-5b4c-4d3e-8f21-0a9b8c7d6e5f >"$OLDPWD/b.json" 2>/dev/null
cd "$OLDPWD" || exit 3
COLUMNS=100 "$VMTRIAGE" merge a.ndjson - <b.json
echo "exit $?"
"$VMTRIAGE" merge --json a.ndjson | jq -c '[.schema, (.crashes | length), .merged]'
