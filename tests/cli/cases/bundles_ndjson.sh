# --ndjson over every source kind: one crash a line; warnings go to stderr.
cd "$VT_SOURCE_DIR" && $VMTRIAGE bundles --ndjson samples/pool/int samples/support samples/extracted samples/plain
