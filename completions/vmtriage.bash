# bash completion for vmtriage                                -*- shell-script -*-
# Each command has its own _vmtriage_<command> function below.

_vmtriage_commands="bundles decode firmware help scan version"
_vmtriage_classes="string-io mmio empty garbage redacted paging vmx-error svm-error unknown-exit debug-exit vcpu-error triple-fault other-panic unknown"

_vmtriage_words() {
	# shellcheck disable=SC2207
	COMPREPLY=($(compgen -W "$1" -- "$cur"))
}

# --- bundles ---
_vmtriage_bundles() {
	case $prev in
	--ext) _vmtriage_words "none"; compopt -o dirnames 2>/dev/null; return ;;
	--class) _vmtriage_words "$_vmtriage_classes"; return ;;
	--color) _vmtriage_words "auto always never"; return ;;
	--zone | --since | --until | -j | --threads) return ;;
	esac
	case $cur in
	-*) _vmtriage_words "--ext --zone --since --until --class --json --ndjson --verbose --quiet --exit-code --threads --color --help" ;;
	esac
}
# --- end bundles ---

# --- decode ---
_vmtriage_decode() {
	case $prev in
	-m | --mode) _vmtriage_words "16 32 64"; return ;;
	--rip) return ;;
	--color) _vmtriage_words "auto always never"; return ;;
	esac
	case $cur in
	-*) _vmtriage_words "--mode --rip --dec --hex --json --ndjson --color --help" ;;
	esac
}
# --- end decode ---

# --- firmware ---
_vmtriage_firmware() {
	case $prev in
	-C | --context) _vmtriage_words "0 1 2 3 4 5 6 7 8"; return ;;
	--color) _vmtriage_words "auto always never"; return ;;
	esac
	case $cur in
	-*) _vmtriage_words "--context --all --list --exit-code --json --ndjson --color --help" ;;
	esac # images: `complete -o default` offers file names
}
# --- end firmware ---

# --- scan ---
_vmtriage_scan() {
	case $prev in
	--emit-snapshot)
		# shellcheck disable=SC2207
		COMPREPLY=($(compgen -d -- "$cur"))
		return
		;;
	--max-line) return ;;
	--color) _vmtriage_words "auto always never"; return ;;
	esac
	case $cur in
	-*) _vmtriage_words "--json --ndjson --all-panics --exit-code --emit-snapshot --max-line --color --help" ;;
	esac # logs: `complete -o default` offers file names
}
# --- end scan ---

# --- help ---
_vmtriage_help() {
	_vmtriage_words "$_vmtriage_commands"
}
# --- end help ---

_vmtriage() {
	local cur prev cmd
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	if [ "$COMP_CWORD" -eq 1 ]; then
		_vmtriage_words "$_vmtriage_commands --version --help"
		return
	fi
	cmd=${COMP_WORDS[1]}
	if declare -F "_vmtriage_$cmd" >/dev/null; then
		"_vmtriage_$cmd"
	fi
}
complete -o default -F _vmtriage vmtriage
