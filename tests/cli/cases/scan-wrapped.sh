# Dumps quoted and wrapped in mail, and inside Docker json-file and
# journalctl -o json lines.
cd "$VT_SOURCE_DIR/samples/logs" && COLUMNS=80 "$VMTRIAGE" scan qemu-mail-quoted.log qemu-container.log
