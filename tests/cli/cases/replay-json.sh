# --json is the replay-result object of snapshot-format.md.
"$VMTRIAGE" replay --json "$VT_SOURCE_DIR/samples/snapshots/real-mode-rep-outsw.json"
"$VMTRIAGE" replay --ndjson "$VT_SOURCE_DIR/samples/snapshots/page-fault-rep-insb.json" \
	"$VT_SOURCE_DIR/samples/snapshots/page-crossing-outsd.json"
