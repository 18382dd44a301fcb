# Every byte form another command prints, a QEMU Code= line, qemu-kvm
# 0.12's code: line (kvm_show_code: " -->" before RIP's byte, "xx" for an
# unreadable one), a C array and
# dump lines, one a line on stdin: form, bytes and signature of each; the
# dumps' offsets are dropped with a warning (stderr), never decoded.
cat >forms.txt <<'IN'
f36e
"f3 6e"
[243,110]
"bytes": "f36e"
RAX=0000000000000000 Code=00 00 90 90 <f3> 6e eb 0a ?? ??
code: 00 00 90 90 --> f3 6e eb 0a xx xx
unsigned char code[] = {0xf3, 0x6e};
0000: f3 6e
00000010  f3 6e eb 0a 90 90 90 90  90 90 90 90 90 90 90 90  |.n..............|
00000010: f36e eb0a                                .n..
IN
"$VMTRIAGE" decode --ndjson <forms.txt | python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    print(d["form"], d["bytes"], d["instruction"]["text"], d["signature_id"])
'
