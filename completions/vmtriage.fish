# fish completion for vmtriage. Each command's completions are in their own block.

set -l __vmtriage_commands corpus decode help replay version
set -l __vmtriage_models c2bc58f9 7bb3e125
set -l __vmtriage_classes string-io mmio empty garbage redacted paging vmx-error svm-error unknown-exit debug-exit vcpu-error triple-fault other-panic unknown

complete -c vmtriage -f
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -l version -d 'print versions'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -l help -d 'show help'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a decode -d 'decode pasted exit bytes'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a help -d 'show help for a command'
complete -c vmtriage -n "not __fish_seen_subcommand_from $__vmtriage_commands" -a corpus -d 'replay corpus and CI gate'
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
complete -c vmtriage -n '__fish_seen_subcommand_from corpus' -s h -l help -d 'show help'
# --- end corpus ---

# --- replay ---
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -F -a '*.json'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -l json -d 'the replay result as JSON'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -l ndjson -d 'one JSON result a line'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -s t -l trace -r -F -d 'write the full trace (NDJSON)'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -l max-elements -x -d 'stop after N elements'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -l exit-code -d 'exit 1 when a verdict is not emulated'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -s m -l model -x -a "$__vmtriage_models" -d 'run a model of a known patch'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -l color -x -a 'auto always never' -d 'colour the text output'
complete -c vmtriage -n '__fish_seen_subcommand_from replay' -s h -l help -d 'show help'
# --- end replay ---

# --- help ---
complete -c vmtriage -n '__fish_seen_subcommand_from help' -a "$__vmtriage_commands"
# --- end help ---
