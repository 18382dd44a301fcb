# --version names vmtriage and every library it runs with (versions vary by host).
$VMTRIAGE --version | cut -d' ' -f1
