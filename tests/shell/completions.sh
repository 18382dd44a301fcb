#!/bin/sh
# Completions: bash answers real queries; zsh and fish files parse; every
# command in `vmtriage help` is offered, and every decode option exists; every
# subcommand in the tables of corpus and fleet (their --help) is offered, with
# exactly its own options.
set -u
bin=$1 src=$2
fail=0
commands=$("$bin" help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' | sort | tr '\n' ' ')

bash_reply() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _vmtriage; printf "%s\n" "${COMPREPLY[@]}"' \
		_ "$src/completions/vmtriage.bash" "$@" | sort | tr '\n' ' '
}

got=$(bash_reply vmtriage "" | tr ' ' '\n' | grep -v '^-' | tr '\n' ' ')
[ "$got" = "$commands" ] || { echo "bash: commands '$got' != '$commands'"; fail=1; }
got=$(bash_reply vmtriage decode --mode "")
[ "$got" = "16 32 64 " ] || { echo "bash: decode --mode offers '$got'"; fail=1; }
for c in decode firmware scan; do
	for opt in $(bash_reply vmtriage $c --); do
		"$bin" $c --help | grep -q -- "$opt" || { echo "bash offers $opt, $c --help lacks it"; fail=1; }
	done
	for opt in $("$bin" $c --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		bash_reply vmtriage $c -- | grep -q -- "$opt" || { echo "bash lacks $c $opt"; fail=1; }
		grep -q -- "$opt" "$src/completions/_vmtriage" || { echo "zsh lacks $c $opt"; fail=1; }
		grep -q -- "-l ${opt#--}" "$src/completions/vmtriage.fish" || { echo "fish lacks $c $opt"; fail=1; }
	done
done
for c in $commands; do
	grep -q "$c" "$src/completions/_vmtriage" || { echo "zsh lacks command $c"; fail=1; }
	grep -q "a $c" "$src/completions/vmtriage.fish" || { echo "fish lacks command $c"; fail=1; }
done
# The subcommand tables, read from `vmtriage CMD --help` (the "subcommands:"
# list) and `vmtriage CMD SUB --help` (the "options:" list).
subcommands_of() { "$bin" "$1" --help | sed -n '/^subcommands:$/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p'; }
options_of() {
	"$bin" "$@" --help | sed -n '/^options:$/,/^$/s/^ *\(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' | sort -u
}
has() { printf '%s\n' $1 | grep -qx -- "$2"; }
zsh_block() { sed -n "/^# --- $1 ---/,/^# --- end $1 ---/p" "$src/completions/_vmtriage"; }
zsh_branch() { zsh_block "$1" | sed -n "/^	$2)\$/,/;;\$/p"; }
have_fish=$(command -v fish >/dev/null && echo yes)
fish_reply() {
	fish -c 'source $argv[1]; complete -C "$argv[2]"' "$src/completions/vmtriage.fish" "$1" | cut -f1 | tr '\n' ' '
}
# One subcommand (or, with sub "", the command itself): bash, zsh and fish
# offer each option of its --help, and bash nothing else.
# zsh: a command's function, or the branch of its case for a subcommand
# ('\*', the default branch, for a group's command without one).
check_options() {
	c=$1 sub=$2 branch=$3
	want=$(options_of $c $sub)
	got=$(bash_reply vmtriage $c $sub --)
	fishgot=$([ -z "$have_fish" ] || fish_reply "vmtriage $c $sub -")
	if [ -n "$branch" ]; then zsh_text=$(zsh_branch $c "$branch"); else zsh_text=$(zsh_block $c); fi
	for opt in $want; do
		has "$got" "$opt" || { echo "bash lacks $c $sub $opt"; fail=1; }
		printf '%s\n' "$zsh_text" | grep -q -- "$opt[[}]" || { echo "zsh lacks $c $sub $opt"; fail=1; }
		[ -z "$have_fish" ] || has "$fishgot" "$opt" || { echo "fish lacks $c $sub $opt"; fail=1; }
	done
	for opt in $got; do
		has "$want" "$opt" || { echo "bash offers $c $sub $opt, its --help lacks it"; fail=1; }
	done
}
groups=0
for c in $commands; do
	subs=$(subcommands_of $c)
	if [ -z "$subs" ]; then
		check_options $c "" ""
		continue
	fi
	groups=$((groups + 1))
	for s in $subs; do
		has "$(bash_reply vmtriage $c "")" "$s" || { echo "bash lacks $c $s"; fail=1; }
		has "$(bash_reply vmtriage help $c "")" "$s" || { echo "bash lacks help $c $s"; fail=1; }
		zsh_block $c | grep -q "'$s:" || { echo "zsh lacks $c $s"; fail=1; }
		zsh_block help | grep "^	$c)" | grep -q "[( ]$s[ )]" || { echo "zsh lacks help $c $s"; fail=1; }
		if [ -n "$have_fish" ]; then
			has "$(fish_reply "vmtriage $c ")" "$s" || { echo "fish lacks $c $s"; fail=1; }
			has "$(fish_reply "vmtriage help $c ")" "$s" || { echo "fish lacks help $c $s"; fail=1; }
		fi
		check_options $c $s $s
	done
	# fleet runs its query without a subcommand: its options too
	"$bin" $c --help | grep -q '^options:$' && check_options $c "" '\*'
done
[ "$groups" -ge 2 ] || { echo "found $groups commands with subcommands (corpus and fleet have them)"; fail=1; }
if command -v zsh >/dev/null; then
	zsh -n "$src/completions/_vmtriage" || { echo "zsh: syntax error"; fail=1; }
else
	echo "zsh not installed: syntax check skipped"
fi
if command -v fish >/dev/null; then
	fish -n "$src/completions/vmtriage.fish" || { echo "fish: syntax error"; fail=1; }
else
	echo "fish not installed: syntax check skipped"
fi
exit $fail
