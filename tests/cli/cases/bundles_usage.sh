# Usage errors (exit 2) and an unreadable operand (exit 3), each on stderr.
cd "$VT_SOURCE_DIR" || exit 3
$VMTRIAGE bundles --class nope samples/pool/int; echo "exit $?"
$VMTRIAGE bundles --since yesterday samples/pool/int; echo "exit $?"
$VMTRIAGE bundles --threads 0 samples/pool/int; echo "exit $?"
$VMTRIAGE bundles --jsn samples/pool/int; echo "exit $?"
$VMTRIAGE bundles --ndjson --ext none samples/no-such-sled/pool/int; echo "exit $?"
# A missing --ext root is a warning: the bundles are still read.
$VMTRIAGE bundles --ndjson --ext samples/no-ext samples/pool/int 2>&1 >/dev/null | grep -e '--ext root'
