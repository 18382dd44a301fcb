# A token that is not a byte: exit 2, the token named.
$VMTRIAGE decode 243,110,2x3
