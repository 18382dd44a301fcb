# The c2bc58f9 model stands in for a VMM's traces: per-case outcome, summary, exit 1.
cd "$VT_SOURCE_DIR" && "$VMTRIAGE" corpus gate samples/corpus --model c2bc58f9
