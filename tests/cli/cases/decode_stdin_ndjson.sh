# Batch mode: one crash a line on stdin, every accepted form, one JSON object a line.
cat >in <<'IN'
f3 6c
66 f3 6f
# a comment line is skipped
\xf3\x67\x6e
vCPU 0: Unhandled VM exit: InstEmul(InstEmul { inst_data: <guest data redacted>, len: 15 })
unemulated instruction [f3, 6c] as rip:859f60
ERRO Unhandled exit @rip:00859f60 InstEmul(InstEmul { inst_data: [243, 108, 235, 10, 227, 8, 236, 136, 7, 72, 255, 199, 226, 248, 76], len: 15 })
175 175 175 175 175 175 175 175 175 175 175 175 175 175 175
[87, 194, 74, 179, 4, 116, 251, 176, 123, 154, 255, 255, 61, 97, 0]
IN
$VMTRIAGE decode --ndjson <in >out; rc=$?
# The fields that matter per line: class and faulting instruction.
sed 's/.*"instruction":\({[^}]*"text":"\([^"]*\)"\)\{0,1\}.*"class":"\([^"]*\)".*/\3	\2/' out
exit $rc
