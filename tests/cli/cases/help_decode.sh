$VMTRIAGE help decode
