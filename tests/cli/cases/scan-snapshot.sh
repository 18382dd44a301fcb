# --emit-snapshot DIR: a v1 snapshot skeleton per crash with registers; a warning for the rest.
cd "$VT_SOURCE_DIR/samples/logs" && "$VMTRIAGE" scan --emit-snapshot "$OLDPWD/snaps" propolis-795-bunyan.log qemu-interleaved.log propolis-340-paging.log >/dev/null
cd "$OLDPWD" && ls snaps && cat snaps/*.json
