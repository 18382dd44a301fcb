#!/bin/sh
# Attack: terminal escapes and bidi overrides in untrusted text: a log file
# name (scan), tar member names (bundles "at ..." and -v crash lines), a log
# line that ends up in an excerpt (U+202E), a line piped into decode, and a
# corpus case named in Latin-1 (gate --junit must stay valid XML), and a
# stored expectation holding ESC, U+202E and C1 in a value and a case named
# with ESC, shown by bless's diff. No raw
# ESC, BEL, C1 or U+202E may reach stdout or stderr; each shows as an escape.
. "$2/tests/shell/lib/hostile.sh"
need_python
esc=$(printf '\033')
rlo=$(printf '\342\200\256')
raw_check() { # no ESC, BEL, CSI (C1) or RLO in out or err
	if grep -q "$esc\|$(printf '\007')\|$(printf '\302\233')\|$rlo" "$t/out" "$t/err"; then
		echo "FAIL: $1: a raw control reached the terminal"; od -c "$t/out" "$t/err" | grep -m3 '033\|007\|342'; fail=1
	fi
}
evil=$(printf 'x\033]0;pwned\007\342\200\256gol.log')
crashlog | sed "1s/^/$rlo/" >"$t/$evil"
run 20 "$bin" scan "$t/$evil"
expect_out 'crash 1  .*x\\x1b\]0;pwned\\x07\\u\{202e\}gol.log:' "the file name is escaped in the crash header"
raw_check "scan text"
run 20 "$bin" scan "$t/$evil" "$t/missing$(printf '\033[2J')"
expect_err 'missing\\x1b\[2J' "the error names the file escaped"
raw_check "scan errors"

# A bundle whose log member name and whose excerpt carry escapes.
d=$(zonedir oxz_propolis-server_3b9e5c1a-7d2f-4c8e-9a41-0f6b2d8e1c33)
crashlog | sed "s/^/$rlo/" >"$t/log"
mkbundle "$d/e2c1b0a9-aaaa-4bbb-8ccc-000000000001.tar.gz" \
	"$(printf 'system-illumos-propolis-server:default.log\033[31m')=$t/log" \
	"$(printf 'stray\033]52;c;ZXZpbA\007')=$t/log"
run 30 "$bin" bundles -v "$t/pool/int"
expect_out 'default.log\\x1b\[31m' "the member name is escaped"
raw_check "bundles text"

# decode echoes its stdin input.
printf 'vCPU 0: Unhandled VM exit: InstEmul(InstEmul { inst_data: [243, 110], len: 2 }) \342\200\256\033[8m\n' >"$t/in"
run 20 "$bin" decode <"$t/in"
expect_out 'input .*\\u\{202e\}\\x1b\[8m' "decode's echo is escaped"
raw_check "decode"

# A corpus case named in Latin-1: the JUnit report is still valid XML.
mkdir -p "$t/c" "$t/tr"
cp "$src/samples/corpus/compat32-rep-outsb.json" "$t/c/caf$(printf '\351').json"
run 20 "$bin" corpus gate "$t/c" --traces "$t/tr" --junit "$t/junit.xml"
"$py" -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$t/junit.xml" ||
	{ echo "FAIL: gate --junit wrote invalid XML for a Latin-1 case name"; fail=1; }
grep -q 'caf\\xe9' "$t/junit.xml" || { echo "FAIL: the Latin-1 byte is not shown as an escape"; fail=1; }
expect_out 'MISSING caf\\xe9' "the text report escapes the case name"

# corpus bless shows a diff of a stored expectation from outside: its values
# and the case's name are escaped.
mkdir -p "$t/b"
name=$(printf 'x\033]0;pwned\007y')
cp "$src/samples/corpus/compat32-rep-outsb.json" "$t/b/$name.json"
sed 's/"reason":\t*null/"reason": "ok \\u001b[2J\\u202egol\\u009b31m"/' \
	"$src/samples/corpus/compat32-rep-outsb.expect.json" >"$t/b/$name.expect.json"
grep -q 'u202e' "$t/b/$name.expect.json" || { echo "FAIL: test setup: no planted reason"; fail=1; }
run 20 "$bin" corpus bless --dry-run "$t/b"
expect_out '^-.*"reason":.*"ok \\u001b\[2J\\u\{202e\}gol\\u\{9b\}31m"' "bless's diff escapes a stored value"
expect_out '^--- .*x\\x1b\]0;pwned\\x07y.expect.json$' "bless's diff escapes the case name"
raw_check "corpus bless diff"
finish
