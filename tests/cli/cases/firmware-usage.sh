# Bad option values are usage errors (exit 2).
$VMTRIAGE firmware --context 9 plain.fd
