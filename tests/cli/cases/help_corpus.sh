"$VMTRIAGE" corpus --help
"$VMTRIAGE" corpus gate --help
