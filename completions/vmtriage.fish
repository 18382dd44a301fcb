# fish completion for vmtriage. Each command's completions are in their own block.

set -l __vmtriage_commands bundles decode firmware help scan version
set -l __vmtriage_classes string-io mmio empty garbage redacted paging vmx-error svm-error unknown-exit debug-exit vcpu-error triple-fault other-panic unknown

complete -c vmtriage -f
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -l version -d 'print versions'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -l help -d 'show help'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a bundles -d 'walk zone bundles on a sled'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a decode -d 'decode pasted exit bytes'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a firmware -d 'list INS/OUTS sites in UEFI images'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a help -d 'show help for a command'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a scan -d 'find unhandled-VM-exit crashes in logs'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a version -d 'print versions'

# --- bundles ---
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -F
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l ext -r -a 'none' -d 'archived logs and cores root, or none'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l zone -x -d 'only zones matching a glob'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l since -x -d 'only crashes at or after a time'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l until -x -d 'only crashes at or before a time'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l class -x -a "$__vmtriage_classes" -d 'only crashes of a class'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l json -d 'one JSON report'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l ndjson -d 'one crash a line'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -s v -l verbose -d 'list every crash'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -s q -l quiet -d 'no progress line'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l exit-code -d 'exit 1 when crashes are found'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -s j -l threads -x -d 'threads to read with'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -l color -x -a 'auto always never' -d 'colour the text output'
complete -c vmtriage -n '__fish_seen_subcommand_from bundles' -s h -l help -d 'show help'
# --- end bundles ---

# --- decode ---
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -s m -l mode -x -a '16 32 64' -d 'code size to decode as'
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -l rip -x -d 'address of the first byte (hex)'
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -l dec -d 'read bare byte lists as decimal'
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -l hex -d 'read bare byte lists as hex'
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -l json -d 'JSON output'
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -l ndjson -d 'one JSON object a line'
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -l color -x -a 'auto always never' -d 'colour the text output'
complete -c vmtriage -n '__fish_seen_subcommand_from decode' -s h -l help -d 'show help'
# --- end decode ---

# --- firmware ---
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -F
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -s C -l context -x -a '0 1 2 3 4 5 6 7 8' -d 'instructions shown around each site'
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -s a -l all -d 'also show sites only a linear sweep sees'
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -s l -l list -d 'also list volumes and modules'
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -l exit-code -d 'exit 1 when any site is found'
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -l json -d 'JSON output'
complete -c vmtriage -n '__fish_seen_subcommand_from firmware' -l ndjson -d 'one JSON object a line'
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
complete -c vmtriage -n '__fish_seen_subcommand_from scan' -l max-line -x -d 'cut longer lines (bytes)'
complete -c vmtriage -n '__fish_seen_subcommand_from scan' -l color -x -a 'auto always never' -d 'colour the text output'
complete -c vmtriage -n '__fish_seen_subcommand_from scan' -s h -l help -d 'show help'
# --- end scan ---

# --- help ---
complete -c vmtriage -n '__fish_seen_subcommand_from help' -a "$__vmtriage_commands"
# --- end help ---
