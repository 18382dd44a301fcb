# --exit-code: 1 when crashes are found, 0 when none (or none pass the filters).
cd "$VT_SOURCE_DIR" || exit 3
$VMTRIAGE bundles --exit-code --ndjson samples/pool/int >/dev/null 2>&1; echo "crashes: $?"
$VMTRIAGE bundles --exit-code --ndjson --zone oxz_switch samples/pool/int >/dev/null 2>&1; echo "healthy zone: $?"
$VMTRIAGE bundles --ndjson samples/pool/int >/dev/null 2>&1; echo "without the flag: $?"
