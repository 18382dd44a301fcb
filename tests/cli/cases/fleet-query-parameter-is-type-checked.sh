# A Date parameter that is not a date never reaches the SQL (exit 2).
"$VMTRIAGE" fleet --clickhouse http://127.0.0.1:9/ --queries "$VT_SOURCE_DIR/share/clickhouse/queries" \
	--query new-signatures --param "since=2026-01-01' OR 1=1 --"
