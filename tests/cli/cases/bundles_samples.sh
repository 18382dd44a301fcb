# The README's first command: the sample sled, text report at 80 columns.
cd "$VT_SOURCE_DIR" && COLUMNS=80 $VMTRIAGE bundles samples/pool/int
