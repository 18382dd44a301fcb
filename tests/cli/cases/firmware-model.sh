# --model: which sites the c2bc58f9 patch would handle, per site and in the summary.
cd "$VT_SOURCE_DIR/samples/firmware" && $VMTRIAGE firmware --model c2bc58f9 --context 0 plain.fd
