# bash completion for vmtriage                                -*- shell-script -*-
# Each command has its own _vmtriage_<command> function below.

_vmtriage_commands="corpus decode help replay version"
_vmtriage_models="c2bc58f9 7bb3e125"
_vmtriage_classes="string-io mmio empty garbage redacted paging vmx-error svm-error unknown-exit debug-exit vcpu-error triple-fault other-panic unknown"

_vmtriage_words() {
	# shellcheck disable=SC2207
	COMPREPLY=($(compgen -W "$1" -- "$cur"))
}

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

# --- corpus ---
_vmtriage_corpus() {
	local sub=${COMP_WORDS[2]}
	if [ "$COMP_CWORD" -eq 2 ]; then
		_vmtriage_words "add bless check gate --help"
		return
	fi
	case $prev in
	-m | --model) _vmtriage_words "$_vmtriage_models"; return ;;
	-t | --traces) compopt -o dirnames 2>/dev/null; COMPREPLY=(); return ;;
	-f | --from | --junit) COMPREPLY=(); return ;;
	-i | --index | --name) return ;;
	--color) _vmtriage_words "auto always never"; return ;;
	esac
	case $cur in
	-*)
		case $sub in
		add) _vmtriage_words "--from --index --name --force --help" ;;
		bless) _vmtriage_words "--dry-run --help" ;;
		check) _vmtriage_words "--json --color --help" ;;
		gate) _vmtriage_words "--traces --model --allow-missing --junit --json --color --help" ;;
		esac
		;;
	esac
}
# --- end corpus ---

# --- replay ---
_vmtriage_replay() {
	case $prev in
	-t | --trace) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--max-elements) return ;;
	-m | --model) _vmtriage_words "$_vmtriage_models"; return ;;
	--color) _vmtriage_words "auto always never"; return ;;
	esac
	case $cur in
	-*) _vmtriage_words "--json --ndjson --trace --max-elements --exit-code --model --color --help" ;;
	*) COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur")) ;;
	esac
}
# --- end replay ---

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
