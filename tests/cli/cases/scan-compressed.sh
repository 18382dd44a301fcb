# gzip, zstd and xz recognised by content (the names say nothing).
cd "$VT_SOURCE_DIR/samples/logs" && "$VMTRIAGE" scan --ndjson rotated-795.log.1 rotated-1168.log.2 rotated-qemu.log.3 |
	sed 's/"excerpt":.*//'
