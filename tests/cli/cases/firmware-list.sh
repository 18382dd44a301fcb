# --list adds the volume and module tables; --context 1 trims the neighbourhood.
cd "$VT_SOURCE_DIR/samples/firmware" && $VMTRIAGE firmware --list --context 1 plain.fd
