# Each command's spec says how many operands it takes; too few or too many is
# one usage error (exit 2) in one shape, before anything is read.
"$VMTRIAGE" merge; echo "exit $?"
"$VMTRIAGE" firmware --json; echo "exit $?"
"$VMTRIAGE" corpus check; echo "exit $?"
"$VMTRIAGE" corpus add --from x.json a b; echo "exit $?"
"$VMTRIAGE" fleet load --clickhouse http://127.0.0.1:9/; echo "exit $?"
"$VMTRIAGE" fleet schema --clickhouse http://127.0.0.1:9/ extra; echo "exit $?"
"$VMTRIAGE" fleet server a b; echo "exit $?"
