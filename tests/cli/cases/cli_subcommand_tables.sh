# corpus and fleet dispatch from tables like vmtriage's own: `help CMD SUB` is
# `CMD SUB --help`, a typo names the closest row, and an option of a sibling
# subcommand says which one takes it.
export VMTRIAGE_NO_MAN=1
"$VMTRIAGE" help corpus check >help.out; echo "help corpus check: $?"
"$VMTRIAGE" corpus check --help | cmp - help.out && echo "same as corpus check --help"
"$VMTRIAGE" help fleet load >help.out; echo "help fleet load: $?"
"$VMTRIAGE" fleet load --help | cmp - help.out && echo "same as fleet load --help"
"$VMTRIAGE" help fleet >help.out; echo "help fleet: $?"
"$VMTRIAGE" fleet --help | cmp - help.out && echo "same as fleet --help"
"$VMTRIAGE" fleet --help
"$VMTRIAGE" fleet server --help
"$VMTRIAGE" help corpus chek; echo "exit $?"
"$VMTRIAGE" help scan extra; echo "exit $?"
"$VMTRIAGE" help corpus check extra; echo "exit $?"
"$VMTRIAGE" corpus xyzzy; echo "exit $?"
"$VMTRIAGE" corpus -x; echo "exit $?"
"$VMTRIAGE" xyzzy; echo "exit $?"
"$VMTRIAGE" corpus bless --json samples/corpus; echo "exit $?"
"$VMTRIAGE" corpus check -n samples/corpus; echo "exit $?"
"$VMTRIAGE" fleet load --json x.ndjson; echo "exit $?"
"$VMTRIAGE" fleet --port 9000; echo "exit $?"
"$VMTRIAGE" fleet --clickhouse http://127.0.0.1:9/ load x.ndjson; echo "exit $?"
"$VMTRIAGE" fleet --clickhouse http://127.0.0.1:9/ lod x.ndjson; echo "exit $?"
"$VMTRIAGE" fleet server; echo "exit $?"
