# --json: one array over all files, the merged #795 crash with registers.
cd "$VT_SOURCE_DIR/samples/logs" && "$VMTRIAGE" scan --json propolis-795-bunyan.log propolis-340-paging.log
