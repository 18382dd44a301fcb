# Bad lines on stdin are named by line; good lines are still decoded; exit 2.
printf 'f3 6e\n1 2 300\n\n' | $VMTRIAGE decode --ndjson >out; rc=$?
cut -c1-60 out
exit $rc
