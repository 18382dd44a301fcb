# Every sample snapshot, text report: verdicts, port text, registers, faults.
for f in "$VT_SOURCE_DIR"/samples/snapshots/*.json; do
	"$VMTRIAGE" replay "$f" || echo "exit $?"
	echo
done
