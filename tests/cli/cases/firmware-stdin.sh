# "-" reads the image from standard input (named <stdin>), e.g. from a pipe.
$VMTRIAGE firmware --context 0 - <"$VT_SOURCE_DIR/samples/firmware/lzma.fd"
echo "exit $?"
cat "$VT_SOURCE_DIR/samples/firmware/plain.fd" | $VMTRIAGE firmware --ndjson --context 0 - | cut -c1-60
