# fish completion for vmtriage. Each command's completions are in their own block.

set -l __vmtriage_models c2bc58f9 7bb3e125
set -l __vmtriage_commands bundles corpus decode firmware fleet help merge replay scan version
set -l __vmtriage_classes string-io mmio empty garbage redacted paging vmx-error svm-error unknown-exit debug-exit vcpu-error triple-fault other-panic unknown

complete -c vmtriage -f
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -l version -d 'print versions'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -l help -d 'show help'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a bundles -d 'walk zone bundles on a sled'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a decode -d 'decode pasted exit bytes'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a firmware -d 'list INS/OUTS sites in UEFI images'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a fleet -d 'query the fleet in ClickHouse, or load NDJSON'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a help -d 'show help for a command'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a merge -d 'merge bundles --json reports from many sleds'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a corpus -d 'replay corpus and CI gate'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a replay -d 'replay a snapshot on the reference emulator'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a scan -d 'find unhandled-VM-exit crashes in logs'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a version -d 'print versions'

# --- bundles ---
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -F
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l ext -r -a 'none' -d 'archived logs and cores root, or none'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l zone -x -d 'only zones matching a glob'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l emit-snapshot -x -a '(__fish_complete_directories)' -d 'write snapshot skeletons into a directory'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l force -d 'with --emit-snapshot: replace existing snapshots'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l since -x -d 'only crashes at or after a time'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l until -x -d 'only crashes at or before a time'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l class -x -a "$__vmtriage_classes" -d 'only crashes of a class'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l json -d 'one JSON report'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l ndjson -d 'one crash a line'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -s v -l verbose -d 'list every crash'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -s q -l quiet -d 'no progress line'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l stats -d 'say where the time went: bytes and CPU time read, inflated, scanned'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -s m -l model -x -a "$__vmtriage_models" -d 'would that patch handle each cluster'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l max-member-bytes -x -d 'stop reading a member after this many decompressed bytes'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l exit-code -d 'exit 1 when crashes are found'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -s j -l threads -x -d 'threads to read with'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l sled -x -d 'label every crash with a sled'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l rack -x -d 'label every crash with a rack'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l color -x -a 'auto always never' -d 'colour the text output'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -s h -l help -d 'show help'
# --- end bundles ---

# --- decode ---
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -s m -l mode -x -a '16 32 64' -d 'code size to decode as'
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -l rip -x -d 'address of the first byte (hex)'
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -l hypervisor -x -a 'propolis propolis-standalone bhyve qemu-kvm' -d 'whose words explain the class'
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -l dec -d 'read bare byte lists as decimal'
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -l hex -d 'read bare byte lists as hex'
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -l json -d 'JSON output'
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -l ndjson -d 'one decode record a line'
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -l color -x -a 'auto always never' -d 'colour the text output'
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -s h -l help -d 'show help'
# --- end decode ---

# --- firmware ---
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -F
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -s C -l context -x -a '0 1 2 3 4 5 6 7 8' -d 'instructions shown around each site'
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -s a -l all -d 'also show sites only a linear sweep sees'
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -s l -l list -d 'also list volumes and modules'
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -s m -l model -x -a "$__vmtriage_models" -d 'say which sites a patch model would handle'
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -l exit-code -d 'exit 1 when any site is found'
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -l max-code-bytes -x -d 'disassemble at most this many code bytes per image'
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -l json -d 'JSON output'
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -l ndjson -d 'one image record a line'
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -l color -x -a 'auto always never' -d 'colour the text output'
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -s h -l help -d 'show help'
# --- end firmware ---

# --- scan ---
complete -c vmtriage -n '__fish_seen_subcommand_from scan' -F
complete -c vmtriage -n '__fish_seen_subcommand_from scan' -l json -d 'a JSON array of crash records'
complete -c vmtriage -n '__fish_seen_subcommand_from scan' -l ndjson -d 'one JSON crash record a line'
complete -c vmtriage -n '__fish_seen_subcommand_from scan' -s a -l all-panics -d 'also report other Rust panics'
complete -c vmtriage -n '__fish_seen_subcommand_from scan' -l exit-code -d 'exit 1 when crashes were found'
complete -c vmtriage -n '__fish_seen_subcommand_from scan' -l emit-snapshot -x -a '(__fish_complete_directories)' -d 'write snapshot skeletons into a directory'
complete -c vmtriage -n '__fish_seen_subcommand_from scan' -l force -d 'with --emit-snapshot: replace existing snapshots'
complete -c vmtriage -n '__fish_seen_subcommand_from scan' -l max-line -x -d 'cut longer lines (bytes)'
complete -c vmtriage -n '__fish_seen_subcommand_from scan' -l max-member-bytes -x -d 'stop reading a file after this many decompressed bytes'
complete -c vmtriage -n '__fish_seen_subcommand_from scan' -l color -x -a 'auto always never' -d 'colour the text output'
complete -c vmtriage -n '__fish_seen_subcommand_from scan' -s h -l help -d 'show help'
# --- end scan ---

