# A snapshot skeleton from a scan --json crash, and what it still needs.
mkdir c
cp "$VT_SOURCE_DIR/samples/crashes/scan-795-and-340.json" crashes.json
"$VMTRIAGE" corpus add c --from crashes.json --name blog
echo "exit $?"
"$VMTRIAGE" replay c/blog.json | head -2
"$VMTRIAGE" corpus add c --from crashes.json --name blog
echo "exit $?"
"$VMTRIAGE" corpus add c --from crashes.json --index 1
echo "exit $?"
"$VMTRIAGE" corpus add c --from - --name piped <crashes.json | head -1
echo "exit $?"
echo '[' | "$VMTRIAGE" corpus add c --from - --name broken
echo "exit $?"
