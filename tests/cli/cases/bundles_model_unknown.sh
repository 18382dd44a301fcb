cd "$VT_SOURCE_DIR" || exit 3
"$VMTRIAGE" bundles samples/pool/int --model nosuch
