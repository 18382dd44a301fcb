# Each command's --help states the exit statuses it can return: 1 only where
# --exit-code (or, for corpus check/gate, a failing case) produces it.
for c in scan decode bundles replay firmware fleet merge "corpus check" "corpus gate" "corpus add" "corpus bless"; do
	echo "$c: $($VMTRIAGE $c --help | tail -1)"
done
