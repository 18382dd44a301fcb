# Missing file: runtime error (3) but the other files are still scanned;
# a cut gzip file is malformed input (2); a bad option is usage (2).
cd "$VT_SOURCE_DIR/samples/logs"
"$VMTRIAGE" scan --ndjson no-such.log propolis-340-paging.log >"$OLDPWD/out"; echo "missing: $?"
sed 's/"excerpt":.*//' "$OLDPWD/out"
"$VMTRIAGE" scan corrupt-truncated.gz; echo "truncated gzip: $?"
"$VMTRIAGE" scan --jsn x; echo "bad option: $?"
"$VMTRIAGE" scan --max-line 3 x; echo "bad max-line: $?"
