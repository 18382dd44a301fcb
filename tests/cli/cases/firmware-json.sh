# LZMA section holding a nested volume, as OVMF's FVMAIN_COMPACT: JSON report.
cd "$VT_SOURCE_DIR/samples/firmware" && $VMTRIAGE firmware --json --context 2 lzma.fd
