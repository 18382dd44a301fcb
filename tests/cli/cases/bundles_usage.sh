# Usage errors (exit 2) and an unreadable operand (exit 3), each on stderr.
cd "$VT_SOURCE_DIR" || exit 3
$VMTRIAGE bundles --class nope samples/pool/int; echo "exit $?"
$VMTRIAGE bundles --since yesterday samples/pool/int; echo "exit $?"
$VMTRIAGE bundles --threads 0 samples/pool/int; echo "exit $?"
$VMTRIAGE bundles --jsn samples/pool/int; echo "exit $?"
$VMTRIAGE bundles --ndjson --ext none samples/no-such-sled/pool/int; echo "exit $?"
