# Sites reached by control flow in a plain volume: PE32+ driver and TE PEIM.
cd "$VT_SOURCE_DIR/samples/firmware" && $VMTRIAGE firmware plain.fd
