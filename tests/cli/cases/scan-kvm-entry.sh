# QEMU/KVM: entry failures (0x80000021, 0xffffffff, a VM-instruction error)
# and qemu-kvm 0.12's lowercase dumps (zeroed memory, RSM from SeaBIOS);
# qemu-kvm's lowercase exit messages (entry failures, an unknown exit).
cd "$VT_SOURCE_DIR/samples/logs" && COLUMNS=80 "$VMTRIAGE" scan qemu-entry-failed.log qemu-kvm-012.log qemu-kvm-lowercase.log
