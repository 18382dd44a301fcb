"$VMTRIAGE" scan --help
