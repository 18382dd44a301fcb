# bhyve(8): vm exit dumps (VMX, SVM, PAGING) and every generation's
# instruction-emulation failure; exit reasons and codes named from the SDM/APM;
# the failure with its "Unhandled memory access" line on either side, or alone.
cd "$VT_SOURCE_DIR/samples/logs" && COLUMNS=80 "$VMTRIAGE" scan bhyve-vmx-dump.log bhyve-svm-dump.log bhyve-inst-emul.log bhyve-failure-order.log
