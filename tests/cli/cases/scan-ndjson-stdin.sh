# --ndjson from stdin: one object a line, source <stdin>.
"$VMTRIAGE" scan --ndjson < "$VT_SOURCE_DIR/samples/logs/propolis-legacy-2022.log"
