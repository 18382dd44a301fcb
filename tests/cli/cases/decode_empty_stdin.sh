printf '\n\n' | $VMTRIAGE decode
