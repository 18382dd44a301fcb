# One duplicate rule for bundles and merge: a crash with the same zone,
# bundle id (or path), member and line is counted once, with a warning in
# bundles, as "duplicates dropped" in merge.
cd "$VT_SOURCE_DIR" || exit 3
log=samples/logs/propolis-300-len0.log
"$VMTRIAGE" bundles -q "$log" "$log" | head -1
"$VMTRIAGE" bundles -q --json "$log" "$log" | jq -c '.warnings[] | select(.where == "(inputs)")'
"$VMTRIAGE" bundles -q --json "$log" >"$OLDPWD/one.json"
"$VMTRIAGE" merge "$OLDPWD/one.json" "$OLDPWD/one.json" | head -1
