# An unreadable image is a runtime error (exit 3); the other images are still reported.
cd "$VT_SOURCE_DIR/samples/firmware" && $VMTRIAGE firmware --context 0 plain.fd /nonexistent/OVMF.fd
