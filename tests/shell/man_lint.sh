#!/bin/sh
# Every man page is mandoc -Tlint clean at warning level, and every command
# has a page.
set -u
bin=$1 src=$2
fail=0
mandoc -Tlint -W warning "$src"/man/*.[0-9] || fail=1
for c in $("$bin" help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p'); do
	case $c in help | version) continue ;; esac
	[ -f "$src/man/vmtriage-$c.1" ] || { echo "no man page for $c"; fail=1; }
done
exit $fail
