# Usage errors: exit 2 with one line on stderr each.
ln -s "$VT_SOURCE_DIR/samples/corpus" corpus
"$VMTRIAGE" corpus; echo "exit $?"
"$VMTRIAGE" corpus frob; echo "exit $?"
"$VMTRIAGE" corpus gate corpus; echo "exit $?"
"$VMTRIAGE" corpus gate corpus --model nope; echo "exit $?"
"$VMTRIAGE" corpus gate corpus --model c2bc58f9 no-such-case; echo "exit $?"
"$VMTRIAGE" corpus check /nonexistent; echo "exit $?"
"$VMTRIAGE" corpus add . ; echo "exit $?"
"$VMTRIAGE" replay --model nope x.json; echo "exit $?"
