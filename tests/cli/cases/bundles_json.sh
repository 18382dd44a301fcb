# --json: clusters, crashes, bundles, warnings with their stable field names.
cd "$VT_SOURCE_DIR" && $VMTRIAGE bundles --json -j 2 samples/pool/int
