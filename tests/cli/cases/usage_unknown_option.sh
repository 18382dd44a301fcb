$VMTRIAGE decode --mdoe 16 f3 6e
