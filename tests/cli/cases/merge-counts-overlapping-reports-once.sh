# Three sleds' reports, one of them given twice: every crash counted once,
# signatures summed across sleds, crashes per sled.
cd "$VT_SOURCE_DIR" || exit 3
"$VMTRIAGE" bundles samples/pool/int -q --json --zone 'oxz_propolis-server_[0-3]*' --sled sled-a >"$OLDPWD/a.json" 2>/dev/null
"$VMTRIAGE" bundles samples/pool/int -q --json --zone 'oxz_propolis-server_[4-7]*' --sled sled-b >"$OLDPWD/b.json" 2>/dev/null
"$VMTRIAGE" bundles samples/pool/int -q --json --zone 'oxz_propolis-server_[89a-f]*' --sled sled-c >"$OLDPWD/c.json" 2>/dev/null
cd "$OLDPWD" || exit 3
COLUMNS=100 "$VMTRIAGE" merge --exit-code a.json b.json c.json b.json
