$VMTRIAGE firmware --help
