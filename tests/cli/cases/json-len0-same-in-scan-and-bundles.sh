# Issue 15: the len-0 exit said 15 zero bytes in scan and [] in bundles.
# Both now write the one crash record: bytes "" (the valid ones), len 0,
# and what the log printed in bytes_printed.
log="$VT_SOURCE_DIR/samples/logs/propolis-300-len0.log"
fields='"bytes":[^,]*,"len":[^,]*,"bytes_printed":[^,]*'
"$VMTRIAGE" scan --ndjson "$log" 2>/dev/null | grep -o "$fields"
"$VMTRIAGE" bundles --ndjson "$log" 2>/dev/null | grep -o "$fields"
"$VMTRIAGE" scan --ndjson "$log" 2>/dev/null | grep -o '"signature_id":"[^"]*"'
"$VMTRIAGE" bundles --ndjson "$log" 2>/dev/null | grep -o '"signature_id":"[^"]*"'
