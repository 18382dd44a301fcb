# Named checks for the shell tests that print one "ok"/"FAIL" line a check
# and count failures in $fails (clickhouse.sh, fleet_server.sh, pipelines.sh).
fails=0
check() { # NAME WANT GOT
	if [ "$2" = "$3" ]; then
		echo "ok   $1"
	else
		echo "FAIL $1: want [$2], got [$3]"
		fails=$((fails + 1))
	fi
}
has() { # NAME FILE TEXT: TEXT is a line (or part of one) of FILE
	if grep -F -q -- "$3" "$2"; then
		echo "ok   $1"
	else
		echo "FAIL $1: no [$3] in:"
		cat "$2"
		fails=$((fails + 1))
	fi
}
