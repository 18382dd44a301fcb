# --json and --ndjson together are a usage error in every command that has both.
for c in "scan -" "decode f3 6e" "bundles /nonexistent" "replay x.json" "firmware x.fd" "fleet --clickhouse http://127.0.0.1:1/"; do
	$VMTRIAGE $c --json --ndjson </dev/null; echo "exit $?"
done
