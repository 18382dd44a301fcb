# Garbage beyond one repeated byte (a period-4 fill at the IVT, a nonsense
# decode), a system instruction; look-alikes give no record.
cd "$VT_SOURCE_DIR/samples/logs" && COLUMNS=80 "$VMTRIAGE" scan qemu-classes.log lookalikes.log
