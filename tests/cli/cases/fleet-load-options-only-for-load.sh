# --sled labels rows being loaded; with a query it is a usage error.
"$VMTRIAGE" fleet --clickhouse http://127.0.0.1:9/ --sled sled-a
