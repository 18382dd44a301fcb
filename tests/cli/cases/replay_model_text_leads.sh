# replay --model leads with the model's outcome against the reference, then
# shows both results where they differ (reference first), one when they agree;
# the model's why-line agrees with its registers (RIP moved past).
cd "$VT_SOURCE_DIR" || exit 3
$VMTRIAGE replay --model c2bc58f9 samples/corpus/pf-rep-outsb-notpresent.json | sed -n '1,3p;/^model/p'
$VMTRIAGE replay --model 7bb3e125 samples/corpus/df1-rep-outsb-down.json | grep -e 'against' -e '^  why' -e '^[a-z].*: ' -e 'rip '
$VMTRIAGE replay --model c2bc58f9 samples/corpus/rcx0-rep-outsb.json | sed -n '1,3p'
