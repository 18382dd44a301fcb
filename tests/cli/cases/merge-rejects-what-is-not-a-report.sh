# A file that is not a bundles --json report is malformed input (exit 2).
printf '{"clusters": []}\n' >notreport.json
"$VMTRIAGE" merge notreport.json
