# A snapshot skeleton from a scan --json crash, and what it still needs.
mkdir c
cp crashes.json crashes.json
"$VMTRIAGE" corpus add c --from crashes.json --name blog
echo "exit $?"
"$VMTRIAGE" replay c/blog.json | head -2
"$VMTRIAGE" corpus add c --from crashes.json --name blog
echo "exit $?"
"$VMTRIAGE" corpus add c --from crashes.json --index 1
echo "exit $?"
