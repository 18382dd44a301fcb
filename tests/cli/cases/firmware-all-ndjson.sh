# --all keeps the sites only the linear sweep sees (a string in .text);
# --ndjson prints one object per image.
cd "$VT_SOURCE_DIR/samples/firmware" && $VMTRIAGE firmware --all --ndjson --context 0 plain.fd lzma.fd
