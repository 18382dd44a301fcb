# Bad checksums and an oversized file: warnings on stderr, the rest scanned, exit 0.
cd "$VT_SOURCE_DIR/samples/firmware" && $VMTRIAGE firmware --context 0 damaged.fd
