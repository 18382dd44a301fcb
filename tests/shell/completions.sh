#!/bin/sh
# Completions: bash answers real queries; zsh and fish files parse; every
# command in `vmtriage help` is offered, and every decode option exists.
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
