# Garbage in any form is an error naming the line (exit 2); good lines still decode.
printf '{0xf3, 0xzz}\nCode=?? ?? ??\n0000000 6ef3 894c\nf3 6e\n' >in.txt
"$VMTRIAGE" decode --ndjson <in.txt >out.ndjson
echo "exit $?"
cut -c1-60 out.ndjson
