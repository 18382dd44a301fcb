# replay --help is generated from the option table.
VMTRIAGE_NO_MAN=1 "$VMTRIAGE" help replay
