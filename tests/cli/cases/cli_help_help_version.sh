# `help` and `version` answer --help like every command: `help help` and
# `help version` print their usage (exit 0), not an error.
$VMTRIAGE help help; echo "exit $?"
$VMTRIAGE help version; echo "exit $?"
$VMTRIAGE version --help | head -1; echo "exit $?"
$VMTRIAGE help scan extra; echo "exit $?"
$VMTRIAGE version extra; echo "exit $?"
