# Numbers out of their range are malformed input (exit 2), never cast
# (1e300 into an integer is undefined behaviour).
row='"path":"l.log","member":"l.log","exit_kind":"Paging","signature":"Paging/paging","class":"paging"'
for f in '"line":1e300' '"line":1,"vcpu":-1e300' '"line":-1'; do
	printf '{%s,%s}\n' "$row" "$f" >r.ndjson
	"$VMTRIAGE" merge r.ndjson
	echo "exit $?"
done
printf '{"crashes":[],"bundles":[{"zone":"z","bundle_id":"b","members":1e300}]}' >m.json
"$VMTRIAGE" merge m.json
echo "exit $?"
printf '{"crashes":[],"bundles":[{"zone":"z","bundle_id":"b","cores":[{"path":"c","size":-1e300}]}]}' >c.json
"$VMTRIAGE" merge c.json
echo "exit $?"
