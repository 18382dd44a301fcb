# Decimal or hex? The documented rule reads decimal and says so on stderr.
$VMTRIAGE decode --ndjson 10 20 30 >out; rc=$?
cut -c1-80 out
exit $rc
