# A bundles report of bhyve(8) and QEMU/KVM logs read back by merge keeps
# each crash's hypervisor, and with it the hypervisor's class words.
cd "$VT_SOURCE_DIR/samples/logs" || exit 3
"$VMTRIAGE" bundles -q --json --ext none bhyve-inst-emul.log qemu-entry-failed.log >"$OLDPWD/r.json" 2>/dev/null
cd "$OLDPWD" || exit 3
"$VMTRIAGE" merge --json r.json | python3 -c '
import json, sys
report = json.load(sys.stdin)
for c in report["crashes"]:
    print(c["line"], c["hypervisor"], c["class"], "|", c["summary"])
for c in report["clusters"]:
    print(c["signature"], "|", c.get("summary"))'
