# --exit-code: 1 when crashes are found, 0 when none (or none pass the filters);
# damaged input (the sample sled has three damaged bundles) is 2 either way,
# the one rule for damaged input in vmtriage(1).
cd "$VT_SOURCE_DIR" || exit 3
clean='oxz_propolis-server_[0-7]*'
$VMTRIAGE bundles --exit-code --ndjson --zone "$clean" samples/pool/int >/dev/null 2>&1; echo "crashes: $?"
$VMTRIAGE bundles --exit-code --ndjson --zone oxz_switch samples/pool/int >/dev/null 2>&1; echo "healthy zone: $?"
$VMTRIAGE bundles --ndjson --zone "$clean" samples/pool/int >/dev/null 2>&1; echo "without the flag: $?"
$VMTRIAGE bundles --exit-code --ndjson samples/pool/int >/dev/null 2>&1; echo "damaged bundles, crashes: $?"