# --- fleet ---
set -l __vmtriage_fleet_subs load schema server
complete -c vmtriage -n '__fish_seen_subcommand_from fleet' -F
complete -c vmtriage -n "__fish_seen_subcommand_from fleet; and not __fish_seen_subcommand_from $__vmtriage_fleet_subs" -a load -d 'insert bundles NDJSON files'
complete -c vmtriage -n "__fish_seen_subcommand_from fleet; and not __fish_seen_subcommand_from $__vmtriage_fleet_subs" -a schema -d 'create the schema on a server'
complete -c vmtriage -n "__fish_seen_subcommand_from fleet; and not __fish_seen_subcommand_from $__vmtriage_fleet_subs" -a server -d 'start a private ClickHouse in DIR'
complete -c vmtriage -n "__fish_seen_subcommand_from fleet; and not __fish_seen_subcommand_from server" -l clickhouse -x -d 'ClickHouse HTTP interface URL'
complete -c vmtriage -n "__fish_seen_subcommand_from fleet; and not __fish_seen_subcommand_from server" -l timeout -x -d 'give up on a request after this long'
complete -c vmtriage -n "__fish_seen_subcommand_from fleet; and not __fish_seen_subcommand_from $__vmtriage_fleet_subs" -s Q -l query -x -a 'top-signatures new-signatures crashes-per-sled class-over-time zones-for-signature' -d 'shipped query to run'
complete -c vmtriage -n "__fish_seen_subcommand_from fleet; and not __fish_seen_subcommand_from $__vmtriage_fleet_subs" -s p -l param -x -a 'since= signature=' -d 'a query parameter NAME=VALUE'
complete -c vmtriage -n "__fish_seen_subcommand_from fleet; and not __fish_seen_subcommand_from $__vmtriage_fleet_subs" -l queries -r -a '(__fish_complete_directories)' -d 'directory of NAME.sql queries'
complete -c vmtriage -n "__fish_seen_subcommand_from fleet; and not __fish_seen_subcommand_from $__vmtriage_fleet_subs" -l json -d 'the answer as one JSON document'
complete -c vmtriage -n "__fish_seen_subcommand_from fleet; and not __fish_seen_subcommand_from $__vmtriage_fleet_subs" -l ndjson -d 'one JSON object a line'
complete -c vmtriage -n "__fish_seen_subcommand_from fleet; and not __fish_seen_subcommand_from $__vmtriage_fleet_subs" -l color -x -a 'auto always never' -d 'colour the text output'
complete -c vmtriage -n '__fish_seen_subcommand_from fleet; and __fish_seen_subcommand_from load' -l sled -x -d 'sled label for rows without one'
complete -c vmtriage -n '__fish_seen_subcommand_from fleet; and __fish_seen_subcommand_from load' -l rack -x -d 'rack label for rows without one'
complete -c vmtriage -n '__fish_seen_subcommand_from fleet; and __fish_seen_subcommand_from load' -l database -x -d 'database of the schema'
complete -c vmtriage -n '__fish_seen_subcommand_from fleet; and __fish_seen_subcommand_from load' -l max-line -x -d 'skip longer lines, with a warning'
complete -c vmtriage -n '__fish_seen_subcommand_from fleet; and __fish_seen_subcommand_from server' -l port -x -d 'HTTP port on 127.0.0.1'
complete -c vmtriage -n '__fish_seen_subcommand_from fleet; and __fish_seen_subcommand_from server' -l stop -d 'stop the server running in DIR'
complete -c vmtriage -n '__fish_seen_subcommand_from fleet' -s h -l help -d 'show help'
# --- end fleet ---

