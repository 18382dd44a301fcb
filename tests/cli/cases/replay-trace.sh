# --trace writes one io object a line, then the regs_after/memory_writes line.
"$VMTRIAGE" replay --trace out.ndjson "$VT_SOURCE_DIR/samples/snapshots/ata-rep-insw-512.json" >/dev/null
head -3 out.ndjson
wc -l <out.ndjson
tail -1 out.ndjson | cut -c1-160
"$VMTRIAGE" replay --trace a.ndjson one.json two.json
echo "exit $?"
