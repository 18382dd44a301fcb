# new-signatures needs since=DATE; found before any request is sent.
"$VMTRIAGE" fleet --clickhouse http://127.0.0.1:9/ --queries "$VT_SOURCE_DIR/share/clickhouse/queries" \
	--query new-signatures
