# A line over --max-line is cut with a warning; crashes after it are found.
{ head -c 5000 /dev/zero | tr '\\0' x; echo; cat "$VT_SOURCE_DIR/samples/logs/propolis-340-paging.log"; } > big.log
"$VMTRIAGE" scan --max-line 1024 --ndjson big.log | sed 's/"excerpt":.*//'
