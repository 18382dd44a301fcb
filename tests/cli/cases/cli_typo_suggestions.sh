# Typos in commands, subcommands and --class values get the closest name;
# a value with no close name gets the list of valid ones.
$VMTRIAGE frimware x.fd; echo "exit $?"
$VMTRIAGE corpus chek samples/corpus; echo "exit $?"
$VMTRIAGE fleet lod x.ndjson; echo "exit $?"
$VMTRIAGE bundles --class stringio /nonexistent; echo "exit $?"
$VMTRIAGE bundles --class xyzzy /nonexistent; echo "exit $?"
