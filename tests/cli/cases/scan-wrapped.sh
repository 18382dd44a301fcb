# Dumps quoted and wrapped in mail, and inside Docker json-file and
# journalctl -o json lines; bhyve's dump and failure rewrapped by a mail
# client, propolis' pretty record and panic cut by an 80-column terminal and
# rewrapped by a mail client.
cd "$VT_SOURCE_DIR/samples/logs" && COLUMNS=80 "$VMTRIAGE" scan qemu-mail-quoted.log qemu-container.log \
	bhyve-wrapped-mail.log propolis-pretty-wrapped.log propolis-pretty-mail.log