# --- merge ---
complete -c vmtriage -n '__fish_seen_subcommand_from merge' -F
complete -c vmtriage -n '__fish_seen_subcommand_from merge' -l json -d 'the merged report as JSON'
complete -c vmtriage -n '__fish_seen_subcommand_from merge' -l exit-code -d 'exit 1 when the reports hold crashes'
complete -c vmtriage -n '__fish_seen_subcommand_from merge' -l color -x -a 'auto always never' -d 'colour the text output'
complete -c vmtriage -n '__fish_seen_subcommand_from merge' -s h -l help -d 'show help'
# --- end merge ---
# --- corpus ---
set -l __vmtriage_corpus_subs add bless check gate
complete -c vmtriage -n "__fish_seen_subcommand_from corpus; and not __fish_seen_subcommand_from $__vmtriage_corpus_subs" -a add -d 'snapshot skeleton from a scan crash'
complete -c vmtriage -n "__fish_seen_subcommand_from corpus; and not __fish_seen_subcommand_from $__vmtriage_corpus_subs" -a bless -d '(re)write expectations, showing a diff'
complete -c vmtriage -n "__fish_seen_subcommand_from corpus; and not __fish_seen_subcommand_from $__vmtriage_corpus_subs" -a check -d 'fail on drift from expectations'
complete -c vmtriage -n "__fish_seen_subcommand_from corpus; and not __fish_seen_subcommand_from $__vmtriage_corpus_subs" -a gate -d 'traces or a model against the reference'
complete -c vmtriage -n '__fish_seen_subcommand_from corpus; and __fish_seen_subcommand_from add' -s f -l from -r -F -d 'crash JSON from vmtriage scan --json'
complete -c vmtriage -n '__fish_seen_subcommand_from corpus; and __fish_seen_subcommand_from add' -s i -l index -x -d 'which crash of an array'
complete -c vmtriage -n '__fish_seen_subcommand_from corpus; and __fish_seen_subcommand_from add' -l name -x -d 'name of the case'
complete -c vmtriage -n '__fish_seen_subcommand_from corpus; and __fish_seen_subcommand_from add' -l force -d 'overwrite an existing snapshot'
complete -c vmtriage -n '__fish_seen_subcommand_from corpus; and __fish_seen_subcommand_from bless' -s n -l dry-run -d 'show the diffs, write nothing'
complete -c vmtriage -n '__fish_seen_subcommand_from corpus; and __fish_seen_subcommand_from check gate' -l json -d 'JSON report'
complete -c vmtriage -n '__fish_seen_subcommand_from corpus; and __fish_seen_subcommand_from check gate' -l color -x -a 'auto always never' -d 'colour the text output'
complete -c vmtriage -n '__fish_seen_subcommand_from corpus; and __fish_seen_subcommand_from gate' -s t -l traces -x -a '(__fish_complete_directories)' -d 'trace directory'
complete -c vmtriage -n '__fish_seen_subcommand_from corpus; and __fish_seen_subcommand_from gate' -s m -l model -x -a "$__vmtriage_models" -d 'a patch model stands in for the traces'
complete -c vmtriage -n '__fish_seen_subcommand_from corpus; and __fish_seen_subcommand_from gate' -l allow-missing -d 'missing traces do not fail the gate'
complete -c vmtriage -n '__fish_seen_subcommand_from corpus; and __fish_seen_subcommand_from gate' -l junit -r -F -d 'write a JUnit XML report'
complete -c vmtriage -n '__fish_seen_subcommand_from corpus; and __fish_seen_subcommand_from bless check gate' -l max-elements -x -d 'stop after N elements'
complete -c vmtriage -n '__fish_seen_subcommand_from corpus' -s h -l help -d 'show help'
# --- end corpus ---

# --- replay ---
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -F -a '*.json'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -l json -d 'one JSON document of replay results'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -l ndjson -d 'one result record a line'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -s t -l trace -r -F -d 'write the full trace (NDJSON)'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -l max-elements -x -d 'stop after N elements'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -l exit-code -d 'exit 1 when a verdict is not emulated'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -s m -l model -x -a "$__vmtriage_models" -d 'run a model of a known patch'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -l color -x -a 'auto always never' -d 'colour the text output'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -s h -l help -d 'show help'
# --- end replay ---

# --- help ---
# `help corpus <TAB>` and `help fleet <TAB>`: the corpus and fleet blocks offer their subcommands.
complete -c vmtriage -n '__fish_seen_subcommand_from help; and test (count (commandline -opc)) -eq 2' -a "$__vmtriage_commands"
complete -c vmtriage -n '__fish_seen_subcommand_from help' -s h -l help -d 'show help'
# --- end help ---

# --- version ---
complete -c vmtriage -n '__fish_seen_subcommand_from version' -s h -l help -d 'show help'
# --- end version ---
