# replay --model: the model's result, then its outcome against the reference.
cd "$VT_SOURCE_DIR/samples/corpus" || exit 3
"$VMTRIAGE" replay --model c2bc58f9 real16-rep-outsw.json
"$VMTRIAGE" replay --model 7bb3e125 --json --exit-code max-elements-huge-rcx.json
echo "exit $?"
