# Times: RFC 3339 UTC in "time", the printed text in "time_text". A time
# without a date is placed after the log's earlier full date (here the
# next day: 18:41 comes after 23:59), never guessed without one (null and
# a warning that counts it).
{ printf '2024-10-22T23:59:00.000Z INFO propolis-server: started\n'
  cat "$VT_SOURCE_DIR/samples/logs/propolis-pretty-795.log"; } >dated.log
"$VMTRIAGE" scan --ndjson dated.log | grep -o '"time":[^,]*,"time_text":[^,]*'
"$VMTRIAGE" scan --json "$VT_SOURCE_DIR/samples/logs/propolis-pretty-795.log" >undated.json
echo "exit $?"
grep -o '"time":[^,]*,' undated.json | sort | uniq -c
grep -A3 '"warnings"' undated.json | grep -o '"message":.*'
