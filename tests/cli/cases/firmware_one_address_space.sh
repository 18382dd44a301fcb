# firmware listings use one address space, labelled: the left column is the
# linked address, as branch targets are (`call 0x1015` lands on the line
# `> 0x1015`), and the summary says what the linear-sweep-only bytes are.
cd "$VT_SOURCE_DIR" || exit 3
$VMTRIAGE firmware samples/firmware/lzma.fd >"$OLDPWD/out.txt"
grep -m1 'call 0x1015' "$OLDPWD/out.txt"
grep -m1 '^  > 0x1015 ' "$OLDPWD/out.txt"
grep -m1 'addresses are linked addresses' "$OLDPWD/out.txt"
head -1 "$OLDPWD/out.txt" | grep -o 'INS/OUTS bytes no control flow reaches.*'
