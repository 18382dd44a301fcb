# Numeric option values are checked by one parser with one message shape:
# the range, then the value given. Decimal or 0x hex; no sign, no blanks.
"$VMTRIAGE" bundles --threads 0 /nonexistent; echo "exit $?"
"$VMTRIAGE" bundles --threads " 4" /nonexistent; echo "exit $?"
"$VMTRIAGE" bundles --threads +4 /nonexistent; echo "exit $?"
"$VMTRIAGE" bundles --max-member-bytes -1 /nonexistent; echo "exit $?"
"$VMTRIAGE" scan --max-member-bytes 99999999999999999999 /nonexistent; echo "exit $?"
"$VMTRIAGE" scan --max-line 63 /nonexistent; echo "exit $?"
"$VMTRIAGE" firmware --context 9 x.fd; echo "exit $?"
"$VMTRIAGE" firmware --max-code-bytes 0 x.fd; echo "exit $?"
"$VMTRIAGE" replay --max-elements 0 x.json; echo "exit $?"
"$VMTRIAGE" fleet --timeout 86401; echo "exit $?"
"$VMTRIAGE" fleet load --max-line 1073741825 x.ndjson; echo "exit $?"
"$VMTRIAGE" fleet server --port 65536 dir; echo "exit $?"
# in range, 0x hex too: the option is taken and the run goes on to its operands
"$VMTRIAGE" bundles -q --threads 0x10 /nonexistent; echo "exit $?"
