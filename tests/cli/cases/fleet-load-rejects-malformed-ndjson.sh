# A line that is not a crash row: file:line, exit 2, nothing sent (the
# first batch is not full yet, so the unreachable URL is never tried).
printf '{"signature":"Paging/paging","member":"m","line":1}\nnot json\n' >rows.ndjson
"$VMTRIAGE" fleet load --clickhouse http://127.0.0.1:9/ rows.ndjson
