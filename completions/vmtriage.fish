# fish completion for vmtriage. Each command's completions are in their own block.

set -l __vmtriage_commands decode help replay version
set -l __vmtriage_classes string-io mmio empty garbage redacted paging vmx-error svm-error unknown-exit debug-exit vcpu-error triple-fault other-panic unknown

complete -c vmtriage -f
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -l version -d 'print versions'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -l help -d 'show help'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a decode -d 'decode pasted exit bytes'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a help -d 'show help for a command'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a replay -d 'replay a snapshot on the reference emulator'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a version -d 'print versions'

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

# --- replay ---
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -F -a '*.json'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -l json -d 'the replay result as JSON'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -l ndjson -d 'one JSON result a line'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -s t -l trace -r -F -d 'write the full trace (NDJSON)'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -l max-elements -x -d 'stop after N elements'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -l exit-code -d 'exit 1 when a verdict is not emulated'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -l color -x -a 'auto always never' -d 'colour the text output'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -s h -l help -d 'show help'
# --- end replay ---

# --- help ---
complete -c vmtriage -n '__fish_seen_subcommand_from help' -a "$__vmtriage_commands"
# --- end help ---
