# A report that cannot be read is a runtime error (exit 3).
"$VMTRIAGE" merge no-such-report.json
