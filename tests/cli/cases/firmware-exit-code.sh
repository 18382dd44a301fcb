# --exit-code: 1 when any site is found.
cd "$VT_SOURCE_DIR/samples/firmware" && $VMTRIAGE firmware --exit-code --context 0 plain.fd
