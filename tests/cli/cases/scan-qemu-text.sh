# QEMU/KVM: instruction bytes from extra data, interleaved dumps, old extra data.
cd "$VT_SOURCE_DIR/samples/logs" && "$VMTRIAGE" scan qemu-kvm-insn-bytes.log qemu-interleaved.log qemu-old-extra.log
