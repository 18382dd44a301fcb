cd "$VT_SOURCE_DIR/samples/firmware" && $VMTRIAGE firmware --model nosuch plain.fd
