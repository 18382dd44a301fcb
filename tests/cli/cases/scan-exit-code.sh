# --exit-code: 1 when crashes were found, 0 when none; other panics only with --all-panics.
cd "$VT_SOURCE_DIR/samples/logs"
"$VMTRIAGE" scan --exit-code nexus-other-panic.log; echo "nexus: $?"
"$VMTRIAGE" scan --exit-code --all-panics nexus-other-panic.log >/dev/null; echo "nexus --all-panics: $?"
"$VMTRIAGE" scan --exit-code propolis-340-paging.log >/dev/null; echo "paging: $?"
