# bash completion for vmtriage                                -*- shell-script -*-
# Each command has its own _vmtriage_<command> function below.

_vmtriage_models="c2bc58f9 7bb3e125"
_vmtriage_queries="top-signatures new-signatures crashes-per-sled class-over-time zones-for-signature"
_vmtriage_commands="bundles corpus decode firmware fleet help merge replay scan version"
# The subcommand tables of corpus and fleet (`vmtriage corpus --help`, `vmtriage fleet --help`).
_vmtriage_corpus_subcommands="add bless check gate"
_vmtriage_fleet_subcommands="load schema server"
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
	-m | --model) _vmtriage_words "$_vmtriage_models"; return ;;
	--color) _vmtriage_words "auto always never"; return ;;
	--emit-snapshot) compopt -o dirnames 2>/dev/null; return ;;
	--zone | --since | --until | -j | --threads | --sled | --rack | --max-member-bytes) return ;;
	esac
	case $cur in
	-*) _vmtriage_words "--ext --zone --since --until --class --json --ndjson --verbose --quiet --stats --model --exit-code --emit-snapshot --force --threads --sled --rack --max-member-bytes --color --help" ;;
	esac
}
# --- end bundles ---

# --- decode ---
_vmtriage_decode() {
	case $prev in
	-m | --mode) _vmtriage_words "16 32 64"; return ;;
	--rip) return ;;
	--hypervisor) _vmtriage_words "propolis propolis-standalone bhyve qemu-kvm"; return ;;
	--color) _vmtriage_words "auto always never"; return ;;
	esac
	case $cur in
	-*) _vmtriage_words "--mode --rip --hypervisor --dec --hex --json --ndjson --color --help" ;;
	esac
}
# --- end decode ---

# --- firmware ---
_vmtriage_firmware() {
	case $prev in
	-C | --context) _vmtriage_words "0 1 2 3 4 5 6 7 8"; return ;;
	--max-code-bytes) return ;;
	-m | --model) _vmtriage_words "$_vmtriage_models"; return ;;
	--color) _vmtriage_words "auto always never"; return ;;
	esac
	case $cur in
	-*) _vmtriage_words "--context --all --list --model --exit-code --max-code-bytes --json --ndjson --color --help" ;;
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
	--max-line | --max-member-bytes) return ;;
	--color) _vmtriage_words "auto always never"; return ;;
	esac
	case $cur in
	-*) _vmtriage_words "--json --ndjson --all-panics --exit-code --emit-snapshot --force --max-line --max-member-bytes --color --help" ;;
	esac # logs: `complete -o default` offers file names
}
# --- end scan ---

# --- fleet ---
_vmtriage_fleet() {
	local sub=${COMP_WORDS[2]}
	if [ "$COMP_CWORD" -eq 2 ] && [[ $cur != -* ]]; then
		_vmtriage_words "$_vmtriage_fleet_subcommands"
		return
	fi
	case $prev in
	-Q | --query) _vmtriage_words "$_vmtriage_queries"; return ;;
	-p | --param) _vmtriage_words "since= signature="; compopt -o nospace 2>/dev/null; return ;;
	--queries) compopt -o dirnames 2>/dev/null; return ;;
	--color) _vmtriage_words "auto always never"; return ;;
	--clickhouse | --timeout | --sled | --rack | --database | --max-line | --port) return ;;
	esac
	case $cur in
	-*)
		case $sub in
		load) _vmtriage_words "--clickhouse --sled --rack --database --max-line --timeout --help" ;;
		schema) _vmtriage_words "--clickhouse --timeout --help" ;;
		server) _vmtriage_words "--port --stop --help" ;;
		*) _vmtriage_words "--clickhouse --query --param --queries --json --ndjson --timeout --color --help" ;;
		esac
		;;
	*) [ "$sub" = server ] && compopt -o dirnames 2>/dev/null ;;
	esac
}
# --- end fleet ---

# --- merge ---
_vmtriage_merge() {
	case $prev in
	--color) _vmtriage_words "auto always never"; return ;;
	esac
	case $cur in
	-*) _vmtriage_words "--json --exit-code --color --help" ;;
	esac
}
# --- end merge ---
# --- corpus ---
_vmtriage_corpus() {
	local sub=${COMP_WORDS[2]}
	if [ "$COMP_CWORD" -eq 2 ]; then
		_vmtriage_words "$_vmtriage_corpus_subcommands --help"
		return
	fi
	case $prev in
	-m | --model) _vmtriage_words "$_vmtriage_models"; return ;;
	-t | --traces) compopt -o dirnames 2>/dev/null; COMPREPLY=(); return ;;
	-f | --from | --junit) COMPREPLY=(); return ;;
	-i | --index | --name | --max-elements) return ;;
	--color) _vmtriage_words "auto always never"; return ;;
	esac
	case $cur in
	-*)
		case $sub in
		add) _vmtriage_words "--from --index --name --force --help" ;;
		bless) _vmtriage_words "--dry-run --max-elements --help" ;;
		check) _vmtriage_words "--json --max-elements --color --help" ;;
		gate) _vmtriage_words "--traces --model --allow-missing --junit --max-elements --json --color --help" ;;
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
	case $cur in
	-*) _vmtriage_words "--help"; return ;;
	esac
	case $COMP_CWORD in
	2) _vmtriage_words "$_vmtriage_commands" ;;
	3)
		case ${COMP_WORDS[2]} in
		corpus) _vmtriage_words "$_vmtriage_corpus_subcommands" ;;
		fleet) _vmtriage_words "$_vmtriage_fleet_subcommands" ;;
		esac
		;;
	esac
}
# --- end help ---

# --- version ---
_vmtriage_version() {
	case $cur in
	-*) _vmtriage_words "--help" ;;
	esac
}
# --- end version ---

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
