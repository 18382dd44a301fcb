#!/bin/sh
# At a terminal (a pseudo-terminal from lib/on_tty.py): colour follows
# TERM and NO_COLOR, every SGR sequence is closed before its newline, prose
# wraps at no more than 100 columns on a wide terminal, and scan/decode with
# no operands say they are reading standard input instead of waiting silently.
# Usage: sh terminal.sh BIN SRCDIR BUILDDIR
set -u
bin=$1 src=$2
tty="python3 $src/tests/shell/lib/on_tty.py"
fails=0
out=$(mktemp "${TMPDIR:-/tmp}/vt-tty.XXXXXX") || exit 3
trap 'rm -f "$out"' EXIT
unset NO_COLOR COLUMNS
cd "$src" || exit 3

fail() { echo "FAIL $*"; fails=$((fails + 1)); }
esc=$(printf '\033')

TERM=xterm $tty "$bin" decode f3 6e >"$out"
grep -q "$esc\[" "$out" && echo "ok   xterm gets colour" || fail "TERM=xterm: no colour"
TERM=dumb $tty "$bin" decode f3 6e >"$out"
grep -q "$esc\[" "$out" && fail "TERM=dumb got colour" || echo "ok   TERM=dumb: no colour"
TERM=xterm NO_COLOR=1 $tty "$bin" decode f3 6e >"$out"
grep -q "$esc\[" "$out" && fail "NO_COLOR got colour" || echo "ok   NO_COLOR: no colour"

# Each line ends with its attributes reset: no line starts with a reset,
# and a line that sets an attribute resets it before the newline.
sgr_closed() { # NAME: reads the output on stdin
	python3 -c '
import re, sys
bad = 0
for n, line in enumerate(sys.stdin.read().split("\n"), 1):
    codes = re.findall("\x1b\\[([0-9;]*)m", line)
    if line.startswith("\x1b[0m") or (codes and codes[-1] not in ("0", "")):
        print("  line %d: %r" % (n, line)); bad = 1
sys.exit(bad)' && echo "ok   $1: SGR reset before each newline" || fail "$1: SGR left open across a newline"
}
"$bin" decode --color always f3 6e | sgr_closed decode
"$bin" scan --color always samples/logs/propolis-795-bunyan.log | sgr_closed scan
"$bin" bundles -q --color always samples/pool/int | sgr_closed bundles
"$bin" replay --color always samples/snapshots/ovmf-debugcon-rep-outsb.json | sgr_closed replay
"$bin" replay --color always --model c2bc58f9 samples/corpus/pf-rep-outsb-notpresent.json | sgr_closed "replay --model"
"$bin" corpus gate --color always --model c2bc58f9 samples/corpus | sgr_closed "corpus gate"
"$bin" firmware --color always samples/firmware/lzma.fd | sgr_closed firmware

# A 160-column terminal: tables may use it, prose stays readable.
TERM=dumb $tty --cols 160 "$bin" decode f3 6e >"$out"
long=$(awk 'length($0) > 100' "$out" | wc -l | tr -d ' ')
[ "$long" = 0 ] && echo "ok   prose wraps at 100 on a 160-column terminal" || fail "$long lines over 100 columns"
grep -q '^why  .\{80,\}' "$out" && echo "ok   prose uses more than 80 columns there" || fail "prose still wraps at 80"

# No operands at a terminal: say stdin is read (then Ctrl-D ends it).
for c in scan decode; do
	TERM=dumb $tty --eof "$bin" $c >"$out"
	grep -q "vmtriage: $c: reading .* from standard input" "$out" &&
		echo "ok   $c at a terminal says it reads stdin" || { fail "$c: silent on a terminal"; cat "$out"; }
done
# ...but not when stdin is a pipe or file: scripts see no chatter.
"$bin" scan </dev/null 2>"$out" >/dev/null
[ -s "$out" ] && fail "scan </dev/null wrote to stderr: $(cat "$out")" || echo "ok   scan from a file is silent"

[ $fails -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "all terminal checks passed"
