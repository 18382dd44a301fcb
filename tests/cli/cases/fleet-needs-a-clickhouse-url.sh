# No --clickhouse and no VMTRIAGE_CLICKHOUSE: usage error (exit 2).
unset VMTRIAGE_CLICKHOUSE
"$VMTRIAGE" fleet
