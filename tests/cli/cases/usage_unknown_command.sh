$VMTRIAGE decod f3 6e
