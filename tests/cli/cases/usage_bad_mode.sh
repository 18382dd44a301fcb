$VMTRIAGE decode --mode 8 f3 6e
